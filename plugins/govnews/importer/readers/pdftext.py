"""Text of PDF files (a document's text layer, read with pdfminer.six): policy documents and
notices that an old site kept only as PDF, and e-paper pages.

A PDF holds lines placed on pages, not paragraphs. The paragraphs come back from where the
lines stand: a line that reaches the right edge of its block runs on into the next one (joined
without a space between Chinese characters), and a line that stops short, or a next line that is
indented (the two-character indent of Chinese documents), ends a paragraph. Page numbers
(— 1 —, 第 1 页, 1/3) and running heads or feet repeated on most pages are page furniture: left
out and reported. The gaps a PDF puts between Chinese and Latin letters or digits (12 号,
第 3 条) are not spaces of the text and are closed. Pictures (pdfpictures.py) stand before the
paragraph that follows them on the page.

A scanned PDF has no text layer, and a PDF whose fonts carry no character map gives codes
instead of text: both get a message saying what to do, never garbage.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from govnews.importer import limits
from govnews.importer.readers import pdfpictures

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_GAP = re.compile(rf"(?<=[{_HAN}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[{_HAN}])")
_PAGE_NUMBER = re.compile(r"^(?:[—–\-－−‒―~～]*\s*\d{1,4}\s*[—–\-－−‒―~～]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
                          r"\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
_CID = re.compile(r"\(cid:\d+\)")
_DIGITS = re.compile(r"\d+")
MAX_PAGES = 300


class PdfError(Exception):
    """A PDF that cannot be read; str() is the Chinese message for the editor."""


@dataclass
class PdfText:
    text: str
    dropped: list[tuple[str, str]] = field(default_factory=list)   # page furniture, (text, reason)
    pictures: int = 0         # pictures not brought (kinds a page cannot show)
    images: list[tuple[int, bytes, str]] = field(default_factory=list)   # (line it stands before, bytes, ext)
    damaged: bool = False     # pdfminer had to skip broken parts: the text may be incomplete
    unknown: int = 0          # characters without a character map, left as (cid:N) for the editor


# pdfminer's warnings that mean text was skipped (a broken stream, object or string), not
# those about a missing font box or a "no extraction" flag
_LOSS = re.compile(r"Data-loss|Not adding object|Cannot render|Cannot locate|xref|Execute called", re.I)


class _Complaints(logging.Handler):
    """pdfminer's warnings, kept from the editor's terminal; those that mean lost text counted."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if _LOSS.search(record.getMessage()):
            self.count += 1


@dataclass
class _Line:
    x0: float
    x1: float
    top: float       # from the top of the page
    bottom: float
    size: float
    text: str
    picture: tuple[bytes, str] | None = None     # a picture standing here (pdfpictures.py)


def read_pdf(data: bytes) -> PdfText:
    log = logging.getLogger("pdfminer")
    complaints = _Complaints()
    propagate, level = log.propagate, log.level
    log.addHandler(complaints)
    log.propagate = False
    log.setLevel(logging.WARNING)
    try:
        result = _read(data)
    finally:
        log.removeHandler(complaints)
        log.propagate, log.level = propagate, level
    result.damaged = complaints.count > 0
    return result


GROUPING_CHARS = 6000    # a page with more characters is laid out without pdfminer's box grouping
GROUPING_BOXES = 400     # … or with more text boxes (pdfminer's grouping: 400 boxes 0.8 s, 800: 3.5 s)
NEIGHBOUR_WORK = 50      # lines looked at per line when finding each line's neighbours (a column: 2–3)
GROUPING_WORK = 200      # boxes looked at per box while grouping boxes, beyond 20,000 (a page: ≤ 35)


def _pages(fp, laparams):
    """pdfminer's extract_pages with its layout analysis kept near-linear (a page of 3,000
    overlapping lines took minutes): lines are grouped into boxes by our _group_textlines, and
    the grouping of boxes (quadratic in the boxes, and more when they overlap) is skipped on a
    page with more than GROUPING_CHARS characters or GROUPING_BOXES boxes, or given up after
    GROUPING_WORK looks per box; the boxes are then in pdfminer's top-to-bottom order
    (boxes_flow=None). The columns and rows are found from the boxes' places anyway (_columns,
    _rows)."""
    from types import MethodType

    import pdfminer.layout as layout
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTLayoutContainer
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Aggregator(PDFPageAggregator):
        def end_page(self, page):
            item = self.cur_item
            crowded = sum(1 for obj in item if isinstance(obj, LTChar)) > GROUPING_CHARS

            def group_textboxes(container, laparams, boxes):
                if crowded or len(boxes) > GROUPING_BOXES:
                    return [_flat_group(boxes)]
                plane = layout.Plane
                layout.Plane = _counted_plane(GROUPING_WORK * len(boxes) + 20_000)
                try:
                    return LTLayoutContainer.group_textboxes(container, laparams, boxes)
                except _Crowded:
                    return [_flat_group(boxes)]
                finally:
                    layout.Plane = plane

            item.group_textlines = MethodType(_group_textlines, item)
            item.group_textboxes = MethodType(group_textboxes, item)
            super().end_page(page)

    resources = PDFResourceManager(caching=True)
    device = Aggregator(resources, laparams=laparams)
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.get_pages(fp):
        interpreter.process_page(page)
        yield device.get_result()


class _Crowded(Exception):
    """A page whose lines or boxes overlap so much that grouping them would be quadratic."""


def _counted_plane(budget: int):
    """pdfminer's Plane, each object its `find` looks at counted against `budget` (shared by
    the planes made with this class); _Crowded past it."""
    from pdfminer.utils import Plane

    class CountedPlane(Plane):
        left = budget

        def find(self, bbox):
            (x0, y0, x1, y1) = bbox
            done = set()
            grid = self._grid
            for k in self._getrange(bbox):
                for obj in grid.get(k, ()):
                    CountedPlane.left -= 1
                    if CountedPlane.left < 0:
                        raise _Crowded()
                    if obj in done:
                        continue
                    done.add(obj)
                    if obj.x1 <= x0 or x1 <= obj.x0 or obj.y1 <= y0 or y1 <= obj.y0:
                        continue
                    yield obj

    return CountedPlane


def _group_textlines(container, laparams, lines):
    """pdfminer's LTLayoutContainer.group_textlines, linear: its boxes are the connected groups
    of lines and their neighbours (line.find_neighbors), which it merges box into box (quadratic
    in a box's lines); here with union-find, each box's lines in page order (the box sorts them
    by height on the page), boxes in the order of their first line, as pdfminer yields them.
    When the neighbours of all lines need more than NEIGHBOUR_WORK looks per line (thousands of
    overlapping lines), every line is a box of its own."""
    from pdfminer.layout import LTTextBoxHorizontal, LTTextBoxVertical, LTTextLineHorizontal

    lines = list(lines)
    plane = _counted_plane(NEIGHBOUR_WORK * len(lines) + 1000)(container.bbox)
    plane.extend(lines)
    parent = list(range(len(lines)))
    at = {id(line): k for k, line in enumerate(lines)}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    try:
        for k, line in enumerate(lines):
            for other in line.find_neighbors(plane, laparams.line_margin):
                a, b = root(k), root(at[id(other)])
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups: dict[int, list] = {}
        for k, line in enumerate(lines):
            groups.setdefault(root(k), []).append(line)
        members = list(groups.values())
    except _Crowded:
        members = [[line] for line in lines]
    for group in members:
        box = LTTextBoxHorizontal() if isinstance(group[0], LTTextLineHorizontal) else LTTextBoxVertical()
        box.extend(group)
        if not box.is_empty():
            yield box


def _flat_group(boxes):
    """The boxes as one group, in pdfminer's order for boxes_flow=None (top to bottom, then
    left to right; vertical text first, right to left)."""
    from pdfminer.layout import LTTextBoxVertical, LTTextGroup

    def key(box):
        return (0, -box.x1, -box.y0) if isinstance(box, LTTextBoxVertical) else (1, -box.y0, box.x0)

    return LTTextGroup(sorted(boxes, key=key))


def _read(data: bytes) -> PdfText:
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[list[list[list[_Line]]]] = []    # page → blocks (columns, or the page) → rows → cells
    pictures = 0
    bounded = limits.bounded_pdf_streams()     # every stream capped while we read
    bounded.__enter__()
    try:
        for number, page in enumerate(_pages(BytesIO(data), LAParams()), 1):
            if number > MAX_PAGES:
                raise PdfError(f"PDF 超过 {MAX_PAGES} 页，不像一篇稿件：请只导入需要的页")
            boxes, shown = [], []
            for item in page:
                if isinstance(item, LTTextBox):
                    lines = [_Line(ln.x0, ln.x1, page.height - ln.y1, page.height - ln.y0, ln.height,
                                   ln.get_text().strip("\n"))
                             for ln in item if ln.get_text().strip()]
                    if lines:
                        boxes.append(lines)
                elif isinstance(item, (LTImage, LTFigure)):
                    for image in _images(item, LTImage):
                        if pdfpictures.is_ornament(image):
                            continue
                        found = pdfpictures.picture(image)
                        if found is None:
                            pictures += 1
                        else:
                            shown.append(_Line(image.x0, image.x1, page.height - image.y1, page.height - image.y0,
                                               0.0, "", found))
            blocks = _columns(boxes, page.height)
            if blocks is None:
                blocks = [_rows([ln for box in boxes for ln in box] + shown)]
            else:
                _place_in_columns(blocks, shown)
            pages.append(blocks)
    except PdfError:
        raise
    except limits.TooLarge as exc:
        raise PdfError(str(exc)) from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError("PDF 设有密码或加密，无法读取：请取消密码后再导入") from None
    except MemoryError:     # over the reading process's memory (limits.Reader): not a damaged file
        raise
    except Exception:   # noqa: BLE001 - pdfminer raises any kind (PSEOF, struct, zlib …) for a broken file
        raise PdfError("PDF 文件已损坏，无法读取（可用 WPS 或浏览器打开后另存为 PDF 再导入）") from None
    finally:
        bounded.__exit__(None, None, None)
    everything = "".join(cell.text for page in pages for block in page for row in block for cell in row)
    if not everything.strip():
        raise PdfError("PDF 中没有可提取的文字（可能是扫描件或图片）：请先用 OCR 识别成文字，或找到原 Word 稿再导入")
    codes = len(_CID.findall(everything))
    if codes * 8 > len(everything) or sum(1 for ch in everything if "\ue000" <= ch <= "\uf8ff") * 10 > len(everything):
        raise PdfError("PDF 的字体没有文字编码，提取出的不是正文：请找到原 Word 稿，或用 OCR 识别后再导入")
    dropped: list[tuple[str, str]] = []
    _drop_repeated_pictures(pages, dropped)
    furniture = _running_heads(pages)
    out: list[str] = []
    carry = ""      # a paragraph running on from the end of the previous page
    for blocks in pages:
        for b, rows in enumerate(blocks):
            kept = []
            for k, row in enumerate(rows):
                edge = b == 0 and k == 0 or b == len(blocks) - 1 and k == len(rows) - 1
                text = _row_text(row)
                if edge and _PAGE_NUMBER.match(text):
                    dropped.append((text, "页码"))
                elif edge and _key(text) in furniture:
                    dropped.append((text, "页眉页脚"))
                else:
                    kept.append(row)
            lines, carry = _paragraphs(kept, carry)
            out += lines
    if carry:
        out.append(carry)
    text_lines: list[str] = []
    images: list[tuple[int, bytes, str]] = []
    for item in out:
        if isinstance(item, _Line):
            images.append((len(text_lines), *item.picture))
        elif item or text_lines:            # no blank lines before the text
            text_lines.append(item)
    while text_lines and not text_lines[-1]:
        text_lines.pop()
    # a picture stands before the first line after it (1-based line numbers; past the end: last)
    images = [(k + 1, data, ext) for k, data, ext in images]
    return PdfText("\n".join(text_lines) + "\n", dropped, pictures, images, unknown=codes)


def _columns(boxes: list[list[_Line]], height: float) -> list[list[list[_Line]]] | None:
    """A page set in columns (an e-paper page): its boxes in pdfminer's reading order, each read
    on its own; None for a page of one column, read row by row as one block instead (tables,
    signatures beside dates)."""
    tall = [b for b in boxes if b[-1].bottom - b[0].top > 0.25 * height]
    for i, a in enumerate(tall):
        for b in tall[i + 1:]:
            if max(ln.x1 for ln in a) < min(ln.x0 for ln in b) or max(ln.x1 for ln in b) < min(ln.x0 for ln in a):
                return [[[ln] for ln in box] for box in boxes]
    return None


def _images(item, kind):
    """The pictures inside a page item (a figure may hold several, nested)."""
    if isinstance(item, kind):
        yield item
        return
    for child in getattr(item, "_objs", ()):
        yield from _images(child, kind)


def _place_in_columns(blocks: list[list[list[_Line]]], shown: list[_Line]) -> None:
    """Each picture into the column it overlaps most, among its rows by height."""
    for pic in shown:
        def overlap(block):
            return min(pic.x1, max(r[0].x1 for r in block)) - max(pic.x0, min(r[0].x0 for r in block))
        block = max(blocks, key=overlap) if blocks else None
        if block is None:
            blocks.append([[pic]])
            continue
        at = next((k for k, r in enumerate(block) if r[0].top > pic.top), len(block))
        block.insert(at, [pic])


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """Lines that share a height on the page form a row (a table's cells, a signature beside a
    date), read left to right; rows top to bottom."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        middle = (line.top + line.bottom) / 2
        row = rows[-1] if rows else None
        first = row[0] if row else None
        # side by side: each one's middle within the other's height (a tall line — an inline
        # picture in it — does not swallow the short line above it)
        if first is not None and line.picture is None and first.picture is None \
                and first.top <= middle <= first.bottom and line.top <= (first.top + first.bottom) / 2 <= line.bottom:
            row.append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _row_text(row: list[_Line]) -> str:
    return " ".join(_GAP.sub("", cell.text.strip()) for cell in row).strip()


def _drop_repeated_pictures(pages: list, dropped: list[tuple[str, str]]) -> None:
    """A picture on most pages (a logo, a masthead) is page furniture, as a running head is."""
    if len(pages) < 2:
        return
    seen: Counter = Counter()
    for blocks in pages:
        seen.update({row[0].picture[0] for block in blocks for row in block if row[0].picture})
    need = len(pages) if len(pages) <= 3 else max(3, len(pages) // 2)
    repeated = {data for data, n in seen.items() if n >= need}
    if not repeated:
        return
    for blocks in pages:
        for block in blocks:
            for row in [r for r in block if r[0].picture and r[0].picture[0] in repeated]:
                block.remove(row)
                dropped.append((f"[图片] 每页都有的{row[0].picture[1][1:].upper()}图片", "页眉页脚"))


def _key(text: str) -> str:
    """A running head or foot compared across pages: numbers aside (第 3 页, 2024-3)."""
    return _DIGITS.sub("#", " ".join(text.split()))


def _running_heads(pages: list[list[list[list[_Line]]]]) -> set[str]:
    """Texts of the first or last row that recur on every page of a short document, or on half
    the pages of a longer one (three at least)."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for blocks in pages:
        rows = [row for block in blocks for row in block]
        ends = {_key(_row_text(row)) for row in (rows[:1] + rows[-1:])}
        seen.update(k for k in ends if len(k) <= 60)
    need = len(pages) if len(pages) <= 3 else max(3, len(pages) // 2)
    return {k for k, n in seen.items() if n >= need}


def _paragraphs(rows: list[list[_Line]], carry: str = "") -> tuple[list, str]:
    """A page's rows as text: a row running to the right edge joins the next; a row that stops
    short, or an indented next row, ends a paragraph (blank lines between paragraphs). Runs of
    two or more rows with the same number (two or more) of cells are a table: `| a | b |`.
    `carry` is a paragraph the previous page ended in mid-line; returned likewise for the next."""
    single = [row[0] for row in rows if len(row) == 1] or [cell for row in rows for cell in row]
    left = min((ln.x0 for ln in single), default=0.0)
    right = max((ln.x1 for ln in single), default=0.0)
    out: list = []
    current = carry
    previous: list[_Line] | None = None
    for i, row in enumerate(rows):
        if row[0].picture is not None:
            if current:
                out += [current, ""]
                current = ""
            out.append(row[0])          # a picture: it stands before what follows (read_pdf)
            previous = None
            continue
        if _in_table(rows, i):
            if current:
                out += [current, ""]
                current = ""
            out.append("| " + " | ".join(_GAP.sub("", c.text.strip()) for c in row) + " |")
            if not _in_table(rows, i + 1):
                out.append("")
            previous = None
            continue
        text = _row_text(row)
        centred = _centred(row, left, right)
        full_before = previous is not None and len(previous) == 1 and _full(previous[-1], right)
        # an indent starts a paragraph, unless it is the centred last line of a wrapped title
        indented = row[0].x0 - left > 0.8 * max(row[0].size, 1.0) and not (centred and full_before)
        ends = previous is not None and not full_before
        if current and (indented or ends or previous is None and not carry):
            # centred lines of one size (a title broken by hand) stay one group of lines: the
            # importer's heading group; an issuer's mark above its number is set larger
            together = previous is not None and _centred(previous, left, right) and centred \
                and abs(previous[0].size - row[0].size) < 0.1 * row[0].size
            out += [current] if together else [current, ""]
            current = ""
        current = _join(current, text) if current else text
        previous = row
        carry = ""
    if current and previous is not None and len(previous) == 1 and _full(previous[-1], right):
        return out, current         # the page ends in mid-paragraph
    if current:
        out += [current, ""]
    return out, ""


def _in_table(rows: list[list[_Line]], i: int) -> bool:
    if i >= len(rows) or len(rows[i]) < 2:
        return False
    n = len(rows[i])
    return (i > 0 and len(rows[i - 1]) == n) or (i + 1 < len(rows) and len(rows[i + 1]) == n)


def _centred(row: list[_Line], left: float, right: float) -> bool:
    """One cell standing in the middle: as far from the left edge as from the right."""
    if len(row) != 1:
        return False
    em = max(row[0].size, 1.0)
    before, after = row[0].x0 - left, right - row[0].x1
    return before > 2 * em and abs(before - after) < 1.5 * em


def _full(line: _Line, right: float) -> bool:
    """A line that runs to the block's right edge continues on the next line."""
    return right - line.x1 < 1.5 * max(line.size, 1.0)


def _join(a: str, b: str) -> str:
    if re.search(r"[0-9A-Za-z,.;:!?)]$", a) and re.match(r"[0-9A-Za-z(]", b):
        return a + " " + b       # Latin words broken at the line's end
    return a + b
