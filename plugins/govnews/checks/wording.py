"""Wording check (表述错误): wrong forms of words, place names and officials' names.

Serious wording errors are a veto item of 国办秘函〔2019〕19号. Every wrong form — from
docs/_vocab/wording.yml, near-misses of the place vocabulary and of docs/_vocab/people.yml —
goes into one Aho–Corasick automaton (pyahocorasick), so an article is scanned once however
many terms there are. Right forms go into the same automaton as *shields*: a wrong form
found inside a longer right one (座落 in 一座落成的大楼) is not a finding.

Escapes for quotations and legitimate uses:
- front matter ``wording: ignore`` (whole article) or ``wording: [截止目前, …]`` (those forms);
- a line with ``<!-- wording: ignore -->``; lines between ``<!-- wording: off -->`` and
  ``<!-- wording: on -->``.
"""

from __future__ import annotations

import os
import re
import weakref
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import ahocorasick
import yaml

from govnews.common import radicals, yamlio
from govnews.common.diagnostics import Problems
from govnews.perf import background

WORDING_FILE = "wording.yml"
PEOPLE_FILE = "people.yml"
# near-misses are looked for only in full names with an administrative suffix: 湖糖镇 is
# surely 湖塘镇, while a bare 湖糖 may be anything
PLACE_SUFFIXES = ("街道", "镇", "乡", "区", "市", "县")
TEXT_FIELDS = ("title", "kicker", "subtitle", "summary")
RADICAL_NOTE = "部首字符，外观与汉字相同却不是同一个字：搜索不到、读屏读错；多见于从 PDF 复制的文字"
_LINE_IGNORE = re.compile(r"<!--\s*wording:\s*ignore\s*-->")
_BLOCK = re.compile(r"<!--\s*wording:\s*(off|on)\s*-->")


@dataclass(frozen=True)
class Rule:
    wrong: str
    right: str
    note: str = ""
    source: str = ""
    what: str = ""        # 地名 / 人名 for vocabulary near-misses

    def message(self) -> str:
        extra = "，".join(x for x in (self.what, self.note) if x)
        return f"「{self.wrong}」应为「{self.right}」" + (f"（{extra}）" if extra else "")


class Checker:
    """Wrong forms and shields in one automaton; find() returns (offset, Rule) per finding."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.shields: set[str] = set()
        self._auto: ahocorasick.Automaton | None = None

    def add_rule(self, rule: Rule) -> bool:
        if not rule.wrong or rule.wrong == rule.right or rule.wrong in self.rules or rule.wrong in self.shields:
            return False
        self.rules[rule.wrong] = rule
        return True

    def add_shield(self, text: str) -> None:
        if text:
            self.shields.add(text)
            self.rules.pop(text, None)   # a declared right form is never a wrong one

    def finish(self) -> "Checker":
        auto = ahocorasick.Automaton()
        for wrong, rule in self.rules.items():
            auto.add_word(wrong, (len(wrong), rule))
        for text in self.shields:
            if text not in self.rules:
                auto.add_word(text, (len(text), None))
        if len(auto):
            auto.make_automaton()
            self._auto = auto
        return self

    def find(self, text: str) -> list[tuple[int, Rule]]:
        if self._auto is None or not text:
            return []
        found: list[tuple[int, int, Rule]] = []
        shields: list[tuple[int, int]] = []
        for end, (length, rule) in self._auto.iter(text):
            start = end - length + 1
            if rule is None:
                shields.append((start, end))
            else:
                found.append((start, end, rule))
        if not found:
            return []
        # a finding inside a longer shield (a right word holding the wrong one) is none; one
        # pass over both, sorted by start (a 900 KB article: many of each)
        shields.sort()
        longest_at: dict[int, int] = {}
        for s, e in shields:
            longest_at[s] = max(e, longest_at.get(s, e))
        out = []
        k, reach = 0, -1          # reach: the farthest end of the shields starting before `start`
        for start, end, rule in sorted(found, key=lambda f: (f[0], f[1])):
            while k < len(shields) and shields[k][0] < start:
                reach = max(reach, shields[k][1])
                k += 1
            if reach >= end or longest_at.get(start, -1) > end:
                continue
            out.append((start, rule))
        return out


# -- building the checker from the vocabularies ------------------------------------------

@lru_cache(maxsize=1)
def _homophones() -> dict[str, str]:
    """Toned pinyin → every common CJK character read so (pypinyin's dictionary)."""
    from pypinyin.pinyin_dict import pinyin_dict

    by_reading: dict[str, list[str]] = defaultdict(list)
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            for reading in readings.split(","):
                by_reading[reading].append(chr(code))
    return {k: "".join(v) for k, v in by_reading.items()}


def same_sound_variants(word: str) -> Iterable[str]:
    """Every form of `word` with one character replaced by another of the same toned reading
    (湖塘 → 湖糖、湖堂 …): the typical slip of pinyin input."""
    from pypinyin import Style, pinyin

    readings = pinyin(word, style=Style.TONE, heteronym=False, errors=lambda chars: [""] * len(chars))
    if len(readings) != len(word):   # letters or digits in the name: no reliable alignment
        return
    table = _homophones()
    for i, (reading,) in enumerate(readings):
        for ch in table.get(reading, ""):
            if ch != word[i]:
                yield word[:i] + ch + word[i + 1:]


def _place_rules(checker: Checker, vocabs) -> None:
    names: list[tuple[str, str]] = []   # (written form, canonical name)
    for term in vocabs.places.terms.values():
        for form in (term.name, *term.aliases):
            checker.add_shield(form)
            names.append((form, term.name))
    for term in vocabs.places.terms.values():
        for wrong in term.misspellings:
            checker.add_rule(Rule(wrong, term.name, what="地名"))
    for form, _name in names:
        suffix = next((s for s in PLACE_SUFFIXES if form.endswith(s)), None)
        if suffix is None or len(form) - len(suffix) < 2:
            continue
        stem = form[: -len(suffix)]
        for variant in same_sound_variants(stem):
            checker.add_rule(Rule(variant + suffix, form, what="地名"))


@dataclass
class Person:
    name: str
    titles: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()


def _people_rules(checker: Checker, people: list[Person]) -> None:
    for person in people:
        checker.add_shield(person.name)
        for title in person.titles:
            checker.add_shield(title + person.name)
    for person in people:
        for wrong in person.misspellings:
            checker.add_rule(Rule(wrong, person.name, what="人名"))
        # a same-sound slip of a name is only surely wrong right after the person's title:
        # 镇长汤峰 when 汤枫 is 镇长 (汤峰 alone may be someone else)
        for title in person.titles:
            for variant in same_sound_variants(person.name):
                checker.add_rule(Rule(title + variant, title + person.name, what="人名"))


def _load_list(path: str, shown: str, problems: Problems) -> list[dict]:
    if not os.path.exists(path):
        return []
    try:
        with open(path, encoding="utf-8") as fh:
            data = yamlio.load_with_lines(fh.read())
    except yaml.YAMLError as exc:
        problems.add(shown, yamlio.error_line(exc) or 1, yamlio.describe_error(exc))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(shown, 1, "词表应是一个列表（每项以“- …”开头）")
        return []
    out = []
    for item in data:
        if not isinstance(item, dict):
            problems.add(shown, 1, f"词条「{item}」应写成“字段: 值”的形式")
            continue
        out.append(item)
    return out


def _strings(value) -> tuple[str, ...]:
    items = value if isinstance(value, list) else ([] if value in (None, "") else [value])
    return tuple(str(v).strip() for v in items if str(v).strip())


def load_checker(vocab_dir: str, vocabs, problems: Problems, display_dir: str | None = None) -> Checker:
    checker = Checker()
    shown_dir = display_dir or vocab_dir
    shown = os.path.join(shown_dir, WORDING_FILE)
    # right forms and allowed phrases are shields first, so no rule can flag them
    entries = _load_list(os.path.join(vocab_dir, WORDING_FILE), shown, problems)
    for item in entries:
        for text in (*_strings(item.get("right")), *_strings(item.get("allow"))):
            checker.add_shield(text)
    shown_people = os.path.join(shown_dir, PEOPLE_FILE)
    people = []
    for item in _load_list(os.path.join(vocab_dir, PEOPLE_FILE), shown_people, problems):
        name = str(item.get("name") or "").strip()
        if not name:
            problems.add(shown_people, item.get(yamlio.LINE_KEY, 1), "词条缺少 name（姓名）")
            continue
        people.append(Person(name, _strings(item.get("titles") or item.get("title")),
                             _strings(item.get("misspellings"))))
    _people_rules(checker, people)
    _place_rules(checker, vocabs)
    for radical, ideograph in radicals.EQUIVALENT.items():   # ⼈ for 人: looks right, is not
        checker.add_rule(Rule(radical, ideograph, RADICAL_NOTE))
    for item in entries:
        line = item.get(yamlio.LINE_KEY, 1)
        wrongs, rights = _strings(item.get("wrong")), _strings(item.get("right"))
        if not wrongs:
            if not rights and not item.get("allow"):
                problems.add(shown, line, "词条缺少 wrong（错误写法）和 right（正确写法）")
            continue   # a right form or allowed phrase alone: declared correct
        if len(rights) != 1:
            problems.add(shown, line, f"「{'、'.join(wrongs)}」应写一个正确写法 right")
            continue
        for wrong in wrongs:
            rule = Rule(wrong, rights[0], str(item.get("note") or "").strip(), str(item.get("source") or "").strip())
            if wrong in checker.shields:
                problems.add(shown, line, f"「{wrong}」已是正确写法（right、allow、地名或人名），不能同时列为错误写法")
            elif not checker.add_rule(rule) and checker.rules.get(wrong) != rule:
                problems.add(shown, line, f"错误写法「{wrong}」重复")
    return checker.finish()


# -- checking articles -------------------------------------------------------------------

def _ignored_lines(body: str) -> set[int]:
    """0-based body lines the editor excluded with wording comments."""
    if "wording:" not in body:
        return set()
    out: set[int] = set()
    off = False
    for i, line in enumerate(body.split("\n")):
        block = _BLOCK.search(line)
        if block:
            off = block.group(1) == "off"
            out.add(i)
        elif off or _LINE_IGNORE.search(line):
            out.add(i)
    return out


def check_article(checker: Checker, art, body: str | None, problems: Problems) -> None:
    setting = art.extra.get("wording")
    skip: set[str] = set()
    if setting is not None:
        if setting == "ignore":
            return
        if isinstance(setting, list) and all(isinstance(s, str) for s in setting):
            skip = set(setting)
        else:
            problems.add(art.path, art.key_lines.get("wording", 1),
                         f"wording 应为 ignore 或不检查的写法列表（例如 wording: [截止目前]），而不是「{setting}」")
    for key in TEXT_FIELDS:
        value = getattr(art, key, "")
        for _start, rule in checker.find(value):
            if rule.wrong not in skip:
                problems.add(art.path, art.key_lines.get(key, 1), rule.message())
    if not body:
        return
    found = checker.find(body)
    if not found:
        return
    ignored = _ignored_lines(body)
    line, at = 0, 0               # lines counted once, in order (not from the start for each finding)
    for start, rule in sorted(found, key=lambda f: f[0]):
        line += body.count("\n", at, start)
        at = start
        if rule.wrong not in skip and line not in ignored:
            problems.add(art.path, art.body_line + line, rule.message())


def _findings(checker: Checker, art) -> list:
    found = Problems()
    check_article(checker, art, art.body, found)
    return list(found)


_MEMOS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def check_catalog(catalog, vocabs, vocab_dir: str, problems: Problems, display_dir: str | None = None,
                  cache=None) -> None:
    """Check every article's text. Under `mkdocs serve` (cache given) an article whose parsed
    copy came from the cache has no body in memory: its findings of the last check are kept
    while the file and the vocabularies are unchanged."""
    checker = load_checker(vocab_dir, vocabs, problems, display_dir)
    memo = None
    if cache is not None:
        memo = _MEMOS.setdefault(cache, {})
        sig = _dir_signature(vocab_dir)
        if memo.get("") != sig:
            memo.clear()
            memo[""] = sig
    if memo is None:   # a build: half of the articles are checked by a forked child meanwhile
        for found in background.halves(catalog.articles, lambda art: _findings(checker, art)):
            problems.extend(found)
        return
    for art in catalog.articles:
        st = os.stat(art.abs_path)
        key = (st.st_mtime_ns, st.st_size)
        hit = memo.get(art.abs_path)
        if art.body is None and hit is not None and hit[0] == key:
            problems.extend(hit[1])
            continue
        found = Problems()
        body = art.body
        if body is None:
            from govnews.model.catalog import read_body
            body = read_body(art)
        check_article(checker, art, body, found)
        memo[art.abs_path] = (key, list(found))
        problems.extend(found)


def _dir_signature(vocab_dir: str) -> tuple:
    sig = []
    for name in sorted(os.listdir(vocab_dir)) if os.path.isdir(vocab_dir) else []:
        st = os.stat(os.path.join(vocab_dir, name))
        sig.append((name, st.st_mtime_ns, st.st_size))
    return tuple(sig)
