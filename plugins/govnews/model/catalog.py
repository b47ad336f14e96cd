"""The catalog: every article's front matter parsed once per build and checked.

Everything else (facets, views, feeds, search, `govnews check`) reads the catalog, never
the files again.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable

import yaml
from frontmatter.default_handlers import YAMLHandler

from govnews.common import yamlio
from govnews.common.diagnostics import ERROR, INFO, WARNING, Problems, suggestion
from govnews.common.text import (
    DAY,
    PARTIAL_NOTE,
    SLUG_RE,
    YEAR,
    control_chars,
    first_sentences,
    format_cn_date,
    iso_date,
    parse_date,
    parse_pub_date,
    precision_rank,
    slugify,
    strip_controls,
)
from govnews.config.settings import BUILTIN_FIELDS, FIELD_ALIASES, FIELD_SYNONYMS, FacetSpec, Settings
from govnews.model.bylines import split_byline
from govnews.model.vocab import Vocabularies
from govnews.perf import background

# front-matter keys of the default facets (topic, town, type) besides the built-in ones;
# a build knows every key its facets read (known_fields)
KNOWN_FIELDS = (*BUILTIN_FIELDS, "town", "topic", "type")
TEXT_FIELDS = ("title", "kicker", "subtitle", "source", "summary", "update_note")
DEFAULT_TYPE = "新闻"
# Article attributes the default facets fill (templates, feeds, SEO and search read them)
_ATTRS = {"topic": "topics", "town": "town", "type": "type"}
# a vocabulary this small is listed in full when a value is not in it
_LIST_UP_TO = 8
_HANDLER = YAMLHandler()
# front-matter kept raw for the modules that read them (policy.py, documents.py, seo.py, wording.py)
EXTRA_FIELDS = ("policy", "image", "keywords", "wording", "number", "written", "index_no", "replaced_by", "expired")


@dataclass(frozen=True)
class Author:
    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.role} {self.name}" if self.role else self.name


class Dated:
    """A `date` known to a `date_precision` (day, month or year), shown as known."""
    date: datetime | None
    date_precision: str

    @property
    def date_cn(self) -> str:
        """The date as readers see it: 2024年5月29日, 2024年10月, 2023年 (never a placeholder day)."""
        return format_cn_date(self.date, self.date_precision) if self.date else ""

    @property
    def date_iso(self) -> str:
        """ISO 8601 with the precision known: 2024-05-29T00:00:00+08:00, 2024-10, 2023."""
        return iso_date(self.date, self.date_precision) if self.date else ""


@dataclass
class Article(Dated):
    src: str                        # path relative to docs_dir, posix
    path: str                       # path shown to editors (relative to the project)
    title: str = ""
    date: datetime | None = None   # a partial date: the first instant of its period (text.parse_pub_date)
    date_precision: str = DAY       # day, month (date: 2024-10) or year (date: 2023): what the source gives
    date_note: str = ""             # the editor's reasoning for the date; never shown on the site
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
    date_confirmed: bool = True     # false: the importer inferred the date; not published until confirmed
    extra: dict = field(default_factory=dict)   # policy, image, keywords …
    terms: dict = field(default_factory=dict)   # facet field → its values (tuple), as the facets read them
    body: str | None = None         # released once MkDocs has read it
    body_line: int = 1
    excerpt: str = ""
    abs_path: str = ""
    key_lines: dict = field(default_factory=dict)   # front-matter key → line, for later checks
    listed: bool = True             # false when the metadata is too broken to place it
    future: bool = False
    withheld: bool = False          # never written: duplicate URL or unreadable file (reported)
    unsafe: bool = False            # body has script-capable HTML (reported; stripped when rendered)
    from_cache: bool = False        # under `mkdocs serve`: the file is unchanged since the last build

    @property
    def year(self) -> int:
        return self.date.year if self.date else 0

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.name for a in self.authors))

    @property
    def date_partial(self) -> bool:
        """The source gives only a year or a month (date: 2023, date: 2024-10)."""
        return self.date_precision != DAY

    @property
    def date_partial_note(self) -> str:
        """原文未注明月日 / 原文未注明日 beside a partial date; '' for a full one."""
        return PARTIAL_NOTE.get(self.date_precision, "")

    def sort_key(self):
        """Newest first, then by URL: a total order, so output is deterministic. A partial date
        sorts at the start of its period, below the articles of that period with a known day."""
        return (-(self.date.timestamp() if self.date else 0), precision_rank(self.date_precision), self.url)


@dataclass
class Catalog:
    articles: list[Article]                  # every article read, drafts included
    listed: list[Article]                    # published and placeable, newest first
    by_src: dict[str, Article]
    by_url: dict[str, Article]


def parse_authors(value) -> tuple[Author, ...]:
    """'记者 何晓丹、通讯员 屠东君' or a list of such → authors with roles (bylines.py: the
    parser and role list the importer uses too)."""
    items = value if isinstance(value, list) else [value]
    return tuple(Author(name, role) for item in items for role, name in split_byline(str(item)))


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def file_slug(src: str) -> str:
    """The slug an article's file name gives it (its URL when the front matter has none)."""
    stem = os.path.splitext(os.path.basename(src))[0]
    return stem if SLUG_RE.match(stem) else slugify(stem)


@dataclass(frozen=True)
class Finding:
    """What one article check found: a line of the file, a message, and what it means for the
    page (`unsafe`: the body is published only as the sanitizer cleans it; `unlisted`: the
    article is not published)."""
    line: int
    message: str
    severity: str = ERROR
    unsafe: bool = False
    unlisted: bool = False


# An article check (govnews.checks.articles): the parsed article, the settings and the file's
# text → findings. The catalog parses; the checks it is handed check.
BodyCheck = Callable[["Article", Settings, str], Iterable[Finding]]


def read_article(src: str, shown: str, text: str, vocabs: Vocabularies, settings: Settings,
                 problems: Problems, checks: Iterable[BodyCheck] = ()) -> Article:
    """Parse one article and run `checks` on it. Always returns an Article: text is never dropped."""
    # its own URL even when the front matter is unreadable (the file name's; the slug below
    # replaces it): two broken files must not contest one /articles/undated// page
    art = Article(src=src, path=shown, body=text, slug=file_slug(src))
    text = _without_controls(art, text, shown, problems)
    meta = _front_matter(art, text, shown, problems)
    if meta is None:
        art.listed = False
        return art
    fields = _FieldReader(art, meta, shown, problems)
    stem = os.path.splitext(os.path.basename(src))[0]
    fields.unknown_keys(settings)
    fields.texts(stem)
    fields.dates()
    fields.authors()
    fields.facets(settings, vocabs)
    fields.flags()
    fields.slug(stem)
    art.extra = {k: meta[k] for k in EXTRA_FIELDS if k in meta}
    art.excerpt = art.summary or first_sentences(art.body or "")
    for check in checks:
        for found in check(art, settings, text):
            problems.add(shown, found.line, found.message, found.severity)
            art.unsafe = art.unsafe or found.unsafe
            art.listed = art.listed and not found.unlisted
    return art


def _without_controls(art: Article, text: str, shown: str, problems: Problems) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = control_chars(text)
    if controls:
        # feeds (XML) and search cannot carry them; usually pasted from another program
        for line, name in controls:
            problems.add(shown, line, f"含有不可见的控制字符 {name}（多为从其他软件复制粘贴带入），请删除")
        text = art.body = strip_controls(text)
    return text


def _front_matter(art: Article, text: str, shown: str, problems: Problems) -> dict | None:
    """The front matter as a dict (Chinese key names resolved), the body and its first line
    set on `art`; None, reported, when there is no readable front matter."""
    if not _HANDLER.detect(text):
        problems.add(shown, 1, "缺少 front matter（文件应以 --- 开头，写明 title、date 等）")
        return None
    try:
        fm, body = _HANDLER.split(text)
    except ValueError:
        problems.add(shown, 1, "front matter 没有结束（缺少第二个 ---）")
        return None
    art.body = body
    art.body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        meta = yamlio.load(fm)
    except yaml.YAMLError as exc:
        line = yamlio.error_line(exc) or 1  # fm starts on the opening --- line
        typo = yamlio.key_typo(fm)
        problems.add(shown, *(typo or (line, yamlio.describe_error(exc))))
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.add(shown, *(yamlio.key_typo(fm) or (2, "front matter 应是“字段: 值”的形式")))
        return None
    art.key_lines = yamlio.key_lines(fm)  # fm keeps the opening line, so lines match the file
    return _resolve_aliases(meta, art.key_lines, shown, problems)


class _FieldReader:
    """Reads the front-matter fields into an Article, one group per method, each error at
    its key's line."""

    def __init__(self, art: Article, meta: dict, shown: str, problems: Problems):
        self.art, self.meta, self.shown, self.problems = art, meta, shown, problems
        self.key_lines = art.key_lines

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def err(self, key: str, message: str, severity: str = "error") -> None:
        self.problems.add(self.shown, self.line_of(key), message, severity)

    def unknown_keys(self, settings: Settings) -> None:
        meta, err = self.meta, self.err
        known = known_fields(settings)
        for key in meta:
            if key not in known:
                meant = FIELD_SYNONYMS.get(str(key).strip().lower())
                hint = f"（是否应为「{meant}」？）" if meant in known else suggestion(str(key), (*known, *FIELD_ALIASES))
                err(str(key), f"未知字段「{key}」{hint}", WARNING)

    def texts(self, stem: str) -> None:
        art, meta, err = self.art, self.meta, self.err
        texts = {key: _text_field(meta, key, err) for key in TEXT_FIELDS}
        art.title = texts["title"]
        if not art.title:
            err("title", "缺少标题 title")
            art.title = stem
        art.kicker, art.subtitle = texts["kicker"], texts["subtitle"]
        art.source, art.summary, art.update_note = texts["source"], texts["summary"], texts["update_note"]

    def dates(self) -> None:
        art, meta, err = self.art, self.meta, self.err
        if "date" not in meta or meta.get("date") in (None, ""):
            err("date", "缺少日期 date（例如 date: 2024-05-29）")
            art.listed = False
        else:
            try:
                art.date, art.date_precision = parse_pub_date(meta["date"])
            except ValueError as exc:
                err("date", str(exc))
                art.listed = False
            else:
                if art.date_partial:
                    # said once per article, in `govnews check` and the build: what readers see,
                    # where it sorts, and why the column audit does not count it
                    shown = art.date_cn
                    where = "该年" if art.date_precision == YEAR else "该月"
                    err("date", f"日期只写到{'年' if art.date_precision == YEAR else '月'}（{shown}）：页面如实显示「{shown}」"
                                f"并注明{art.date_partial_note}；列表中排在{where}有具体日期的文章之后；栏目更新检查"
                                f"不把本文算作栏目更新（无法据此证明栏目何时更新）", INFO)
        if meta.get("updated") not in (None, ""):
            try:
                art.updated = parse_date(meta["updated"])
            except ValueError as exc:
                err("updated", str(exc))
        note = meta.get("date_note")
        if note not in (None, ""):
            if isinstance(note, (str, int, float)) and not isinstance(note, bool):
                art.date_note = str(note).strip()
            else:
                err("date_note", "date_note（日期依据，只给编辑看）应是一段文字", WARNING)

    def authors(self) -> None:
        art, meta, err = self.art, self.meta, self.err
        author = meta.get("author")
        if author and not all(isinstance(a, (str, int, float)) and not isinstance(a, bool)
                              for a in (author if isinstance(author, list) else [author])):
            err("author", "author 应是文字（如 author: 记者 何晓丹），或文字的列表（如 author: [记者 何晓丹, 通讯员 屠东君]）")
            author = None
        art.authors = parse_authors(author) if author else ()

    def facets(self, settings: Settings, vocabs: Vocabularies) -> None:
        art, meta, err, key_lines = self.art, self.meta, self.err, self.key_lines
        art.terms["author"] = art.author_names
        # facets of some types only (`types:`) are read once the article's type is known
        specs = [s for s in settings.facets if s.field not in BUILTIN_FIELDS]
        for spec in sorted(specs, key=lambda s: bool(s.types)):
            if spec.types and art.type not in spec.types:
                if meta.get(spec.field) not in (None, "", []):
                    err(spec.field, f"{spec.field}（{spec.shown_label}）只用于类型为 {'、'.join(spec.types)} 的文章"
                                    f"（本文类型为「{art.type}」）", WARNING)
                art.terms[spec.field] = ()
                continue
            values = _facet_values(spec, meta, vocabs, err)
            if spec.required and meta.get(spec.field) in (None, "", []):
                example = next(iter(vocabs.get(spec.vocabulary).terms), "…") if spec.vocabulary else "…"
                whose = f"类型为「{art.type}」的文章" if spec.types else "文章"
                err(spec.field if spec.field in key_lines else "type" if spec.types else "title",
                    f"{whose}须写{spec.shown_label} {spec.field}（如 {spec.field}: {example}）")
            art.terms[spec.field] = values
            attr = _ATTRS.get(spec.name)
            if attr == "topics":
                art.topics = values
            elif attr is not None and values:
                setattr(art, attr, values[0])

    def flags(self) -> None:
        art, meta, err = self.art, self.meta, self.err
        draft = meta.get("draft", False)
        if not isinstance(draft, bool):
            # only a real false publishes: 0, "false", "否" … may mean either
            err("draft", f"draft 只能写 true（草稿）或 false（发布），不能写「{draft}」；改正之前本文按草稿处理，不会发布")
            draft = True
        art.draft = draft

        # Honest dates (伪造发稿日期 is a veto item): an inferred date waits for an editor's word.
        confirmed = meta.get("date_confirmed", True)
        if not isinstance(confirmed, bool):
            err("date_confirmed", f"date_confirmed 应为 true 或 false，而不是「{confirmed}」")
            confirmed = False
        art.date_confirmed = confirmed
        if not confirmed:
            err("date_confirmed", "日期为推断、尚未确认，本文暂不发布（核实后把 date_confirmed 改为 true，"
                "并在注释中写明依据）", INFO)

    def slug(self, stem: str) -> None:
        art, meta, err, problems, shown = self.art, self.meta, self.err, self.problems, self.shown
        slug = meta.get("slug")
        if slug not in (None, ""):
            slug = str(slug)
            if not SLUG_RE.match(slug):
                err("slug", f"slug「{slug}」只能用小写字母、数字和连字符（是否应为「{slugify(slug)}」？）")
                slug = None
        if not slug:
            slug = art.slug   # the file name's (file_slug)
            if not SLUG_RE.match(stem):  # the file name is the URL: same rules as a slug
                problems.add(shown, 1, f"文件名「{stem}」不能直接用作网址（只能用小写字母、数字和连字符）："
                                       f"请在 front matter 写 slug: {slug}，或把文件改名为 {slug}.md")
        art.slug = slug


def _resolve_aliases(meta: dict, key_lines: dict, shown: str, problems: Problems) -> dict:
    """Front matter with the Chinese key names (发文字号: …) read as their keys (number: …)."""
    if not any(str(k) in FIELD_ALIASES for k in meta):
        return meta
    out: dict = {}
    for key, value in meta.items():
        name = FIELD_ALIASES.get(str(key), key)
        if name != key:
            if name in meta or name in out:
                problems.add(shown, key_lines.get(key, 1), f"「{key}」就是 {name}，与前面的 {name} 重复，只写一个")
                continue
            if key in key_lines:
                key_lines[name] = key_lines[key]
        out[name] = value
    return out


def _text_field(meta: dict, key: str, err) -> str:
    """A front-matter value that must be text: lists, mappings, true/false and numbers are
    reported (YAML turned what the editor typed into something else)."""
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list):
        err(key, f"{key} 应是一段文字，不能是列表（YAML 把 [ ] 读成了列表）；如果文字本身带方括号或逗号，"
                 f'请把整段用引号括起来，例如 {key}: "…"')
        text = " ".join(str(v) for v in value if v is not None)
    elif isinstance(value, dict):
        err(key, f'{key} 应是一段文字，不能是“字段: 值”；如果文字里有冒号加空格，请把整段用引号括起来，例如 {key}: "…"')
        text = ""
    else:
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        err(key, f"{key} 应是一段文字，YAML 却读成了{'真假值' if isinstance(value, bool) else '数字'}「{shown}」；"
                 f'请加引号，例如 {key}: "…"')
        text = shown
    if control_chars(text):
        err(key, f"{key} 中含有不可见的控制字符，已去掉，请删除")
        text = strip_controls(text)
    return text.strip()


def known_fields(settings: Settings) -> tuple[str, ...]:
    """Front-matter keys this build reads: the built-in ones and every facet's."""
    return tuple(dict.fromkeys((*BUILTIN_FIELDS, *(s.field for s in settings.facets))))


def _common_parent_hint(spec: FacetSpec, items: list, vocabs: Vocabularies) -> str:
    """（…共同的上级是「武进区」…）when the values of a one-value hierarchical facet share a parent."""
    if spec.vocabulary is None or not all(isinstance(i, (str, int)) for i in items):
        return ""
    vocab = vocabs.get(spec.vocabulary)
    terms = [vocab.resolve(str(i)) for i in items]
    if any(t is None for t in terms):
        return ""
    chains = [[t.name, *vocab.ancestors(t.name)] for t in terms]
    common = next((name for name in chains[0] if all(name in c for c in chains[1:])), None)
    if common is None or common in (t.name for t in terms):
        return ""
    return f"（{'、'.join(t.name for t in terms)}共同的上级是「{common}」：涉及几处的文章可写 {spec.field}: {common}）"


def _facet_values(spec: FacetSpec, meta: dict, vocabs: Vocabularies, err) -> tuple[str, ...]:
    """The values of one facet field, checked against its vocabulary (one value or a list,
    as the facet declares); the default when the field is absent."""
    raw = meta.get(spec.field)
    if raw in (None, "", []):
        return (spec.default,) if spec.default else ()
    items = _as_list(raw)
    if not spec.multiple and len(items) > 1:
        err(spec.field, f"{spec.field} 只能写一个{spec.shown_noun}{_common_parent_hint(spec, items, vocabs)}")
        items = items[:1]
    values: list[str] = []
    for item in items:
        if isinstance(item, (dict, list)):
            err(spec.field, f"{spec.field} 应写{spec.shown_noun}的名称，而不是「{item}」")
            continue
        name = str(item).strip()
        if spec.vocabulary is None:
            value = name or None
        else:
            vocab = vocabs.get(spec.vocabulary)
            term = vocab.resolve(name)
            value = term.name if term is not None else None
            parts = [p for p in re.split(r"\s*[，,、；;]\s*", name) if p]
            if term is None and len(parts) > 1 and any(vocab.resolve(p) for p in parts):
                # 安全生产，营商环境: several values written as one, with a Chinese comma
                unknown = [p for p in parts if not vocab.resolve(p)]
                err(spec.field, f"{spec.field} 写成了一个值「{name}」：" + (
                    f"多个{spec.shown_noun}请写成列表，如 {spec.field}: [{', '.join(parts)}]" if spec.multiple
                    else f"只能写一个{spec.shown_noun}") +
                    (f"；其中「{'、'.join(unknown)}」不在词表中{vocab.hint(unknown[0])}" if unknown else ""))
            elif term is None:
                hint = vocab.hint(name)
                if 0 < len(vocab.terms) <= _LIST_UP_TO:
                    err(spec.field, f"{spec.shown_noun}「{name}」不存在，应为 {'、'.join(vocab.terms)} 之一{hint}")
                else:
                    err(spec.field, f"未知{spec.shown_noun}「{name}」{hint}")
        if value is not None and value not in values:
            values.append(value)
    return tuple(values)


def permalink(art: Article, settings: Settings, slug: str | None = None) -> str:
    year = art.date.year if art.date else "undated"
    return settings.permalink.format(year=year, slug=slug or art.slug)


def _url_priority(art: Article) -> tuple:
    unpublished = art.draft or art.future or not art.listed
    return (unpublished, art.date is None, art.date.timestamp() if art.date else 0, art.src)


def _not_utf8(abs_path: str, exc: UnicodeDecodeError) -> tuple[int, str]:
    """(line, message) for a file that is not UTF-8, naming the encoding it most likely is."""
    with open(abs_path, "rb") as fh:
        data = fh.read()
    line = data[: exc.start].count(b"\n") + 1
    guess = ""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            guess = f"（看起来是 {best.encoding.upper()} 编码）"
    except Exception:  # pragma: no cover - the guess only decorates the message
        pass
    return line, f"文件不是 UTF-8 编码{guess}，本文未发布：请用编辑器另存为 UTF-8"


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
        return _shallow_copy(entry[1]), entry[2]

    def put(self, abs_path: str, sig: tuple, art: Article, found: list) -> None:
        kept = _shallow_copy(art)
        kept.body = None
        self._entries[abs_path] = (sig, kept, found)


def _shallow_copy(art: Article) -> Article:
    """copy.copy, without its generic __reduce_ex__ path (a tenth of a serve rebuild at 5,000)."""
    new = object.__new__(Article)
    new.__dict__.update(art.__dict__)
    return new


def read_body(art: Article) -> str:
    """The Markdown body of an article whose parsed copy came from the cache."""
    with open(art.abs_path, encoding="utf-8") as fh:
        text = strip_controls(fh.read().lstrip("\ufeff"))
    if not _HANDLER.detect(text):
        return text
    try:
        return _HANDLER.split(text)[1]
    except ValueError:
        return text


def _file_sig(abs_path: str) -> tuple:
    st = os.stat(abs_path)
    return (st.st_mtime_ns, st.st_size)


def _read_source(source: tuple[str, str, str], vocabs: Vocabularies,
                 settings: Settings, checks: tuple[BodyCheck, ...]) -> tuple[Article, list, bool]:
    """One article file → its Article, what is wrong with it (its own Problems, so that files
    can be read in any process and their findings kept in file order) and whether it is text."""
    src, shown, abs_path = source
    found = Problems()
    try:
        with open(abs_path, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        # never handed to the engine (it would die decoding it): reported, not published
        found.add(shown, *_not_utf8(abs_path, exc))
        return (Article(src=src, path=shown, abs_path=abs_path, listed=False, withheld=True,
                        slug=file_slug(src)), list(found), False)
    return read_article(src, shown, text, vocabs, settings, found, checks), list(found), True


def _read_cached(source: tuple[str, str, str], vocabs: Vocabularies, settings: Settings,
                 checks: tuple[BodyCheck, ...], cache: ParseCache) -> tuple[Article, list, bool]:
    abs_path = source[2]
    sig = _file_sig(abs_path)
    hit = cache.get(abs_path, sig)
    if hit is not None:
        art, found = hit
        art.from_cache = True
        art.body = None  # MkDocs re-reads only what it rebuilds; page_source reads it then
        return art, list(found), True
    art, found, text = _read_source(source, vocabs, settings, checks)
    if text:
        cache.put(abs_path, sig, art, found)
    return art, found, text


def build_catalog(sources: Iterable[tuple[str, str, str]], vocabs: Vocabularies, settings: Settings,
                  problems: Problems, cache: ParseCache | None = None, *,
                  checks: Iterable[BodyCheck]) -> Catalog:
    """sources: (src relative to docs_dir, path shown to editors, absolute path); `checks`
    (govnews.checks.articles.ARTICLE_CHECKS) run on every article read — a keyword with no
    default, so that no caller forgets them."""
    checks = tuple(checks)
    articles: list[Article] = []
    sources = list(sources)
    if cache is None:   # a build: half of the files are read by a forked child meanwhile
        read = background.halves(sources, lambda source: _read_source(source, vocabs, settings, checks))
    else:               # `mkdocs serve`: unchanged files come from the session's cache
        read = [_read_cached(source, vocabs, settings, checks, cache) for source in sources]
    for (_, _, abs_path), (art, found, text) in zip(sources, read):
        problems.extend(found)
        if not text:   # not UTF-8: reported, withheld
            articles.append(art)
            continue
        art.abs_path = abs_path
        art.url = permalink(art, settings)
        art.future = art.date is not None and art.date > settings.now
        articles.append(art)

    by_url: dict[str, Article] = {}
    # Who keeps a contested URL: the published article, then the older, then by file name;
    # the other is withheld (never written over it), and both files are named.
    for art in sorted((a for a in articles if not a.withheld), key=_url_priority):
        other = by_url.get(art.url)
        if other is not None:
            n = 2
            while permalink(art, settings, f"{art.slug}-{n}") in by_url:
                n += 1
            free = f"{art.slug}-{n}"
            problems.add(art.path, art.key_lines.get("slug", 1),
                         f"网址 /{art.url} 与 {other.path} 重复（slug「{art.slug}」重复）：本文未发布，"
                         f"请改 slug（例如 slug: {free}）")
            art.listed = False
            art.withheld = True
            continue
        by_url[art.url] = art

    def published(a: Article) -> bool:
        return a.listed and not a.withheld and (settings.include_drafts or (not a.draft and not a.future and a.date_confirmed))

    listed = sorted((a for a in articles if published(a)), key=Article.sort_key)
    _same_article_twice(listed, problems)
    return Catalog(
        articles=articles,
        listed=listed,
        by_src={a.src: a for a in articles},
        by_url=by_url,
    )


def _same_article_twice(listed: list[Article], problems: Problems) -> None:
    """Two published files with the same title, day and text: one article published twice
    (a clipping imported again under a new name, a file copied to start another one)."""
    first: dict[tuple[str, object], Article] = {}
    for art in sorted(listed, key=lambda a: a.src):
        key = ("".join(art.title.split()), art.date.date() if art.date else None)
        other = first.setdefault(key, art)
        if other is art or art.body is None or other.body is None:
            continue   # (a body not read: `mkdocs serve` re-reads only what it rebuilds)
        if "".join(art.body.split()) == "".join(other.body.split()):
            problems.add(art.path, art.key_lines.get("title", 1),
                         f"与 {other.path} 的标题、日期和正文都相同：同一篇文章发布了两次？请删除其中一篇", WARNING)


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
