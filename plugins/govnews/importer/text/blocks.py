"""Lines → blocks: headings, bylines, signatures and body paragraphs.

Newspaper text pasted from e-paper sites or OCR breaks lines mid-sentence, even inside a
word and across blank lines. A line that does not end a sentence is joined with the next
text line unless that line plainly starts something else (a Markdown heading, a byline, a
question/answer or numbered item, the title of the next article).
"""

from __future__ import annotations

import re

from govnews.common.text import DATELINE
from govnews.importer.model import Block, Span
from govnews.importer.readers.tables import is_separator
from govnews.importer.text.bylines import (
    is_lead,
    parse_byline,
    split_closing_names,
    split_credit,
    split_inline_byline,
)
from govnews.importer.text.cmspage import parse_info
from govnews.importer.text.marks import ATTACHMENT as _ATTACHMENT
from govnews.importer.text.marks import CONTACT_LINE, ORG_LINE, TABLE_ROW
from govnews.model.documents import normal_number

TERMINAL = "。！？!?；;：:…”’」』）)》】"
_GOES_ON = "，,。、；;：:！？!?”’）)》"      # a line starting with these continues the one above
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM_START = re.compile(r"^(?:问|答|[问答]\d*)[:：]|^[（(]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]|"
                         r"^[0-9]{1,2}[.、．]|^[一二三四五六七八九十]{1,3}[、是]|^▲|^[■□•●◆◇▪▸►]")
_INNER_STOP = re.compile(r"[。；;！？!?]")
# "上午：8:00—12:00", "附件：…名单", "• 发文字号：…" (a copied list): a labelled line, never a
# heading nor joined to a neighbour
_LABEL_START = re.compile(r"^(?:[•·●◆◇▪▸►]\s*)?[\u4e00-\u9fff]{1,6}(?:\s*[:：]|\u2003)\s*(?P<value>.*)$")   # \u2003: cmspage.CELL
_CJK = re.compile(r"[\u4e00-\u9fff]")
HEADING_MAX = 40
SIGNATURE_GAP = 3          # blank lines allowed between the lines of a 落款
SHORT_HEADING = 24


def is_heading_like(text: str) -> bool:
    """Short line without sentence punctuation: a title, kicker, subtitle or section heading."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX or not _CJK.search(text) or CONTACT_LINE.search(text):
        return False
    label = _LABEL_START.match(text)
    if _ATTACHMENT.match(text) or (label and not _CJK.search(label.group("value"))):
        return False
    if label and parse_info(text) is not None:        # 来源：某某日报, 作者：…: a meta line, no heading
        return False
    if normal_number(text):          # 武政发〔2024〕12号 under a notice's title: its number, no section
        return False
    if text[-1] in "，,、；;：:。！？!?" or _ITEM_START.match(text) or is_lead(text):
        return False
    if text.count("“") != text.count("”") or text.count("《") != text.count("》"):
        return False            # a quotation or sentence continuing from another line
    if _INNER_STOP.search(text):
        return False
    if "，" in text or "," in text:   # a comma means prose (or a prose line broken short)
        return False
    return len(text) <= SHORT_HEADING or bool(re.search(r"[\u4e00-\u9fff”》)）]\s+[\u4e00-\u9fff“《(（]", text))


# 一、出台背景 / （二）主要内容 / 第三章 总则: the numbered section headings of documents and
# explainers, a paragraph of their own when a blank line or an indented line follows
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|"
                      r"第[一二三四五六七八九十百]{1,4}[章节部分篇])\s*(?=.*[\u4e00-\u9fff])"
                      r"[\u4e00-\u9fff“”《》\s0-9０-９%％.．—\-]{1,24}$")   # 一、2023年工作回顾


def _section_heading(text: str) -> bool:
    return bool(_SECTION.match(text)) and not _INNER_STOP.search(text)


def _starts_paragraph(nxt: "_Line", heading: "_Line") -> bool:
    """Below a section heading: a blank line, or an indent like the heading's own
    (`　　一、申报对象` / `　　农村低保户…` in pasted text; a wrapped line has no indent)."""
    return bool(nxt.blank_before) or 0 < nxt.col >= heading.col


# the kinds of document a title names (…的通知, …实施方案, …管理办法): a title broken over lines
# with blank lines between (a 红头文件 copied from a page or a PDF) is joined up to that word and
# no further, the 主送机关 or the first sentence below it being the next paragraph
_DOC_KIND_END = re.compile(r"(?:通知|意见|决定|方案|办法|规定|细则|规划|公告|通告|批复|的函|报告|决议|条例|纲要|要点|"
                           r"计划|规则|指引|指南|清单|通报|公报|章程)$")
_TITLE_PUNCT = re.compile(r"[，,。；;：:！？!?、]")
# 各县市区人民政府，市直机关各单位： — whom a document is sent to: a paragraph of its own
_SALUTATION = re.compile(r"^各.{1,120}[:：]$")


def _title_done(text: str) -> bool:
    """A document title, whole: ends in the kind of document, its 《》〈〉 closed, no punctuation."""
    return (bool(_DOC_KIND_END.search(text)) and not _TITLE_PUNCT.search(text)
            and text.count("《") == text.count("》") and text.count("〈") == text.count("〉"))


def _title_split(group: list["_Line"], nxt: "_Line") -> bool:
    """The next heading line, one blank line down, completes the title the group began."""
    text = "".join(g.text for g in group)
    if text.endswith("文件") or ORG_LINE.match(text):      # 湖塘镇人民政府文件: the issuer's mark above it
        return False
    return (nxt.blank_before == 1 and not _title_done(text) and _title_done(text + nxt.text)
            and not any(_section_heading(t) or _ITEM_START.match(t) for t in (group[0].text, nxt.text)))


def ends_open(text: str) -> bool:
    """True when the text stops mid-sentence (so the next line continues it)."""
    text = text.rstrip()
    if not text or text[-1] in TERMINAL or text.endswith("——") or text.startswith("▲"):
        return False
    if CONTACT_LINE.search(text) and len(text) <= 60:       # one contact item per line
        return False
    label = _LABEL_START.match(text)
    if label and label.group("value") and not _CJK.search(label.group("value")):   # 下午：14:30—18:00
        return False
    if _ATTACHMENT.match(text) or normal_number(text):    # one attachment per line; a 发文字号 line
        return False
    return split_credit(text) is None


_HEAD, _TAIL = 120, 400     # what ends_open reads of a long joined text


def _window(text: str) -> str:
    """A long text's head and tail, for ends_open: the same answer, read in constant time."""
    return text if len(text) <= _HEAD + _TAIL + 40 else text[:_HEAD] + "…" + text[-_TAIL:]


def _needs_space(a: str, b: str) -> bool:
    return bool(a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha())


def join_text(a: str, b: str) -> str:
    return a + " " + b if _needs_space(a, b) else a + b


class _Line:
    __slots__ = ("no", "col", "text", "kind", "marked", "authors", "blank_before", "barrier")

    def __init__(self, no: int, col: int, text: str, blank_before: int, barrier: bool):
        self.no, self.col, self.text = no, col, text
        self.kind, self.marked, self.authors = "body", False, ()
        self.blank_before, self.barrier = blank_before, barrier


def _lines(kept: list[str | None]) -> list[_Line]:
    """Non-blank lines with their kind; `barrier` when boilerplate was removed just before."""
    out: list[_Line] = []
    blanks, barrier = 0, False
    for i, raw in enumerate(kept):
        if raw is None:
            barrier = True
            blanks += 1
            continue
        stripped = raw.strip()
        if not stripped:
            blanks += 1
            continue
        col = len(raw) - len(raw.lstrip())
        m = _MD_HEADING.match(stripped)
        if m:
            col += len(stripped) - len(m.group(2))
            stripped = m.group(2).strip()
            line = _Line(i + 1, col, stripped, blanks, barrier)
            line.kind, line.marked = "heading", True
        else:
            line = _Line(i + 1, col, stripped, blanks, barrier)
            row = TABLE_ROW.match(stripped)
            authors = () if row else parse_byline(stripped)
            if row:
                line.kind = "row"
            elif authors:
                line.kind, line.authors = "byline", authors
            elif DATELINE.match(stripped):
                line.kind = "dateline"
            elif is_heading_like(stripped):
                line.kind = "heading"
        out.append(line)
        blanks, barrier = 0, False
    return out


def build_blocks(kept: list[str | None]) -> list[Block]:
    lines = _lines(kept)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "heading":
            inline = split_inline_byline(line.text)
            if inline and not line.marked:
                head, tail, authors = inline
                blocks.append(Block("heading", [Span(line.no, line.col, head)], head,
                                    blank_before=line.blank_before))
                tail_col = line.col + len(line.text) - len(tail)
                blocks.append(Block("byline", [Span(line.no, tail_col, tail)], tail, authors=authors))
                i += 1
                continue
            # a signature: organisation line right above a dateline, e.g. 中共…宣传部 / 2024年5月29日,
            # or one to three office names above a dateline, a contact line or the end of the text
            sig = _signature_end(lines, i)
            if sig is not None:
                group = lines[i:sig]
                blocks.append(Block("signature", [_span(g) for g in group], "".join(g.text for g in group),
                                    blank_before=line.blank_before, lines=tuple(g.text for g in group)))
                i = sig
                continue
            # consecutive heading lines (no blank line between) form one multi-line heading; so do
            # the lines of a document title printed with a blank line between (…农村集体经济高质量 /
            # 发展三年行动方案): joined only when together they make a title and alone they do not
            group = [line]
            while (i + 1 < len(lines) and lines[i + 1].kind == "heading"
                   and (lines[i + 1].blank_before == 0 or _title_split(group, lines[i + 1]))
                   and lines[i + 1].marked == line.marked and not lines[i + 1].barrier
                   and not group[-1].text.endswith(("——", "丨", "|"))
                   and not split_inline_byline(lines[i + 1].text)):
                i += 1
                group.append(lines[i])
            text = ""
            for g in group:
                text = join_text(text, g.text)
            blocks.append(Block("heading", [_span(g) for g in group], text, marked=line.marked,
                                blank_before=line.blank_before, lines=tuple(g.text for g in group)))
            i += 1
            continue
        if line.kind == "row":
            # a data table: rows one per line, no blank line between (tables.py)
            group = [line]
            while i + 1 < len(lines) and lines[i + 1].kind == "row" and not lines[i + 1].blank_before \
                    and not lines[i + 1].barrier:
                i += 1
                group.append(lines[i])
            rows = tuple(g.text for g in group if not is_separator(g.text))
            kind = "table" if len(rows) >= 2 else "body"
            blocks.append(Block(kind, [_span(g) for g in group], "\n".join(rows), blank_before=line.blank_before,
                                lines=rows))
            i += 1
            continue
        if line.kind in ("byline", "dateline"):
            kind = "byline" if line.kind == "byline" else "dateline"
            if kind == "byline" and blocks and blocks[-1].kind == "byline" and line.blank_before == 0:
                prev = blocks[-1]
                prev.spans.append(_span(line))
                prev.text = prev.text + " " + line.text
                prev.authors = prev.authors + tuple(a for a in line.authors if a not in prev.authors)
            else:
                blocks.append(Block(kind, [_span(line)], line.text, blank_before=line.blank_before,
                                    authors=line.authors))
            i += 1
            continue
        # body paragraph: join lines broken mid-sentence
        # linear however many lines join: the parts are joined once, and ends_open reads the
        # joined text's head and tail only (all it looks at: a text's first and last words)
        spans, parts, probe = [_span(line)], [line.text], line.text
        while ends_open(probe) and i + 1 < len(lines) and _continues(lines, i + 1) \
                and not (len(spans) == 1 and _section_heading(probe) and _starts_paragraph(lines[i + 1], line)) \
                and not (lines[i + 1].blank_before and _title_done(probe) and lines[i + 1].text[0] not in _GOES_ON):
            i += 1
            spans.append(_span(lines[i]))
            parts.append((" " if _needs_space(parts[-1], lines[i].text) else "") + lines[i].text)
            probe = _window(join_text(probe, lines[i].text))
        blocks.append(Block("body", spans, "".join(parts), blank_before=line.blank_before))
        _split_credit(blocks)
        i += 1
    if blocks and blocks[-1].kind == "body":
        _split_credit(blocks, split_closing_names)      # （袁传仓） closing the text: its writer
    return blocks


def _signature_end(lines: list[_Line], i: int) -> int | None:
    """End (exclusive) of a signature starting at line i, or None."""
    line = lines[i]
    if line.marked:
        return None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and nxt.kind == "dateline" and nxt.blank_before == 0:
        return i + 2
    # office names, one per paragraph in saved web pages (<p>…</p> leaves blank lines)
    k = i
    while k < len(lines) and k - i < 3 and lines[k].kind == "heading" and ORG_LINE.match(lines[k].text) \
            and (k == i or lines[k].blank_before <= SIGNATURE_GAP):
        k += 1
    if k == i:
        return None
    after = lines[k] if k < len(lines) else None
    if after is not None and after.kind == "dateline" and after.blank_before <= SIGNATURE_GAP:
        return k + 1
    if after is None or (CONTACT_LINE.search(after.text) and after.blank_before <= SIGNATURE_GAP):
        return k
    return None


def _continues(lines: list[_Line], j: int) -> bool:
    nxt = lines[j]
    if nxt.barrier or nxt.marked or nxt.kind in ("byline", "dateline"):
        return False
    if nxt.text[0] in _GOES_ON:
        return True
    if normal_number(nxt.text) or _SALUTATION.match(nxt.text):
        return False            # a 发文字号 line, the 主送机关: each a paragraph of its own
    if _LABEL_START.match(nxt.text) and _LABEL_START.match(lines[j - 1].text) or _ATTACHMENT.match(nxt.text):
        return False            # 时间：… / 地点：…: one field per line
    if _ITEM_START.match(nxt.text) or is_lead(nxt.text):
        return False
    if nxt.kind == "heading" and ORG_LINE.match(nxt.text) and _signature_end(lines, j) is not None:
        return False                # the office signing the text
    if nxt.kind == "heading":
        # the title of the next article: a heading followed by a byline or a 本报讯 lead
        after = lines[j + 1] if j + 1 < len(lines) else None
        if after is None or after.kind == "byline" or is_lead(after.text) or split_inline_byline(nxt.text):
            return False
        if after.kind == "heading" and after.blank_before > 0:
            return False
    return True


def _span(line: _Line) -> Span:
    return Span(line.no, line.col, line.text)


def _split_credit(blocks: list[Block], split=split_credit) -> None:
    """Move a photographer's credit at the end of a paragraph (or, with split_closing_names, the
    writers' names closing the text) into its own byline block."""
    block = blocks[-1]
    last = block.spans[-1]
    found = split(last.text)
    if not found:
        return
    head, authors = found
    credit = last.text[len(head):]
    lead_ws = len(credit) - len(credit.lstrip())
    credit_span = Span(last.line, last.col + len(head) + lead_ws, credit.strip())
    if head.strip():
        block.spans[-1] = Span(last.line, last.col, head)
        block.text = block.text[: len(block.text) - len(last.text)] + head
    else:
        block.spans.pop()
        block.text = block.text[: len(block.text) - len(last.text)]
    if not block.spans:
        blocks.pop()
    blocks.append(Block("byline", [credit_span], credit.strip(), authors=authors))
    blocks[-1].lines = ("credit",)
