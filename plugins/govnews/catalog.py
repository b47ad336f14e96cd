"""The catalog: every article's front matter parsed once per build and checked.

Everything else (facets, views, feeds, search, `govnews check`) reads the catalog, never
the files again.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

import yaml
from frontmatter.default_handlers import YAMLHandler

from . import yamlio
from .diagnostics import WARNING, Problems, suggestion
from .settings import Settings
from .text import SLUG_RE, first_sentences, parse_date
from .vocab import Vocabularies

KNOWN_FIELDS = (
    "title", "kicker", "subtitle", "date", "updated", "update_note", "author", "town", "topic",
    "type", "source", "summary", "slug", "draft", "policy", "image", "keywords",
    "editor",   # staff lines of imported pages (责任编辑：…); kept, not shown
)
DEFAULT_TYPE = "新闻"
BYLINE_ROLES = ("见习记者", "特约记者", "记者", "通讯员", "实习生", "摄影", "摄", "编辑", "撰稿", "文", "图")
_SPLIT_AUTHORS = re.compile(r"[、，,；;/]+")
_HANDLER = YAMLHandler()


@dataclass(frozen=True)
class Author:
    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.role} {self.name}" if self.role else self.name


@dataclass
class Article:
    src: str                        # path relative to docs_dir, posix
    path: str                       # path shown to editors (relative to the project)
    title: str = ""
    date: datetime | None = None
    url: str = ""                   # site-relative, e.g. articles/2024/hu-tang/
    kicker: str = ""
    subtitle: str = ""
    updated: datetime | None = None
    update_note: str = ""
    authors: tuple[Author, ...] = ()
    town: str | None = None
    topics: tuple[str, ...] = ()
    type: str = DEFAULT_TYPE
    source: str = ""
    summary: str = ""
    slug: str = ""
    draft: bool = False
    extra: dict = field(default_factory=dict)   # policy, image, keywords …
    body: str | None = None         # released once MkDocs has read it
    body_line: int = 1
    excerpt: str = ""
    abs_path: str = ""
    key_lines: dict = field(default_factory=dict)   # front-matter key → line, for later checks
    listed: bool = True             # false when the metadata is too broken to place it
    future: bool = False

    @property
    def year(self) -> int:
        return self.date.year if self.date else 0

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.name for a in self.authors))

    def sort_key(self):
        """Newest first, then by URL: a total order, so output is deterministic."""
        return (-(self.date.timestamp() if self.date else 0), self.url)


@dataclass
class Catalog:
    articles: list[Article]                  # every article read, drafts included
    listed: list[Article]                    # published and placeable, newest first
    by_src: dict[str, Article]
    by_url: dict[str, Article]


def parse_authors(value) -> tuple[Author, ...]:
    """'记者 何晓丹、通讯员 屠东君' or a list of such → authors with roles."""
    items = value if isinstance(value, list) else [value]
    authors: list[Author] = []
    for item in items:
        for chunk in _SPLIT_AUTHORS.split(str(item)):
            role = ""
            for token in chunk.replace("\u3000", " ").split():
                token = token.strip("□■() （）")
                if not token:
                    continue
                if token in BYLINE_ROLES:
                    role = token
                else:
                    authors.append(Author(token, role))
    return tuple(authors)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def read_article(src: str, shown: str, text: str, vocabs: Vocabularies, settings: Settings,
                 problems: Problems) -> Article:
    """Parse and check one article. Always returns an Article: text is never dropped."""
    art = Article(src=src, path=shown, body=text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _HANDLER.detect(text):
        problems.add(shown, 1, "缺少 front matter（文件应以 --- 开头，写明 title、date 等）")
        art.listed = False
        return art
    try:
        fm, body = _HANDLER.split(text)
    except ValueError:
        problems.add(shown, 1, "front matter 没有结束（缺少第二个 ---）")
        art.listed = False
        return art
    art.body = body
    art.body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        meta = yamlio.load(fm)
    except yaml.YAMLError as exc:
        line = yamlio.error_line(exc) or 1  # fm starts on the opening --- line
        problems.add(shown, line, yamlio.describe_error(exc))
        art.listed = False
        return art
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.add(shown, 2, "front matter 应是“字段: 值”的形式")
        art.listed = False
        return art
    key_lines = yamlio.top_level_key_lines(fm)  # fm keeps the opening line, so lines match the file
    art.key_lines = key_lines

    def line_of(key: str) -> int:
        return key_lines.get(key, 1)

    def err(key: str, message: str, severity: str = "error") -> None:
        problems.add(shown, line_of(key), message, severity)

    for key in meta:
        if key not in KNOWN_FIELDS:
            err(str(key), f"未知字段「{key}」{suggestion(str(key), KNOWN_FIELDS)}", WARNING)
        elif key == "keywords":
            pass

    art.title = str(meta.get("title") or "").strip()
    if not art.title:
        err("title", "缺少标题 title")
        art.title = os.path.splitext(os.path.basename(src))[0]
    art.kicker = str(meta.get("kicker") or "").strip()
    art.subtitle = str(meta.get("subtitle") or "").strip()
    art.source = str(meta.get("source") or "").strip()
    art.summary = str(meta.get("summary") or "").strip()
    art.update_note = str(meta.get("update_note") or "").strip()

    if "date" not in meta or meta.get("date") in (None, ""):
        err("date", "缺少日期 date（例如 date: 2024-05-29）")
        art.listed = False
    else:
        try:
            art.date = parse_date(meta["date"])
        except ValueError as exc:
            err("date", str(exc))
            art.listed = False
    if meta.get("updated") not in (None, ""):
        try:
            art.updated = parse_date(meta["updated"])
        except ValueError as exc:
            err("updated", str(exc))

    art.authors = parse_authors(meta["author"]) if meta.get("author") else ()

    topics: list[str] = []
    for name in _as_list(meta.get("topic")):
        term = vocabs.topics.resolve(str(name))
        if term is None:
            err("topic", f"未知专题「{name}」{vocabs.topics.suggest(str(name))}")
        elif term.name not in topics:
            topics.append(term.name)
    art.topics = tuple(topics)

    town = meta.get("town")
    if isinstance(town, list):
        err("town", "town 只能写一个地名")
        town = town[0] if town else None
    if town not in (None, ""):
        term = vocabs.places.resolve(str(town))
        if term is None:
            err("town", f"未知地名「{town}」{vocabs.places.suggest(str(town))}")
        else:
            art.town = term.name

    kind = meta.get("type")
    if kind not in (None, ""):
        term = vocabs.types.resolve(str(kind))
        if term is None:
            names = "、".join(vocabs.types.terms)
            err("type", f"类型「{kind}」不存在，应为 {names} 之一{vocabs.types.suggest(str(kind))}")
        else:
            art.type = term.name

    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        err("draft", f"draft 应为 true 或 false，而不是「{draft}」")
        draft = bool(draft)
    art.draft = draft

    slug = meta.get("slug")
    if slug not in (None, ""):
        slug = str(slug)
        if not SLUG_RE.match(slug):
            err("slug", f"slug「{slug}」只能用小写字母、数字和连字符")
            slug = None
    art.slug = str(slug or os.path.splitext(os.path.basename(src))[0])

    art.extra = {k: meta[k] for k in ("policy", "image", "keywords") if k in meta}
    art.excerpt = art.summary or first_sentences(art.body or "")
    return art


def permalink(art: Article, settings: Settings) -> str:
    year = art.date.year if art.date else "undated"
    return settings.permalink.format(year=year, slug=art.slug)


class ParseCache:
    """Parsed articles kept between the rebuilds of one `mkdocs serve` session.

    An entry is reused while the file's mtime and size and the vocabularies are unchanged,
    so editing one article of 5,000 re-parses one file, not 5,000.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, Article, list]] = {}
        self._vocab_sig: tuple = ()

    def validate(self, vocab_sig: tuple) -> None:
        if vocab_sig != self._vocab_sig:
            self._entries.clear()
            self._vocab_sig = vocab_sig

    def get(self, abs_path: str, sig: tuple) -> tuple[Article, list] | None:
        entry = self._entries.get(abs_path)
        if entry is None or entry[0] != sig:
            return None
        return copy.copy(entry[1]), entry[2]

    def put(self, abs_path: str, sig: tuple, art: Article, found: list) -> None:
        kept = copy.copy(art)
        kept.body = None
        self._entries[abs_path] = (sig, kept, found)


def read_body(art: Article) -> str:
    """The Markdown body of an article whose parsed copy came from the cache."""
    with open(art.abs_path, encoding="utf-8") as fh:
        text = fh.read().lstrip("\ufeff")
    if not _HANDLER.detect(text):
        return text
    try:
        return _HANDLER.split(text)[1]
    except ValueError:
        return text


def _file_sig(abs_path: str) -> tuple:
    st = os.stat(abs_path)
    return (st.st_mtime_ns, st.st_size)


def build_catalog(sources: Iterable[tuple[str, str, str]], vocabs: Vocabularies, settings: Settings,
                  problems: Problems, cache: ParseCache | None = None) -> Catalog:
    """sources: (src relative to docs_dir, path shown to editors, absolute path)."""
    articles: list[Article] = []
    for src, shown, abs_path in sources:
        sig = _file_sig(abs_path) if cache is not None else ()
        hit = cache.get(abs_path, sig) if cache is not None else None
        if hit is not None:
            art, found = hit
            art.body = None  # MkDocs re-reads only what it rebuilds; page_source reads it then
            problems.extend(found)
        else:
            try:
                with open(abs_path, encoding="utf-8") as fh:
                    text = fh.read()
            except UnicodeDecodeError:
                problems.add(shown, 1, "文件不是 UTF-8 编码，请另存为 UTF-8")
                continue
            before = len(problems)
            art = read_article(src, shown, text, vocabs, settings, problems)
            if cache is not None:
                cache.put(abs_path, sig, art, problems[before:])
        art.abs_path = abs_path
        art.url = permalink(art, settings)
        if art.date is not None and art.date > settings.now:
            art.future = True
        articles.append(art)

    by_url: dict[str, Article] = {}
    for art in sorted(articles, key=lambda a: a.src):
        other = by_url.get(art.url)
        if other is not None:
            problems.add(art.path, 1, f"网址 /{art.url} 与 {other.path} 重复（slug「{art.slug}」重复，请改 slug）")
            art.listed = False
            continue
        by_url[art.url] = art

    def published(a: Article) -> bool:
        return a.listed and (settings.include_drafts or (not a.draft and not a.future))

    listed = sorted((a for a in articles if published(a)), key=Article.sort_key)
    return Catalog(
        articles=articles,
        listed=listed,
        by_src={a.src: a for a in articles},
        by_url=by_url,
    )


def article_sources(docs_dir: str, settings: Settings, root: str | None = None):
    """Walk docs_dir/articles for .md files (for the CLI; the plugin uses MkDocs' file list)."""
    base = os.path.join(docs_dir, settings.articles_dir)
    root = root or os.getcwd()
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                abs_path = os.path.join(dirpath, name)
                src = os.path.relpath(abs_path, docs_dir).replace(os.sep, "/")
                yield src, os.path.relpath(abs_path, root), abs_path
