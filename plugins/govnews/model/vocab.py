"""Vocabularies editors maintain in ``docs/_vocab/``: topics, places (a hierarchy), types, and
any other a configured facet names (departments.yml …)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from govnews.common import yamlio
from govnews.common.diagnostics import Problems, closest, suggestion
from govnews.common.text import SLUG_RE, slugify


@dataclass
class Term:
    name: str
    slug: str
    description: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    main: bool = False
    line: int = 1
    depth: int = 0
    kind: str = ""                          # column kind for `govnews audit`: 动态 / 政策 / 通知公告
    misspellings: tuple[str, ...] = ()      # wrong forms the wording check flags (wording.py)


@dataclass
class Vocabulary:
    """One vocabulary: terms in file order, lookup by name or alias, ancestors for hierarchies."""

    kind: str
    path: str
    terms: dict[str, Term] = field(default_factory=dict)
    builtin: bool = False      # govnews' own file (data/vocab/), not the editor's
    _alias: dict[str, str] = field(default_factory=dict)

    def add(self, term: Term, problems: Problems) -> None:
        if term.name in self.terms or term.name in self._alias:
            problems.add(self.path, term.line, f"词表中「{term.name}」重复")
            return
        self.terms[term.name] = term
        for alias in term.aliases:
            if alias in self.terms or alias in self._alias:
                problems.add(self.path, term.line, f"别名「{alias}」与已有词条重复")
            else:
                self._alias[alias] = term.name

    def resolve(self, name: str) -> Term | None:
        """The term for a name or alias."""
        name = str(name).strip()
        canonical = name if name in self.terms else self._alias.get(name)
        return self.terms.get(canonical) if canonical else None

    def suggest(self, name: str) -> str:
        match = closest(name, list(self.terms) + list(self._alias))
        return f"（是否应为「{self._alias.get(match, match)}」？）" if match else ""   # a term's own name

    def hint(self, name: str) -> str:
        """The closest term, or where to add a new one when nothing is close."""
        return self.suggest(name) or f"（词表中没有相近的词；如需新增，请在 {self.path} 中添加）"

    def ancestors(self, name: str) -> list[str]:
        """Parents of a term, nearest first."""
        out: list[str] = []
        term = self.terms.get(name)
        while term is not None and term.parent:
            out.append(term.parent)
            term = self.terms.get(term.parent)
        return out

    def children(self, name: str | None) -> list[Term]:
        return [t for t in self.terms.values() if t.parent == name]


class Vocabularies:
    """The vocabularies of a build by name (the file name in docs/_vocab/ without .yml).

    topics, places and types are the defaults' (the importer reads them); a facet may name
    any other. A name no file was loaded for is an empty vocabulary."""

    def __init__(self, vocabs: dict[str, Vocabulary] | None = None, **named: Vocabulary):
        self._vocabs = {**(vocabs or {}), **named}

    def get(self, kind: str) -> Vocabulary:
        vocab = self._vocabs.get(kind)
        if vocab is None:
            vocab = self._vocabs[kind] = Vocabulary(kind, f"{kind}.yml")
        return vocab

    def names(self) -> list[str]:
        return list(self._vocabs)

    @property
    def topics(self) -> Vocabulary:
        return self.get("topics")

    @property
    def places(self) -> Vocabulary:
        return self.get("places")

    @property
    def types(self) -> Vocabulary:
        return self.get("types")


DEFAULT_KINDS = ("topics", "places", "types")
# 国办秘函〔2019〕19号 judges columns by kind: 动态 (news) 2 weeks, 政策/通知公告 6 months (audit.py)
COLUMN_KINDS = ("动态", "政策", "通知公告")


# vocabularies shipped with govnews, used when a project has no file of its own
PACKAGE_VOCAB_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "vocab")


def load_vocabularies(vocab_dir: str, problems: Problems, display_dir: str | None = None,
                      kinds=DEFAULT_KINDS, optional=()) -> Vocabularies:
    """The vocabularies `kinds` (docs/_vocab/<kind>.yml); a missing file is a problem, except
    for `optional` kinds (facets of some article types only, e.g. a policy document's 发文机关:
    a site without documents needs no such file): govnews' own file then, or an empty one."""
    vocabs = {}
    for kind in dict.fromkeys(kinds):
        filename = kind + ".yml"
        path = os.path.join(vocab_dir, filename)
        shown = os.path.join(display_dir, filename) if display_dir else path
        if kind in optional and not os.path.isfile(path):
            default = os.path.join(PACKAGE_VOCAB_DIR, filename)
            vocabs[kind] = _load_one(kind, default, shown, problems) if os.path.isfile(default) \
                else Vocabulary(kind, shown)
            vocabs[kind].builtin = True
            continue
        vocabs[kind] = _load_one(kind, path, shown, problems)
    return Vocabularies(vocabs)


def load_facet_vocabularies(vocab_dir: str, facets, problems: Problems, display_dir: str | None = None,
                            extra=()) -> Vocabularies:
    """The vocabularies the facets declare (settings.facets), and `extra` kinds; a vocabulary
    of facets of some article types only (a policy document's 发文机关) may be missing."""
    kinds = [*extra, *(s.vocabulary for s in facets if s.vocabulary)]
    optional = {s.vocabulary for s in facets if s.vocabulary and s.types}
    return load_vocabularies(vocab_dir, problems, display_dir, kinds=kinds, optional=optional)


def _load_one(kind: str, path: str, shown: str, problems: Problems) -> Vocabulary:
    vocab = Vocabulary(kind, shown)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yamlio.load_with_lines(fh.read())
    except FileNotFoundError:
        problems.add(shown, 1, f"缺少词表文件（{kind}）")
        return vocab
    except yaml.YAMLError as exc:
        problems.add(shown, yamlio.error_line(exc) or 1, yamlio.describe_error(exc))
        return vocab
    if data is None:
        return vocab
    if not isinstance(data, list):
        problems.add(shown, 1, "词表应是一个列表（每项以“- name: …”开头）")
        return vocab
    _add_terms(vocab, data, None, 0, problems)
    slugs: dict[str, str] = {}
    for term in vocab.terms.values():
        if term.slug in slugs:
            problems.add(shown, term.line, f"slug「{term.slug}」与「{slugs[term.slug]}」重复")
        slugs[term.slug] = term.name
    return vocab


def _add_terms(vocab: Vocabulary, items: list, parent: str | None, depth: int, problems: Problems) -> None:
    for item in items:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            line = item.get(yamlio.LINE_KEY, 1) if isinstance(item, dict) else 1
            problems.add(vocab.path, line, "词条缺少 name")
            continue
        line = item.get(yamlio.LINE_KEY, 1)
        name = str(item["name"]).strip()
        slug = str(item.get("slug") or slugify(name))
        if not SLUG_RE.match(slug):
            problems.add(vocab.path, line, f"slug「{slug}」只能用小写字母、数字和连字符（是否应为「{slugify(slug)}」？）")
        kind = str(item.get("kind") or "").strip()
        if kind and kind not in COLUMN_KINDS:
            problems.add(vocab.path, line, f"kind「{kind}」应为 {'、'.join(COLUMN_KINDS)} 之一{suggestion(kind, COLUMN_KINDS)}")
            kind = ""
        term = Term(
            name=name,
            slug=slug,
            description=str(item.get("description") or ""),
            parent=parent,
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            keywords=tuple(str(k) for k in item.get("keywords") or ()),
            main=bool(item.get("main", False)),
            line=line,
            depth=depth,
            kind=kind,
            misspellings=tuple(str(m) for m in item.get("misspellings") or ()),
        )
        vocab.add(term, problems)
        children = item.get("children") or []
        if not isinstance(children, list):
            problems.add(vocab.path, line, "children 应是列表")
            continue
        _add_terms(vocab, children, name, depth + 1, problems)
