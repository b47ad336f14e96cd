"""One clipping → FileResult: read, clean, split, date, classify. No file is written here.

A CMS article page (breadcrumb, meta line, 上一篇/下一篇…, see cmspage) is one article: its
title and end come from the page's anchors; other input (e-paper pages, OCR text) is split
into articles by split.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import unquote, urlsplit

from govnews.common import radicals
from govnews.importer.model import Block, DateGuess, Draft, FileResult, Removed, Span
from govnews.importer.output import fetch as fetcher
from govnews.importer.output import images, linkedfiles
from govnews.importer.readers.clipping import ReadError, read_clipping
from govnews.importer.text import accounting, attachedtext, cmspage
from govnews.importer.text.blocks import _MD_HEADING, build_blocks
from govnews.importer.text.bylines import is_person_name, lead_source
from govnews.importer.text.classify import Classifier
from govnews.importer.text.clean import _PAPER, clean_lines, paper_name
from govnews.importer.text.dates import assign_dates, page_year
from govnews.importer.text.listing import list_page
from govnews.importer.text.marks import TABLE_ROW
from govnews.importer.text.policyref import find_policy
from govnews.importer.text.split import single_article, split_articles
from govnews.model.documents import normal_number
from govnews.model.policy import EXPLAINER_TYPE

HEAD, TAIL, REPEATED = "网页页头（导航、位置、日期等）", "网页页尾（上一篇/下一篇、相关链接、页脚）", "重复标题"
# "来源：本站" names the old site, which the new one replaces
_SELF_SOURCE = {"本站", "本网", "本网站", "原创", "本站原创", "网站", "管理员", "admin"}
_NOT_AUTHOR = {"管理员", "admin", "administrator", "本站", "本网", "佚名", "系统管理员", "编辑部"}


@dataclass
class Options:
    year: int | None = None
    source: str = ""          # paper for 本报讯 pages (--source)
    today: date | None = None
    fetch: bool = False   # download pictures and files the page only links to (--fetch)
    # folders besides a page's own whose files it may link to (--root: a saved site's root)
    roots: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()   # --fetch may reach these hosts even on a private address
    # read as a later page of another file's article (_join_pages): its text, pictures and
    # files only, not dated or classified on its own
    page_of_another: bool = False


def _line_span(lines: list[str], i: int) -> Span:
    raw = lines[i]
    stripped = raw.strip()
    col = len(raw) - len(raw.lstrip())
    m = _MD_HEADING.match(stripped)
    if m:
        col += len(stripped) - len(m.group(2))
        stripped = m.group(2).strip()
    return Span(i + 1, col, stripped)


def _staff_lines(lines: list[str]) -> dict[int, cmspage.Info]:
    """责任编辑：张三 / 编辑：李四 审核：王五 anywhere in the text (→ front matter `editor`)."""
    out = {}
    for i, line in enumerate(lines):
        if ("：" in line or ":" in line) and not TABLE_ROW.match(line.strip()):
            info = cmspage.parse_info(line)
            if cmspage.is_staff_line(info):
                out[i] = info
    return out


def import_text(text: str, path: str, classifier: Classifier, options: Options,
                dropped: list[tuple[str, str]] = (), meta: cmspage.PageMeta | None = None) -> FileResult:
    """`dropped`: what the reader already left out (web navigation…), reported as line 0;
    `meta`: what a saved web page says about itself. The steps: radicals fixed, a listing
    page refused, the text cut into articles (by the CMS page's layout, or by blocks), every
    line accounted for, files and pictures placed, pages joined, then dates, sources, authors
    and classification."""
    result = FileResult(path)
    text, radical_count, radical_examples = _fix_radicals(text, meta)
    lines = cmspage.join_stacked_labels(cmspage.split_tab_fields(text.split("\n")))
    entries = list_page(lines, meta.links, meta.date is not None) if meta is not None else 0
    if entries:
        result.skipped = f"栏目列表页（{entries} 条文章链接），不是文章，未导入；其中的文章请用各自的网页导入"
        return result
    drafts, removed, infos, paper = _cut_articles(lines, path, meta, dropped)
    removed = [Removed(0, t, r) for t, r in dropped] + removed
    if not drafts or not any(d.body or d.title for d in drafts):
        result.error = "没有找到正文（全是版面杂项或标题）"
        result.removed = removed
        return result
    lost = accounting.check(lines, drafts, [r for r in removed if r.line > 0])
    if lost:
        result.error = f"内部错误：第 {', '.join(map(str, lost[:5]))} 行的文字未能完整归入文章，已停止导入此文件"
        return result
    _reader_warnings(drafts, meta, radical_count, radical_examples)
    pages = max((cmspage.page_count(r.text) for r in removed if r.line), default=0)
    siblings = _sibling_pages(path, meta.links, pages) if meta is not None and len(drafts) == 1 else []
    if pages and not siblings:
        # an old CMS split the article into pages and the others are not saved beside it
        split = f"分 {pages} 页" if pages > 1 else "分页显示（上一页/下一页）"
        drafts[-1].warnings.append(f"原网页{split}，这里只有其中一页的正文：请打开原网页的其余各页，把正文补到本文中"
                                   "（或把各页保存在同一文件夹后一起导入）")
    removed = _place_files(drafts, removed, path, meta, options)
    if options.page_of_another:
        result.drafts, result.removed = drafts, removed
        return result
    if siblings:
        _join_pages(drafts[0], result, siblings, path, classifier, options, removed)
    if len(drafts) == 1 and drafts[0].files:     # a 政策文件 page whose text is only in its attachment
        attachedtext.fill(drafts[0], options, import_file, classifier, removed)
    for d in drafts:
        if d.body and all(b.kind == "image" for b in d.body):     # a 图解, a poster (textless.py)
            d.warnings.append("正文只有图片、没有文字：读屏软件朗读不出，搜索也搜不到；请在图片下写出图中的文字"
                              "（图解稿件附上文字版），或为每张图片写说明")
    _describe(drafts, infos, meta, path, paper, classifier, options)
    result.source = paper
    if drafts and all(not d.body and not d.photo for d in drafts):
        # a page whose text a script fetches after loading: saved, it holds the title only
        result.error = f"只找到标题「{drafts[0].title_text}」，没有正文，未导入（空白文章不能发布）"
        if meta is not None:
            result.error += ("：网页的正文可能由脚本加载，没有保存在文件里。请在浏览器中打开原网页，等正文显示后"
                             "复制正文存为 .txt 导入，或“另存为 → 网页，全部”后再导入")
        return result
    result.drafts = drafts
    result.removed = removed
    return result


def _fix_radicals(text: str, meta: cmspage.PageMeta | None) -> tuple[str, int, list[str]]:
    """⼈⺠ (from PDFs) are 人民: in the text and in what the page says about itself."""
    examples = radicals.examples(text + "".join(str(getattr(meta, a, "")) for a in ("title", "description")))
    text, count = radicals.fix(text)
    if meta is not None:
        for attr in ("title", "html_title", "description", "source", "column"):
            value, n = radicals.fix(getattr(meta, attr))
            setattr(meta, attr, value)
            count += n
    return text, count, examples


# what a CMS list prints after a title to say the article has pictures or a video: 胜利召开[图]
_BADGE = re.compile(r"\s*[\[【(（〔](?:图|组图|多图|图文|附图|视频|音频|图片)[\]】)）〕]\s*$")
BADGE = "标题后的“有图/视频”标记"


def _drop_badge(span: Span, removed: list[Removed]) -> Span:
    """The title without its [图] badge; the badge is reported, so no character goes unaccounted."""
    m = _BADGE.search(span.text)
    if not m or m.start() == 0:
        return span
    removed.append(Removed(span.line, m.group(0).strip(), BADGE, span.col + m.start()))
    return Span(span.line, span.col, span.text[: m.start()])


NUMBER_WITHIN = 4        # paragraphs above the text where a 发文字号 is looked for


def _cut_articles(lines: list[str], path: str, meta: cmspage.PageMeta | None,
                  dropped: list[tuple[str, str]]) -> tuple[list, list[Removed], list, str]:
    """The text's articles: one, when the page has a CMS layout (title, meta lines, staff,
    the page chrome around it), else as many as the blocks split into. Returns the drafts,
    the removed lines (in line order), the page's meta-line infos and the newspaper's name."""
    staff = _staff_lines(lines)
    layout = cmspage.detect(lines, meta)
    if layout is not None:
        staff.update({i: layout.infos[i] for i in layout.staff})
    protect = set(staff) | (set(layout.title) | set(layout.info) | set(layout.subtitle) if layout else set())
    kept, removed, paper = clean_lines(lines, protect)
    for text_, reason in dropped:
        m = _PAPER.search(text_)
        if m and not paper:
            paper = paper_name(m.group("org"))

    def take(i: int) -> Span:
        kept[i] = None
        return _line_span(lines, i)

    def drop(i: int, reason: str) -> None:
        if kept[i] is not None and kept[i].strip() and i not in staff:
            span = _line_span(lines, i)
            removed.append(Removed(i + 1, span.text, reason, span.col))
            kept[i] = None

    staff_blocks = [Block("staff", [take(i)], lines[i].strip(), authors=tuple(staff[i].staff)) for i in sorted(staff)]
    if layout is not None:
        for i in layout.head:
            drop(i, HEAD)
        for i in layout.tail:
            drop(i, TAIL)
        for i in layout.repeated:
            drop(i, REPEATED)
        title_spans = [take(i) for i in layout.title]
        title_spans[-1] = _drop_badge(title_spans[-1], removed)
        title = [Block("heading", title_spans, " ".join(s.text for s in title_spans))]
        subtitle = [Block("heading", [sp], sp.text) for sp in (take(i) for i in layout.subtitle)]
        infos = [(layout.infos[i], Block("info", [take(i)], lines[i].strip(), authors=tuple(layout.infos[i].staff)))
                 for i in layout.info]
        d = single_article(build_blocks(kept), path, title)
        d.subtitle = subtitle
        # 索引号/文号 lines stay in the body; their 发布日期 still dates the page
        infos += [(layout.infos[i], Block("index", [], "")) for i in layout.index if i in layout.infos]
        # label | value cells of a metadata table (readers): read like 索引号：… lines
        table_infos = [info for info in map(cmspage.parse_info, meta.table_fields if meta else []) if info]
        infos += [(info, Block("index", [], "")) for info in table_infos]
        if layout.kept_before:
            d.warnings.append(f"标题前的文字「{lines[layout.kept_before[0]].strip()[:20]}」保留在正文开头，请核对是否为网页杂项")
        d.info = [b for _, b in infos]
        for info in [layout.infos[i] for i in sorted(layout.infos)] + table_infos:
            for key, value in info.document.items():
                d.document.setdefault(key, value)
        # 武政办发〔2024〕7号 printed above the text (GB/T 9704), maybe under a registration number
        # (HHCR-2023-01005) or the issuer's name: one of the first few paragraphs, whole
        opening = next((b for b in d.body[:NUMBER_WITHIN] if b.kind in ("body", "heading") and normal_number(b.text)),
                       None)
        if "number" not in d.document and opening is not None:
            d.document["number"] = opening.text
        d.column = layout.column or (meta.column if meta else "")
        drafts, more_removed = [d], []
    else:
        infos = []
        drafts, more_removed = split_articles(build_blocks(kept), path)
        if meta is not None and len(drafts) == 1 and drafts[0].title_from_text and meta.title:
            drafts[0].derived_title, drafts[0].title_from_text = meta.title, False
        if meta is not None and len(drafts) == 1:
            drafts[0].column = meta.column
    _attach_staff(drafts, staff_blocks)
    return drafts, sorted(removed + more_removed, key=lambda r: (r.line, r.col)), infos, paper


def _reader_warnings(drafts: list, meta: cmspage.PageMeta | None, radical_count: int, examples: list[str]) -> None:
    if radical_count:
        pairs = "、".join(f"「{r}」→「{radicals.EQUIVALENT[r]}」" for r in examples)
        drafts[0].warnings.append(f"原文有 {radical_count} 个部首字符（外观与汉字相同，多见于从 PDF 复制或提取的文字），"
                                  f"已改为对应的汉字（{pairs}）")
    if meta is not None:
        drafts[-1].warnings += meta.notices
    if meta is not None and meta.media:
        drafts[-1].warnings += [f"网页中的{kind}「{src[:120]}」未导入（请把文件放入 docs/ 后在正文中加链接，或另行发布）"
                                for kind, src in dict.fromkeys(meta.media)]


def _place_files(drafts: list, removed: list[Removed], path: str, meta: cmspage.PageMeta | None,
                 options: Options) -> list[Removed]:
    """The page's links made local, its files and pictures placed in the articles (copied
    only from inside the page's folder or --root; fetched only with --fetch)."""
    if meta is None:
        return removed
    if meta.links and drafts:
        _local_links(drafts, meta.links)
    if meta.local_links and drafts:
        _document_links(drafts, meta.local_links, path, options.roots)
    fetch = fetcher.Fetcher(options.allow_hosts) if options.fetch else None
    if meta.files:     # before pictures: they add blocks the ranges must not see
        linkedfiles.place(drafts, meta.files, removed, images.ranges(drafts, removed), path, meta.embedded,
                          meta.url, fetch, options.roots)
    if meta.images:
        removed += images.place(drafts, meta.images, removed, path, meta.embedded, meta.url, fetch,
                                options.roots)
    return removed


def _describe(drafts: list, infos: list, meta: cmspage.PageMeta | None, path: str, paper: str,
              classifier: Classifier, options: Options) -> None:
    """Dates, source, authors, keywords, town/topics/type and the editor's warnings."""
    stated = _stated_date(infos, meta)
    hints = [meta.html_title, meta.title, meta.description] if meta else []
    partial = next((i.month_day for i, _ in infos if i.month_day), None)
    if stated is None and partial is not None:
        stated = _month_day_date(partial, drafts, options, hints)
    addresses = [meta.url if meta is not None else "", _mirrored_address(path)]
    assign_dates(drafts, options.year, options.today or date.today(), stated, hints, addresses)
    # a 来源：… line before the WeChat account's name printed in the article's head
    page_source = next((i.source for i, _ in sorted(infos, key=lambda pair: pair[0].account) if i.source), "") \
        or (meta.source if meta else "")
    page_authors = [a for i, _ in infos for a in i.authors if a not in _NOT_AUTHOR]
    if meta is not None and not page_authors:
        page_authors = [a for a in meta.authors if is_person_name(a)]
    if meta is not None and len(drafts) == 1:
        site = strip_site_name(meta.html_title)
        drafts[0].keywords = [k for k in meta.keywords if len(k) <= 20 and k not in site][:10]
    for d in drafts:
        if page_authors and len(drafts) == 1:
            d.bylines.append(Block("meta", [], "", authors=tuple(page_authors)))
        classifier.classify(d)
        if d.type == EXPLAINER_TYPE:      # the document it explains, as the page names it
            d.policy = find_policy(d, *((meta.links, meta.url) if meta is not None and len(drafts) == 1 else ()))
        if page_source in _SELF_SOURCE:
            d.warnings.append(f"原网页来源为「{page_source}」，请填写原网站名称")
            page_source = ""
        lead = next((b.text for b in d.body if b.kind == "body"), "")
        d.source = page_source or lead_source(lead) or _closing_source(d) or paper or options.source
        if not d.source:
            d.warnings.append("来源未知（可用 --source 指定）")
        if d.title_from_text:
            d.warnings.append("原文无标题，标题取自正文首句，请拟定")
        if d.photo and not d.title_from_text and not d.body:
            d.warnings.append("图片新闻无正文")


# "（来源：武进日报）" closing a reposted article: where it came from (the line stays in the text)
_CLOSING_SOURCE = re.compile(r"^[（(]?\s*(?:来源|稿源|信息来源|文章来源|转自|转载自|供稿|供稿单位)\s*[:：]\s*"
                             r"(?P<source>[\u4e00-\u9fffA-Za-z0-9·]{2,30})\s*[)）]?[。.]?$")
# "（湖塘镇党政办）" closing a town's report: the office that sent it
_CLOSING_OFFICE = re.compile(r"^[（(]\s*(?P<source>[\u4e00-\u9fff]{2,20}(?:党政办|宣传办|综合办|办公室|政府|委员会|"
                             r"街道|局|中心|站|所))\s*[)）]$")


def _closing_source(d: Draft) -> str:
    for block in reversed(d.body[-3:]):
        if block.kind not in ("body", "signature"):
            continue
        text = block.text.strip()
        m = _CLOSING_SOURCE.match(text) or _CLOSING_OFFICE.match(text)
        if m and m["source"] not in _SELF_SOURCE:
            return m["source"]
    return ""


# a mirror keeps the site's host as a folder (wget, HTTrack): www.wj.gov.cn/art/2023/11/20/…
_HOST_FOLDER = re.compile(r"(?:^|[/\\])(?=[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|gov)(?::\d+)?[/\\])")


def _mirrored_address(path: str) -> str:
    """The part of a mirrored page's path that was its address ('' when it is not in a
    host's folder: an editor's own folder named 20241203 is not the article's date)."""
    m = _HOST_FOLDER.search(path)
    return "/" + path[m.end():] if m else ""


def strip_site_name(html_title: str) -> str:
    """The site name a <title> ends with ('…_云溪县人民政府' → '云溪县人民政府'): no keyword."""
    return html_title[len(cmspage.strip_site_suffix(html_title)):]


def _stated_date(infos: list[tuple[cmspage.Info, Block]], meta: cmspage.PageMeta | None) -> DateGuess | None:
    """The date the page states for the article: its PubDate meta tag, else its meta line."""
    if meta is not None and meta.date:
        return DateGuess(meta.date, True, f"网页发布日期（PubDate “{meta.date_text}”）")
    dated = sorted((info.date_rank, k, info) for k, (info, _) in enumerate(infos) if info.date)
    if dated:
        info = dated[0][2]
        return DateGuess(info.date, True, f"网页发布日期“{info.date_text}”")
    return None


def _month_day_date(md: tuple[int, int], drafts: list[Draft], options: Options, hints: list[str]) -> DateGuess | None:
    """发布时间：11-30 — the year from --year or the page's text, said so."""
    if options.year:
        year, note = options.year, f"年份据 --year {options.year}"
    else:
        year, note = page_year(drafts, options.today or date.today(), hints)
    try:
        value = date(year, *md) if year else None
    except ValueError:
        value = None
    if value is None:
        return None
    return DateGuess(value, False, f"网页发布日期只有月日“{md[0]}月{md[1]}日”，{note}")


_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


def _local_links(drafts: list[Draft], links: list[tuple[str, str]]) -> None:
    """A link to a file on the editor's own computer (file://…, C:\\…) is kept as its words
    only: the editor is told, with the address, so the file can be added to docs/files/."""
    seen: set[str] = set()
    for text, href in links:
        href = href.strip()
        if href in seen or not (urlsplit(href).scheme.lower() == "file" or _DRIVE.match(href)):
            continue
        seen.add(href)
        owner = next((d for d in drafts if text and any(text in b.text for b in d.body)), drafts[0])
        owner.warnings.append(f"链接「{text or href[:60]}」指向编辑电脑上的文件（{href[:100]}），读者打不开，正文中只保留文字："
                              "请把文件放入 docs/files/ 后在正文中加链接")


def _document_links(drafts: list[Draft], links: list[tuple[str, str]], path: str, roots: tuple[str, ...]) -> None:
    """A Word document's links to files on disk that are no attachment type: never copied;
    each is named for the editor — outside the document's folder, on the editor's computer
    (file://, C:\\…), or no file to import."""
    _local_links(drafts, links)           # file:// and C:\…
    for text, href in dict.fromkeys(links):
        if urlsplit(href).scheme.lower() == "file" or _DRIVE.match(href):
            continue
        owner = next((d for d in drafts if text and any(text in b.text for b in d.body)), drafts[0])
        shown = f"链接「{text or href[:60]}」（{href[:120]}）"
        if images.refused_local(unquote(urlsplit(href).path), path, roots):
            owner.warnings.append(f"{shown}{images.OUTSIDE}，正文中只保留文字")
        else:
            owner.warnings.append(f"{shown}不是可导入的附件（.pdf .docx .xlsx 等），未复制，正文中只保留文字")


def _attach_staff(drafts: list[Draft], staff: list[Block]) -> None:
    """A staff line belongs to the article it closes (the last one starting above it)."""
    for block in staff:
        owner = None
        for d in drafts:
            if d.first_line <= block.line or owner is None:
                owner = d
        if owner is not None:
            owner.staff.append(block)


def _sibling_pages(path: str, links: list[tuple[str, str]], count: int) -> list[str]:
    """The saved files of an article's pages, in page order, this one included, when its page
    navigator (共3页 … 1 2 3) links each of the others to a file beside it; [] otherwise."""
    if count < 2:
        return []
    here = os.path.dirname(os.path.abspath(path))
    numbered: dict[int, str] = {}
    for text, href in links:
        parts = urlsplit(href)
        if not text.isdigit() or not 1 <= int(text) <= count or parts.scheme or parts.netloc or not parts.path:
            continue
        local = os.path.normpath(os.path.join(here, unquote(parts.path)))
        if os.path.isfile(local) and local != os.path.abspath(path) and images.contained(local, path):
            numbered.setdefault(int(text), local)
    missing = [n for n in range(1, count + 1) if n not in numbered]
    if len(missing) != 1 or len(set(numbered.values())) != count - 1:
        return []
    numbered[missing[0]] = os.path.abspath(path)       # this page: the number without a link
    return [numbered[n] for n in range(1, count + 1)]


def _join_pages(d: Draft, result: FileResult, pages: list[str], path: str, classifier: Classifier,
                options: Options, removed: list[Removed]) -> None:
    """One article from all its pages: the text of each page in order, what each page's own
    import found (pictures, attachments, notes); the other files are listed as joined."""
    own = os.path.abspath(path)
    at = pages.index(own)
    before, after = [], []
    for k, page in enumerate(pages):
        if page == own:
            continue
        sub = import_file(page, classifier, replace(options, page_of_another=True))
        if sub.error or len(sub.drafts) != 1 or sub.drafts[0].title_text != d.title_text:
            d.warnings.append(f"原网页第 {k + 1} 页（{os.path.basename(page)}）未能并入"
                              f"（{sub.error or '标题不同，不是同一篇文章'}），请把它的正文补到本文中")
            continue
        page_draft = sub.drafts[0]
        (before if k < at else after).extend(page_draft.body)
        d.pictures.update(page_draft.pictures)
        d.files.update(page_draft.files)
        d.warnings += page_draft.warnings
        removed += [Removed(0, f"{os.path.basename(page)}: {r.text}", r.reason) for r in sub.removed if r.text]
        result.joined.append(page)
    d.body[:0] = before
    d.body += after


def import_file(path: str, classifier: Classifier, options: Options) -> FileResult:
    try:
        clipping = read_clipping(path)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    return import_text(clipping.text, path, classifier, options, clipping.dropped, clipping.meta)
