"""Blocks → articles (Drafts).

A new article starts at a heading group followed by a byline or a 本报讯 lead, at a notice
heading (通告…), at a photo caption with a photographer's credit, and at the start of the
page. Other heading groups inside an article are its section headings; a heading group
with nothing after it at the end of the page is a page slogan (removed, reported).
Within a title group: an explicit "引题丨标题" or "引题——", Markdown-marked titles with
unmarked kicker before / subtitle after, otherwise the last heading is the title.
"""

from __future__ import annotations

import re

from govnews.importer.model import Block, Draft, Removed, Span
from govnews.importer.text.blocks import CONTACT_LINE, ORG_LINE
from govnews.importer.text.bylines import is_lead, is_person_name, lead_authors
from govnews.model.documents import normal_number

NOTICE = re.compile(r"(?:通告|通知|公告|启事|声明|公示|讣告|告知书|倡议书)$")
# the title of a 公文 too long to be taken for a heading: 关于…的通知（征求意见稿）
_DOC_TITLE = re.compile(r"^关于.{2,120}$|(?:通知|通报|意见|决定|批复|报告|请示|函|公告|通告|方案|办法|规定|细则|措施|规划|纪要)"
                        r"(?:\s*[（(][^）)]{1,12}[）)])?$")
# words of a title that merely ends in 文件 (学习贯彻省政府文件), never of an issuer's mark
_NOT_A_MARK = re.compile(r"关于|学习|贯彻|转发|印发|落实|解读|的")
_TITLE_SEP = re.compile(r"\s*[丨｜|]\s*")
_TIME_LEAD = re.compile(r"^(?:近日|日前|近期|前不久|昨天|昨日|今天|今日|本月|上周|\d{1,2}月\d{1,2}日)"
                        r"(?:上午|下午|晚上|晚间|早上)?\s*[,，]?\s*")


def split_articles(blocks: list[Block], source_file: str) -> tuple[list[Draft], list[Removed]]:
    drafts: list[Draft] = []
    removed: list[Removed] = []
    cur: Draft | None = None
    n = len(blocks)
    i = 0

    def start(first: Block) -> Draft:
        d = Draft(source_file=source_file, first_line=first.line)
        drafts.append(d)
        return d

    while i < n:
        b = blocks[i]
        if b.kind == "heading":
            j = i
            while j < n and blocks[j].kind == "heading":
                j += 1
            run, nxt = blocks[i:j], (blocks[j] if j < n else None)
            after = blocks[j + 1] if j + 1 < n else None
            if nxt is None:
                if cur is not None and not all(_slogan_like(h) for h in run):
                    # short lines closing the text that are no slogan (an office, a name, a number):
                    # kept as the article's last lines, flagged
                    for h in run:
                        cur.body.append(Block("signature", h.spans, h.text, blank_before=h.blank_before,
                                              lines=tuple(s.text for s in h.spans)))
                    cur.warnings.append(f"文末短行「{cut_text(run[0].text)}」保留在正文，请核对是否为落款")
                    i = j
                    continue
                # nothing follows: an e-paper slogan or column label at the end of the page
                for h in run:
                    removed += [Removed(s.line, s.text, "版面标语", s.col) for s in h.spans]
                i = j
                continue
            photo_next = nxt.kind == "body" and after is not None and _is_credit(after)
            if cur is not None and not cur.body:
                if not cur.title:
                    # bylines came first (or nothing yet): this group titles the same article
                    _resolve_title_group(run, cur, removed)
                    cur.photo = cur.photo or photo_next
                elif (nxt.kind == "byline" and not _is_credit(nxt)) or (nxt.kind == "body" and is_lead(nxt.text)) \
                        or any(NOTICE.search(h.text) for h in run):
                    cur = start(run[0])
                    _resolve_title_group(run, cur, removed)
                else:
                    cur.body.append(_merge_headings(run))   # first section heading
                i = j
                continue
            rest_bylines = all(x.kind in ("byline", "signature", "dateline") for x in blocks[j:])
            if cur is not None and cur.body and (rest_bylines or all(_signature_line(sp.text) for h in run for sp in h.spans)):
                # an office (落款) closing the article, or short lines with only bylines after them
                for h in run:
                    cur.body.append(Block("signature", h.spans, h.text, blank_before=h.blank_before,
                                          lines=tuple(s.text for s in h.spans)))
                i = j
                continue
            new = (
                cur is None
                or (nxt.kind == "byline" and not _is_credit(nxt) and _substantive(after))
                or (nxt.kind == "body" and is_lead(nxt.text))
                or any(NOTICE.search(h.text) for h in run)
                or (photo_next and (j + 2 >= n or blocks[j + 2].kind == "heading"))
            )
            if new:
                prev = cur
                cur = start(run[0])
                _resolve_title_group(run, cur, removed)
                if prev is not None and prev.photo and not prev.title and cur.kicker and len(run) >= 2:
                    # a column label printed under a photo (重点项目进行时) belongs to the photo
                    prev.kicker, cur.kicker = cur.kicker, []
                    prev.warnings.append(f"栏目「{prev.kicker_text}」按版面位置归入本图片新闻，请核对")
                cur.photo = photo_next
            else:
                cur.body.append(_merge_headings(run))
            i = j
            continue
        if b.kind == "byline":
            if cur is None:
                cur = start(b)
            cur.bylines.append(b)
            if _is_credit(b) and cur.body and not cur.title:
                cur.photo = True
            i += 1
            continue
        # body, signature, dateline
        nxt = blocks[i + 1] if i + 1 < n else None
        after = blocks[i + 2] if i + 2 < n else None
        standalone_photo = (
            b.kind == "body" and nxt is not None and _is_credit(nxt) and cur is not None and cur.body
            and b.blank_before >= 2 and (after is None or after.kind == "heading")
        )
        if cur is None or standalone_photo:
            cur = start(b)
            cur.photo = standalone_photo
        cur.body.append(b)
        i += 1

    drafts = _fold_masthead(_fold_empty(drafts))
    for d in drafts:
        _finish(d)
    return drafts, removed


def _finish(d: Draft) -> None:
    """Authors of a 本报讯(记者 …) lead in the first paragraphs; a title from the text when none."""
    for block in d.body[:2]:
        if block.kind == "body":
            for a in lead_authors(block.text):
                if a not in d.authors:
                    d.bylines.append(Block("lead", [], "", authors=(a,)))
            break
    if not d.title:
        d.title_from_text = True
        d.derived_title = derive_title(d)


def _signature_line(text: str) -> bool:
    """An office or a signer's name: the lines of a 落款."""
    return bool(ORG_LINE.match(text)) or is_person_name(text)


def _substantive(block: Block | None) -> bool:
    """Text that can open an article: a paragraph or a heading, not a contact line or a 落款."""
    if block is None or block.kind not in ("body", "heading"):
        return False
    return block.kind == "heading" or not CONTACT_LINE.search(block.text) or len(block.text) > 60


_SLOGAN = re.compile(r"^[\u4e00-\u9fff“”‘’《》·\s]{4,16}$")


def _slogan_like(h: Block) -> bool:
    """'聚力万亿之城' / '彰显绿建担当': short phrases only, no office, name, number or place."""
    from govnews.importer.text.bylines import parse_byline

    return all(_SLOGAN.match(s.text) and not ORG_LINE.match(s.text) and not parse_byline(s.text) for s in h.spans)


def cut_text(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_FIELD = re.compile(r"^[\u4e00-\u9fff]{1,6}\s*[:：]")
_BRACKETED = re.compile(r"^[（(【\[].*[）)】\]]$")


def single_article(blocks: list[Block], source_file: str, title: list[Block]) -> Draft:
    """A web page holds one article whose title is known: bylines (top, end, credits) go to
    the byline list as on a paper page, everything else is body in input order."""
    d = Draft(source_file=source_file, first_line=title[0].line if title else (blocks[0].line if blocks else 0))
    d.title = title
    for b in blocks:
        if b.kind == "heading" and not b.marked and (_FIELD.match(b.text) or _BRACKETED.match(b.text)):
            # 主题分类：… / 时间：… 地点：… / （此件公开发布）: lines of text, one paragraph each
            d.body += [Block("body", [sp], sp.text, blank_before=b.blank_before if k == 0 else 0)
                       for k, sp in enumerate(b.spans)]
            continue
        elif b.kind == "heading" and not b.marked and all(ORG_LINE.match(sp.text) for sp in b.spans):
            b = Block("signature", b.spans, b.text, blank_before=b.blank_before,   # an office, not a section
                      lines=tuple(sp.text for sp in b.spans))
        (d.bylines if b.kind == "byline" else d.body).append(b)
    # headings after the last paragraph are the end of the text (an office, a slogan): plain lines
    k = len(d.body)
    while k and d.body[k - 1].kind == "heading" and not d.body[k - 1].marked:
        k -= 1
    for idx in range(k, len(d.body)):
        h = d.body[idx]
        d.body[idx] = Block("signature", h.spans, h.text, blank_before=h.blank_before,
                            lines=tuple(s.text for s in h.spans))
    _finish(d)
    return d


def _fold_empty(drafts: list[Draft]) -> list[Draft]:
    """A draft with neither title nor body (a stray byline) joins its neighbour: text is
    never dropped."""
    kept: list[Draft] = []
    pending: list[Block] = []
    for d in drafts:
        if d.body or d.title:
            d.bylines = pending + d.bylines
            pending = []
            kept.append(d)
        elif kept:
            kept[-1].bylines += d.bylines
        else:
            pending += d.bylines
    if pending:  # only bylines on the whole page: keep them as an article without body
        lone = Draft(source_file=drafts[0].source_file, first_line=pending[0].line, bylines=pending)
        kept.append(lone)
    return kept


def _fold_masthead(drafts: list[Draft]) -> list[Draft]:
    """A 红头文件 begins with its issuer's mark (武进区人民政府文件) and its 发文字号 above the real
    title (GB/T 9704): the mark is no article of its own. The mark and the number open the body
    of the article the title heads, and the number is the document's."""
    if not drafts or not drafts[0].title:
        return drafts
    head = drafts[0]
    if head.kicker and is_mark(head.kicker_text):
        # the mark taken for the title's kicker (a heading group of two): it opens the body
        head.body = [Block("body", h.spans, h.text, blank_before=h.blank_before) for h in head.kicker] + head.body
        head.kicker = []
        _number_of(head, head.body[0].text)
        return drafts
    if head.kicker or head.subtitle or not is_mark(head.title_text) \
            or not any(normal_number(b.text) for b in head.body[:3]):
        return drafts     # no 发文字号 under it: a title that merely ends in 文件, not a mark
    lead = [Block("body", h.spans, h.text, blank_before=h.blank_before) for h in head.title]
    if len(drafts) > 1 and len(head.body) <= 3 and all(len(b.text) <= 40 for b in head.body) and not head.bylines:
        doc, rest = drafts[1], drafts[2:]
        doc.body = lead + head.body + doc.body
        doc.first_line = head.first_line
        doc.warnings = head.warnings + doc.warnings
    else:   # the title came as the first section heading of the mark's "article"
        k = next((i for i, b in enumerate(head.body[:3]) if b.kind == "heading"
                  or b.kind == "body" and _DOC_TITLE.search(b.text) and not re.search(r"[。；;！？]", b.text)), None)
        if k is None:
            return drafts
        doc, rest = head, drafts[1:]
        doc.title = [Block("heading", head.body[k].spans, head.body[k].text, blank_before=head.body[k].blank_before)]
        doc.body = lead + head.body[:k] + head.body[k + 1:]
        doc.title_from_text = False
    _number_of(doc, lead[0].text)
    return [doc, *rest]


def is_mark(text: str) -> bool:
    """A 红头文件's 发文机关标志: one or more issuers (the 落款 offices, ORG_LINE) and 文件 —
    武进区人民政府文件, 中共武进区委 武进区人民政府文件."""
    text = text.strip()
    names = text[:-2].split()
    return text.endswith("文件") and bool(names) and not _NOT_A_MARK.search(text) \
        and all(ORG_LINE.match(name) for name in names)


def _number_of(doc: Draft, mark: str) -> None:
    """The 发文字号 under the mark is the document's, and the mark (less 文件) names its issuer."""
    number = next((normal_number(b.text) for b in doc.body[:4] if normal_number(b.text)), None)
    if number:
        doc.document.setdefault("number", number)
        doc.document.setdefault("issuer", mark.strip()[:-2].strip())


def _is_credit(block: Block | None) -> bool:
    return (block is not None and block.kind == "byline" and bool(block.authors)
            and all(a.startswith("摄影 ") for a in block.authors))


def _merge_headings(run: list[Block]) -> Block:
    if len(run) == 1:
        return run[0]
    spans = [s for h in run for s in h.spans]
    return Block("heading", spans, " ".join(h.text for h in run), marked=run[0].marked,
                 blank_before=run[0].blank_before)


def _resolve_title_group(run: list[Block], d: Draft, removed: list[Removed]) -> None:
    sep = next((h for h in run if len(h.spans) == 1 and _TITLE_SEP.search(h.text)), None)
    if sep is not None:
        span = sep.spans[0]
        m = _TITLE_SEP.search(span.text)
        left, right = span.text[: m.start()], span.text[m.end():]
        d.kicker = [Block("heading", [Span(span.line, span.col, left)], left)]
        d.title = [Block("heading", [Span(span.line, span.col + m.end(), right)], right)]
        removed.append(Removed(span.line, m.group().strip(), "标题分隔符", span.col + m.start()))
        whole = _essence(left + right)
        for h in run:
            if h is sep:
                continue
            if _essence(h.text) in whole:
                removed += [Removed(s.line, s.text, "重复标题", s.col) for s in h.spans]
            else:
                d.subtitle.append(h)
        return
    marked = [k for k, h in enumerate(run) if h.marked]
    if marked:
        t = marked[0]
    elif len(run) >= 3:
        t = 1
    else:
        t = len(run) - 1
    d.kicker, d.title, d.subtitle = run[:t], [run[t]], run[t + 1:]
    if len(d.kicker) > 1:
        d.warnings.append("标题前有多行引题，请核对")


def _essence(text: str) -> str:
    return re.sub(r"\s+", "", text)


def derive_title(d: Draft) -> str:
    """No heading: the first clause of the text, without a leading 近日/昨天 (warned)."""
    first = next((b.text for b in d.body if b.kind == "body"), "")
    first = _TIME_LEAD.sub("", re.sub(r"^本报(?:[\u4e00-\u9fff]{0,8})?讯\s*(?:[（(][^)）]*[)）])?\s*", "", first))
    clause = re.split(r"[，,。！？!?；;：:]", first, maxsplit=1)[0].strip()
    clause = re.sub(r"^位于[^的]{1,20}的", "", clause)   # 位于武进国家高新区的X是… → X是…
    return clause[:40] or "（无标题）"
