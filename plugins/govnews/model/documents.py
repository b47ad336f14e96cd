"""Policy documents (政策文件): articles of type 政策文件 and their own fields, checked.

A document is an article like any other (its URL, feeds, search), with the fields of a
政策文件库: number (发文字号), written (成文日期), index_no (索引号), and when it is no longer
in force expired (废止/失效日期) and replaced_by (the document that replaces it, or the
revised text). issuer (发文机关), subject (主题分类) and status (有效性) are facets declared
for documents (settings.py), so the library's filters are facet pages; this module reads
their values for the document's header, its banner and its structured data.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from govnews.common.diagnostics import WARNING, Problems, suggestion
from govnews.common.text import format_cn_date, parse_date
from govnews.config.settings import DOCUMENT_TYPE
from govnews.model.catalog import Article, Catalog

# the content model's facet fields (settings.DEFAULT_FACETS declares them as facets)
ISSUER_FIELD = "issuer"
SUBJECT_FIELD = "subject"
STATUS_FIELD = "status"
# statuses (data/vocab/statuses.yml): the banner of a document no longer in force
VALID, REVISED, EXPIRED, REPEALED = "有效", "修订", "失效", "废止"
NOT_IN_FORCE = (EXPIRED, REPEALED)
OWN_FIELDS = {"number": "发文字号", "written": "成文日期", "index_no": "索引号", "replaced_by": "替代文件",
              "expired": "废止或失效日期"}

# 武政发〔2024〕8号, also written with other brackets ([ ] 【】 ( ) （）) or digits
# the year's brackets as typed or pasted: [] 【】 () （） ［］ 〖〗 {} and the look-alikes ﹝﹞ 〘〙 ⦗⦘ of 〔〕
_NUMBER = re.compile(r"^(?P<org>.*?[^\s])\s*[〔\[【(（［〖{｛﹝〘⦗]\s*(?P<year>[0-9０-９]+)\s*[〕\]】)）］〗}｝﹞〙⦘]"
                     r"\s*(?:第\s*)?(?P<seq>[0-9０-９]+)\s*(?P<hao>号?)\s*$")
NUMBER_EXAMPLE = "武政发〔2024〕8号"


def check_number(text: str) -> tuple[str, str | None]:
    """(the 发文字号 as it should be written, what is wrong with it or None).

    GB/T 9704: the year in full inside 六角括号〔〕, the serial number without 第 or
    leading zeros, then 号."""
    text = str(text).strip()
    m = _NUMBER.match(text)
    if not m:
        return text, (f"发文字号「{text}」格式不对：应为“机关代字〔年份〕序号号”，如 {NUMBER_EXAMPLE}")
    year, seq = unicodedata.normalize("NFKC", m["year"]), unicodedata.normalize("NFKC", m["seq"])
    if len(year) != 4:
        return text, f"发文字号「{text}」中的年份应写全 4 位，如 {NUMBER_EXAMPLE}"
    if int(seq) == 0:
        return text, f"发文字号「{text}」的序号不能为 0：序号从 1 起编，如 {NUMBER_EXAMPLE}"
    fixed = f"{m['org']}〔{year}〕{int(seq)}号"
    if fixed != text:
        return fixed, (f"发文字号「{text}」写法不规范：年份写在六角括号〔〕里，序号不加“第”、不编虚位，"
                       f"末尾写“号”（是否应为「{fixed}」？）")
    return text, None


def normal_number(text: str) -> str | None:
    """The 发文字号 as it should be written, or None when the text is not one."""
    m = _NUMBER.match(str(text).strip())
    if not m or len(unicodedata.normalize("NFKC", m["year"])) != 4:
        return None
    return check_number(text)[0]


def document_number(art: Article) -> str:
    """The 发文字号 of a policy document as it should be written, '' for other articles."""
    raw = art.extra.get("number") if art.type == DOCUMENT_TYPE else None
    return check_number(str(raw))[0] if isinstance(raw, (str, int)) and str(raw).strip() else ""


@dataclass
class Document:
    art: Article
    number: str = ""                   # 发文字号 as it should be written ('' when none)
    written: datetime | None = None    # 成文日期
    index_no: str = ""                 # 索引号
    expired: datetime | None = None    # 废止/失效日期
    replaced_by: str = ""              # as written: a 发文字号, a file path or an https:// URL
    successor: "Document | None" = None
    successor_link: str = ""           # an external successor (https://…)
    predecessors: list["Document"] = field(default_factory=list)   # documents it replaces

    @property
    def issuers(self) -> tuple[str, ...]:
        return tuple(self.art.terms.get(ISSUER_FIELD, ()))

    @property
    def subject(self) -> str:
        return next(iter(self.art.terms.get(SUBJECT_FIELD, ())), "")

    @property
    def status(self) -> str:
        return next(iter(self.art.terms.get(STATUS_FIELD, ())), VALID)

    @property
    def in_force(self) -> bool:
        return self.status not in NOT_IN_FORCE

    def banner(self) -> str:
        """The plain-text notice of a document no longer in force ('' when in force)."""
        if self.status in NOT_IN_FORCE:
            when = f"已于{format_cn_date(self.expired)}" if self.expired else "已"
            return f"本文件{when}{self.status}。"
        if self.status == REVISED:
            return "本文件已修订，请以修订后的文本为准。"
        return ""


@dataclass
class DocumentIndex:
    by_url: dict[str, Document]        # every document read (drafts included), by article URL
    by_number: dict[str, Document]
    by_src: dict[str, Document]

    def resolve(self, ref, art: Article, key: str = "policy") -> tuple[Document | None, str | None]:
        """The document `ref` names (its 发文字号, file path or URL), and what is wrong with
        it; `key` is the front-matter key it was written under, for the message."""
        text = str(ref).strip()
        if text.endswith(".md"):
            return self._by_path(text, art, key)
        if text.strip("/") + "/" in self.by_url:
            return self.by_url[text.strip("/") + "/"], None
        fixed, wrong = check_number(text)
        doc = self.by_number.get(fixed)
        if doc is not None:
            return doc, (f"{key}「{text}」写法不规范（是否应为「{fixed}」？）" if wrong else None)
        hint = suggestion(fixed, self.by_number) or suggestion(text, self.by_number)
        if not hint and key == "policy":
            hint = (f"（本站的政策文件写 type: {DOCUMENT_TYPE} 和 number；原文不在本站时，policy 写成 title、issuer 等字段）")
        return None, f"{key}：本站没有发文字号为「{text}」的政策文件{hint}"

    def _by_path(self, text: str, art: Article, key: str) -> tuple[Document | None, str | None]:
        here = posixpath.dirname(art.src)
        for candidate in (posixpath.normpath(posixpath.join(here, text)), text.lstrip("/"),
                          text[len("docs/"):] if text.startswith("docs/") else None):
            if candidate and candidate in self.by_src:
                return self.by_src[candidate], None
        near = [posixpath.relpath(src, here) for src in self.by_src]
        return None, f"{key}：找不到政策文件「{text}」{suggestion(text, near)}"


def _text(art: Article, key: str, problems: Problems) -> str:
    value = art.extra.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, dict, bool)):
        _add(problems, art, key, f"{key}（{OWN_FIELDS[key]}）应是一段文字")
        return ""
    return str(value).strip()


def _date(art: Article, key: str, problems: Problems) -> datetime | None:
    value = art.extra.get(key)
    if value in (None, ""):
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        _add(problems, art, key, f"{key}（{OWN_FIELDS[key]}）{exc}")
        return None


def build_documents(catalog: Catalog, problems: Problems, now: datetime | None = None) -> DocumentIndex:
    """Read and check every document's fields (drafts too: `govnews check` sees them).
    now: the build time, against which a date of repeal must not lie ahead."""
    published = {a.url for a in catalog.listed}
    # who keeps a 发文字号 written twice: the published, then the older, then by file
    order = sorted((a for a in catalog.articles if a.listed and not a.withheld),
                   key=lambda a: (a.url not in published, a.date.timestamp() if a.date else 0, a.src))
    by_url: dict[str, Document] = {}
    by_number: dict[str, Document] = {}
    for art in order:
        if art.type != DOCUMENT_TYPE:
            for key, name in OWN_FIELDS.items():
                if key in art.extra:
                    _add(problems, art, key, f"{key}（{name}）只用于类型为 {DOCUMENT_TYPE} 的文章"
                                             f"（本文类型为「{art.type}」）", WARNING)
            continue
        doc = Document(art, index_no=_text(art, "index_no", problems), replaced_by=_text(art, "replaced_by", problems),
                       written=_date(art, "written", problems), expired=_date(art, "expired", problems))
        number = _text(art, "number", problems)
        if number:
            doc.number, wrong = check_number(number)
            if wrong:
                _add(problems, art, "number", wrong)
            other = by_number.get(doc.number)
            if other is not None:
                _add(problems, art, "number", f"发文字号「{doc.number}」与 {other.art.path} 重复（发文字号不能重复）")
            else:
                by_number[doc.number] = doc
        if doc.written and art.date and _after_period(doc.written, art):
            _add(problems, art, "written", f"成文日期 written（{format_cn_date(doc.written)}）晚于发布日期 date"
                                           f"（{art.date_cn}）", WARNING)
        _check_status(doc, problems)
        if doc.expired and now is not None and doc.expired > now and not doc.in_force:
            # the banner would say 已于…废止 of a date to come: a false statement on a government page
            _add(problems, art, "expired", f"expired（{format_cn_date(doc.expired)}）还没有到：到那天之前文件仍有效，"
                                           f"请到期后再把 status 改为「{doc.status}」", WARNING)
        by_url[art.url] = doc
    index = DocumentIndex(by_url, by_number, {d.art.src: d for d in by_url.values()})
    for doc in by_url.values():
        _link_successor(doc, index, published, problems)
    _break_cycles(list(by_url.values()), problems)
    for doc in by_url.values():
        doc.predecessors.sort(key=lambda d: d.art.sort_key())
    return index


def _after_period(when: datetime, art: Article) -> bool:
    """`when` falls after the article's date, read with its precision (date: 2023 covers all of 2023)."""
    precision = getattr(art, "date_precision", "day")
    if precision == "year":
        return when.year > art.date.year
    if precision == "month":
        return (when.year, when.month) > (art.date.year, art.date.month)
    return when.date() > art.date.date()


def _check_status(doc: Document, problems: Problems) -> None:
    art, status = doc.art, doc.status
    if status == VALID:
        for key in ("expired", "replaced_by"):
            if getattr(doc, key):
                _add(problems, art, key, f"有效性为「{VALID}」的文件不应写 {key}（{OWN_FIELDS[key]}）："
                                         f"文件已废止、失效或修订时，请写 status（是否应为「status: {REPEALED}」？）")
    elif status in NOT_IN_FORCE and not (doc.expired or doc.replaced_by):
        _add(problems, art, STATUS_FIELD, f"有效性为「{status}」的文件须写 expired（{status}日期）"
                                          f"或 replaced_by（替代它的文件的发文字号）")
    elif status == REVISED and not doc.replaced_by:
        _add(problems, art, STATUS_FIELD, f"有效性为「{REVISED}」的文件须写 replaced_by（修订后文本的发文字号或文件路径）")


def _link_successor(doc: Document, index: DocumentIndex, published: set[str], problems: Problems) -> None:
    ref = doc.replaced_by
    if not ref:
        return
    if ref.startswith(("https://", "http://")):
        doc.successor_link = ref
        return
    successor, wrong = index.resolve(ref, doc.art, "replaced_by")
    if wrong:
        _add(problems, doc.art, "replaced_by", wrong)
    if successor is None:
        return
    if successor is doc:
        _add(problems, doc.art, "replaced_by", "replaced_by 不能是本文件自己")
        return
    if doc.art.url in published and successor.art.url not in published:
        _add(problems, doc.art, "replaced_by", f"替代文件 {successor.art.path} 尚未发布（草稿、未到发布日期或日期待确认），"
                                               f"页面上暂不链接")
        return
    doc.successor = successor
    if doc.art.url in published:
        successor.predecessors.append(doc)


def _break_cycles(docs: list[Document], problems: Problems) -> None:
    """替代文件 chains that come back (A → B → A): each file of the loop is an error naming the
    others, and no page of the loop names another as 现行文件. Linear: each file walked once."""
    done: set[int] = set()
    for start in docs:
        path: list[Document] = []
        on_path: dict[int, int] = {}
        doc = start
        while doc is not None and id(doc) not in done and id(doc) not in on_path:
            on_path[id(doc)] = len(path)
            path.append(doc)
            doc = doc.successor
        if doc is not None and id(doc) in on_path:
            loop = path[on_path[id(doc)]:]
            shown = " → ".join(d.art.path for d in loop + loop[:1])
            for member in loop:
                others = "、".join(d.art.path for d in loop if d is not member)
                _add(problems, member.art, "replaced_by",
                     f"replaced_by（替代文件）形成循环：{shown}。本文件与 {others} 互相替代，"
                     f"页面上不会链接；请改正其中一个文件的 replaced_by（是否应为现行文件的发文字号？）")
            for member in loop:
                if member.successor is not None:
                    member.successor.predecessors = [p for p in member.successor.predecessors if p is not member]
                member.successor = None
        done.update(id(d) for d in path)


def _add(problems: Problems, art: Article, key: str, message: str, severity: str = "error") -> None:
    problems.add(art.path, (art.key_lines or {}).get(key, 1), message, severity)
