"""Read a clipping into text: .txt (UTF-8 or GB18030/GBK), .docx, .doc (worddoc.py), .pdf
(pdftext.py), .html, .mht.

Problems become ReadError with a Chinese message for editors; never a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit

from govnews.importer import limits
from govnews.importer.output.linkedfiles import is_file_link
from govnews.importer.readers.docxnumbers import Numbering
from govnews.importer.readers.tables import data_rows, labelled_values
from govnews.importer.text.cmspage import FOOTER, PageMeta
from govnews.importer.text.dates import find_date
from govnews.importer.text.wechat import is_wechat, read_wechat

MAX_BYTES = 20 * 1024 * 1024          # a clipping page is a few KB; 20 MB is surely not one
TEXT_EXTS = (".txt", ".text", ".md")
# saved pages keep their server's extension in site mirrors (wget, 离线浏览器): t20211130_1.shtml, show.jsp
HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml", ".jsp", ".asp", ".aspx", ".php", ".do")
MHT_EXTS = (".mht", ".mhtml")          # “网页，单个文件” saved by IE / Edge / 360 browsers
_HTML_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<meta\s)", re.I)
DOCX_EXTS = (".docx",)
WORD_EXTS = (".docx", ".doc", ".wps")   # what Word and WPS save; read by what the file holds
PDF_EXTS = (".pdf",)

# Block elements that end a line when an HTML page is flattened to text.
_HTML_BLOCKS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "tr", "table", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "dd", "dt", "dl", "figure", "figcaption",
    "pre", "center", "td", "th",
}
_HTML_DROP = ("nav", "header", "footer", "script", "style", "aside", "noscript", "iframe",
              "form", "button", "select", "template", "svg", "head")


_HTML_CHROME = re.compile(r"(?:^|[\s_-])(?:breadcrumbs?|crumbs?|share|related|recommend|comments?|menu|navbar|nav|"
                          r"footer|header|toolbar|sidebar|pager|pagination|copyright|ad|ads|advert)(?:$|[\s_-])", re.I)
_CJK_PUNCT = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d"
_WRAP = re.compile(rf"(?<=[{_CJK_PUNCT}])[ \t]*\n\s*(?=[{_CJK_PUNCT}])")


class ReadError(Exception):
    """A clipping that cannot be read; str() is the Chinese message for the editor."""


@dataclass
class Clipping:
    text: str
    dropped: list[tuple[str, str]] = field(default_factory=list)   # (text, reason) left out by the reader
    meta: PageMeta | None = None      # what a saved web page says about itself


def read_clipping(path: str) -> Clipping:
    ext = os.path.splitext(path)[1].lower()
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ReadError(f"无法读取文件（{exc.strerror or exc}）") from None
    if os.path.isdir(path):
        raise ReadError("这是一个目录，不是文件")
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），"
                        "请按版面拆分后再导入")
    if size == 0:
        raise ReadError("文件为空")
    with open(path, "rb") as fh:
        data = fh.read()
    dropped: list[tuple[str, str]] = []
    meta = None
    if ext in WORD_EXTS:           # by what the file is: WPS and old CMS exports misname them
        ext = _word_kind(data, ext)
    if ext in DOCX_EXTS:
        text, meta = _read_docx(data)
    elif ext == ".doc":
        text, meta = _read_doc(data)
    elif ext in HTML_EXTS or (ext in ("", ".txt") and _HTML_START.match(data[:512])):
        text, dropped, meta = read_html(data)
    elif ext in MHT_EXTS:
        html, address, pictures = read_mht(data)
        text, dropped, meta = read_html(html)
        meta.embedded.update(pictures)
        meta.url = meta.url or address
    elif ext in PDF_EXTS:
        text, dropped, meta = _read_pdf(data)
    elif ext in TEXT_EXTS or ext == "":
        text = decode_text(data)
    else:
        raise ReadError(f"不支持的文件类型「{ext}」（可导入 .txt、.docx、.doc、.wps、.pdf、.html、.mht）")
    if not text.strip():
        raise ReadError("文件中没有文字")
    return Clipping(text, dropped, meta)


# the libraries each kind of file is read with (imported when first needed)
_LIBRARIES = {
    "word": ("docx", "docx.oxml.ns", "docx.table", "docx.text.paragraph", "olefile",
             "govnews.importer.readers.docxnotes", "govnews.importer.readers.worddoc"),
    "pdf": ("pdfminer.converter", "pdfminer.layout", "pdfminer.pdfinterp", "pdfminer.pdfpage",
            "pdfminer.pdfdocument", "pdfminer.pdftypes", "pdfminer.lzw", "govnews.importer.readers.pdftext"),
    "html": ("bs4", "lxml.etree", "email", "email.policy", "charset_normalizer", "ahocorasick"),
}


def preload(paths: list[str]) -> None:
    """Import now the libraries these files will be read with: `govnews import` reads each
    file in a forked child (limits.Reader), which then finds them loaded instead of
    importing them again for every file."""
    import importlib

    exts = {os.path.splitext(p)[1].lower() for p in paths}
    kinds = {"html"}                        # web pages, and a .txt that is one
    if exts & set(WORD_EXTS):
        kinds.add("word")
    if exts & set(PDF_EXTS):
        kinds.add("pdf")
    for kind in sorted(kinds):
        for name in _LIBRARIES[kind]:
            try:
                importlib.import_module(name)
            except ImportError:
                pass


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _word_kind(data: bytes, ext: str) -> str:
    """How to read a .doc/.docx/.wps file: as the .docx, web page (.html) or .mht it really is
    (Word and WPS save 'Word' files in all of these); or why it cannot be read."""
    head = data[:512].lstrip()
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if _HTML_START.match(head):
        return ".html"
    if head[:40].lower().startswith((b"mime-version", b"content-type", b"from:")) and b"multipart" in data[:2048].lower():
        return ".mht"
    if data.startswith(_OLE):
        return ".doc"      # Word 97–2003, and WPS files in its format (worddoc.py)
    if head.startswith(b"{\\rtf"):
        raise ReadError(f"这是 RTF 格式的文件（扩展名 {ext}）：请在 Word 或 WPS 中“另存为” .docx 后再导入")
    if ext in DOCX_EXTS:
        return ext         # the .docx reader says it is no Word document
    raise ReadError(f"{ext} 文件无法识别（不是 Word、WPS 或网页格式）：请在 Word 或 WPS 中“另存为” .docx 后再导入")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030/GBK via charset-normalizer."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalize(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ReadError("文件以 UTF-16 标记开头，但内容无法解码") from None
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is None:
            raise ReadError("不是文本文件（含二进制内容），请导入 .txt、.docx、.doc、.pdf 或 .html")
        return _normalize(text)
    try:
        return _normalize(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "utf_8"]).best()
    if best is not None and best.encoding in ("gb18030", "gbk", "gb2312"):
        try:
            return _normalize(data.decode("gb18030"))
        except UnicodeDecodeError:
            pass
    line = data[: utf8_error.start].count(b"\n") + 1
    raise ReadError(f"无法识别文件编码：第 {line} 行附近有既不是 UTF-8 也不是 GBK/GB18030 的字节，"
                    "请用记事本或 WPS 另存为 UTF-8 后再导入")


def _utf16_without_bom(data: bytes) -> str | None:
    """Text some systems export as UTF-16 with no byte-order mark, else None (binary data).
    Line breaks, digits and Latin letters have a zero high byte: after each such character in
    little-endian order, before it in big-endian; the text must then read as text."""
    head = data[:8192]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(data) % 2 or max(odd, even) <= 2 * min(odd, even):     # 一 (U+4E00) has a zero byte too
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    readable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample)
    return text if readable >= 0.98 * len(sample) else None


def read_mht(data: bytes) -> tuple[bytes, str, dict[str, bytes]]:
    """An MHTML archive (MIME multipart, often quoted-printable), parsed once: its HTML part as
    bytes with a charset declaration so the HTML reader decodes it right; the page's address
    (the part's Content-Location); the pictures it carries, by the address the page's <img src>
    uses (Content-Location) and by cid: (Content-ID)."""
    import email
    from email import policy

    try:
        message = email.message_from_bytes(data, policy=policy.compat32)
    except MemoryError:     # over the reading process's memory: said as such
        raise
    except Exception:
        raise ReadError("MHT 网页文件无法解析（可在浏览器中打开后另存为 .html）") from None
    html, address, pictures = None, "", {}
    for part in message.walk():
        location = str(part.get("Content-Location") or "").strip()
        if part.get_content_type() == "text/html" and html is None:
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                html = b'<meta charset="' + charset.encode("ascii", "ignore") + b'">' + html
            address = location if re.match(r"https?://\S+$", location) else ""
        elif part.get_content_maintype() == "image":
            payload = part.get_payload(decode=True) or b""
            cid = str(part.get("Content-ID") or "").strip().strip("<>")
            for key in (location, f"cid:{cid}" if cid else ""):
                if key and payload:
                    pictures.setdefault(key, payload)
    if html is None:
        raise ReadError("MHT 文件中没有网页内容")
    return html, address, pictures


def read_docx(data: bytes) -> str:
    return _read_docx(data)[0]


def _read_docx(data: bytes) -> tuple[str, PageMeta | None]:
    """The text, and the pictures inside it (PageMeta.images/embedded) when there are any."""
    if not zipfile.is_zipfile(BytesIO(data)):
        raise ReadError("不是有效的 Word 文档（.docx 文件应为 zip 格式，可能已损坏或只是改了扩展名）")
    _check_docx_sizes(data)
    try:
        import docx  # python-docx

        document = docx.Document(BytesIO(data))
    except MemoryError:     # over the reading process's memory: said as such
        raise
    except Exception:  # python-docx raises many kinds for broken packages
        raise ReadError("Word 文档已损坏，无法打开（请用 Word 重新另存为 .docx）") from None
    from docx.table import Table

    from govnews.importer.readers.docxnotes import Notes, text_box_lines  # python-docx, like the import above: only for .docx

    lines: list[str] = []
    meta = PageMeta()
    numbering = Numbering(document)
    notes = Notes(document)
    line_no = 1            # the line the next entry of `lines` starts on
    if notes.damaged:
        meta.notices.append("Word 文档的脚注/尾注部分已损坏，未能导入：请对照原文把注释补到正文末尾")
    for item in _docx_blocks(document):        # paragraphs and tables in document order
        if isinstance(item, Table):
            grid = _docx_grid(item)
            rows = _docx_table(grid)
            meta.files += [(line_no, *link) for row in grid for cell in row if cell is not None
                           for paragraph in cell.paragraphs for link in _docx_file_links(paragraph)]
            lines += rows
            line_no += sum(r.count("\n") + 1 for r in rows)
            continue
        body = notes.text_with_refs(item) if notes.has_refs(item) else _docx_text(item)
        text = numbering.label(item) + body.replace("\v", "\n")
        style = (item.style.name if item.style is not None else "") or ""
        level = _heading_level(style)
        if level and text.strip():
            text = "#" * level + " " + text.strip()
        meta.files += [(line_no, *link) for link in _docx_file_links(item)]
        meta.local_links += _docx_local_links(item)
        for src, alt, blob in _docx_pictures(item, document.part):
            meta.images.append((line_no, src, alt))
            meta.embedded[src] = blob
        lines += [text, ""]
        line_no += text.count("\n") + 2
        for boxed in text_box_lines(item):   # a text box's paragraphs follow its anchor
            lines += [boxed, ""]
            line_no += boxed.count("\n") + 2
    lines += notes.closing_lines()
    return _normalize("\n".join(lines)), (meta if meta.images or meta.files or meta.notices or meta.local_links
                                           else None)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# what holds a paragraph's text besides its runs and hyperlinks: python-docx's Paragraph.text
# reads neither tracked insertions, content controls, simple fields, smart tags nor custom XML
_WRAPPERS = tuple(_W + t for t in ("ins", "sdt", "fldSimple", "smartTag", "customXml", "moveTo", "dir", "bdo"))
_NOT_TEXT = {_W + t for t in ("del", "moveFrom", "txbxContent", "pPr", "rPr", "sdtPr", "sdtEndPr", "instrText",
                              "delText", "footnoteReference", "endnoteReference")} | {_MC_FALLBACK}
_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _docx_text(paragraph) -> str:
    """A paragraph's text, that inside tracked insertions, content controls, simple fields,
    smart tags and custom XML too (text boxes are read apart: text_box_lines)."""
    element = paragraph._element
    if next(element.iter(*_WRAPPERS), None) is None:
        return paragraph.text                   # the usual paragraph: python-docx's own reading
    parts: list[str] = []
    stack = [iter(element)]
    while stack:                                 # depth first, no recursion (nesting is the file's)
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        tag = node.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            continue
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag in _CHARS:
            if not (tag == _W + "br" and node.get(_W + "type") == "page"):
                parts.append(_CHARS[tag])
        else:
            stack.append(iter(node))
    return "".join(parts)


def _docx_blocks(document):
    """The body's paragraphs and tables in order, those inside block content controls
    (w:sdt) and custom XML too (python-docx's iter_inner_content skips them)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parent = document._body
    stack = [iter(document.element.body)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if node.tag == _W + "p":
            yield Paragraph(node, parent)
        elif node.tag == _W + "tbl":
            yield Table(node, parent)
        elif node.tag == _W + "sdt":
            content = node.find(_W + "sdtContent")
            if content is not None:
                stack.append(iter(content))
        elif node.tag in (_W + "customXml", _W + "ins", _W + "moveTo"):
            stack.append(iter(node))


def _read_doc(data: bytes) -> tuple[str, PageMeta | None]:
    """A Word 97–2003 document (worddoc.py) as the .docx reader gives it: paragraphs apart, data
    tables as | rows |, pictures and links to files with the line they stand on."""
    from govnews.importer.readers.worddoc import DocError, read_doc

    try:
        doc = read_doc(data)
    except DocError as err:
        raise ReadError(str(err)) from None
    meta = PageMeta()
    lines: list[str] = []
    line_no = 1
    files, images = {}, {}
    for index, address, words in doc.files:
        files.setdefault(index, []).append((address, words))
    for n, (index, blob, ext, alt) in enumerate(doc.images, 1):
        images.setdefault(index, []).append((f"image{n}{ext}", blob, alt))
    for index, item in enumerate(doc.paragraphs):
        meta.files += [(line_no, address, words) for address, words in files.get(index, ()) if is_file_link(address)]
        meta.local_links += [(words, address) for address, words in files.get(index, ())
                             if not is_file_link(address) and on_disk(address)]
        for name, blob, alt in images.get(index, ()):
            meta.images.append((line_no, name, alt))
            meta.embedded[name] = blob
        block = _table_lines(item) if isinstance(item, list) else [item, ""]
        lines += block
        line_no += sum(b.count("\n") + 1 for b in block)
    if doc.pictures:
        meta.notices.append(f"Word 文档中有 {doc.pictures} 处图形、图表或网页无法显示格式的图片未能导入：请在 Word 或 WPS 中"
                            "把它们另存为 jpg/png 图片，放入 docs/ 后在正文中插入")
    return _normalize("\n".join(lines)), (meta if meta.files or meta.images or meta.notices or meta.local_links
                                           else None)


def on_disk(address: str) -> bool:
    """Whether a document's link names a file on disk (a relative or absolute path, file://,
    C:\\…), not a web address or a place in the document."""
    address = address.strip()
    if not address or address.startswith("#"):
        return False
    scheme = urlsplit(address).scheme.lower()
    return scheme in ("", "file") or len(scheme) == 1          # C:\… reads as the scheme "c"


def _read_pdf(data: bytes) -> tuple[str, list[tuple[str, str]], PageMeta | None]:
    """A PDF's text layer (pdftext.py), its page numbers and running heads reported as left out."""
    from govnews.importer.readers.pdftext import PdfError, read_pdf

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReadError("扩展名是 .pdf，内容却不是 PDF 文件（可能下载到的是网页或出错提示）")
    try:
        pdf = read_pdf(data)
    except PdfError as err:
        raise ReadError(str(err)) from None
    meta = PageMeta()
    if pdf.damaged:
        meta.notices.append("PDF 文件有损坏的部分，已尽量读出文字：导入的正文可能不全，请与原文核对")
    if pdf.unknown:
        meta.notices.append(f"PDF 中有 {pdf.unknown} 个字符的字体没有文字编码，在正文中显示为 (cid:数字)：请对照原文改正")
    for n, (line, data, ext) in enumerate(pdf.images, 1):
        name = f"pdf-image{n}{ext}"
        meta.images.append((line, name, ""))
        meta.embedded[name] = data
    if pdf.pictures:
        meta.notices.append(f"PDF 中有 {pdf.pictures} 处图片是网页显示不了的格式，未导入：需要的图片请另存为 jpg/png，"
                            "放入 docs/ 后在正文中插入")
    return _normalize(pdf.text), pdf.dropped, (meta if meta.notices or meta.images else None)


def _check_docx_sizes(data: bytes) -> None:
    """ReadError when a .docx unpacks to more than the limits allow (limits.py): the sizes its
    zip declares bound what reading it takes (zipfile stops at a part's declared size)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            parts = package.infolist()
            if len(parts) > limits.ZIP_PARTS:
                raise ReadError(f"Word 文档由 {len(parts)} 个部分组成，超过上限 {limits.ZIP_PARTS}：不像一篇稿件，未导入")
            total = 0
            for part in parts:
                if part.file_size > limits.ZIP_PART_BYTES:
                    raise ReadError(f"Word 文档中的「{part.filename[:80]}」解压后有 {limits.mb(part.file_size)}，"
                                    f"超过每部分 {limits.mb(limits.ZIP_PART_BYTES)} 的上限：未导入（图片请压缩后再插入）")
                total += part.file_size
            if total > limits.ZIP_TOTAL_BYTES:
                raise ReadError(f"Word 文档解压后共 {limits.mb(total)}，超过 {limits.mb(limits.ZIP_TOTAL_BYTES)} 的上限："
                                "未导入（图片请压缩后再插入）")
            names = {p.filename for p in parts}
            if "word/styles.xml" in names:
                styles = package.read("word/styles.xml").count(b"<w:style ")
                if styles > limits.DOCX_STYLES:
                    raise ReadError(f"Word 文档有 {styles} 个样式，超过上限 {limits.DOCX_STYLES}（通常只有几百个）："
                                    "请在 Word 中“另存为”新文档，或把正文复制到新文档后再导入")
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError):
        raise ReadError("Word 文档已损坏，无法打开（请用 Word 重新另存为 .docx）") from None


def _docx_file_links(paragraph) -> list[tuple[str, str]]:
    """(address, text) of the paragraph's hyperlinks to files (附件：申报表.xlsx beside the .docx)."""
    found = []
    for link in paragraph.hyperlinks:
        try:
            address = link.address
        except (KeyError, ValueError):      # a broken relationship: text only
            continue
        if address and is_file_link(address):
            found.append((address, " ".join(link.text.split())))
    return found


def _docx_local_links(paragraph) -> list[tuple[str, str]]:
    """(text, address) of the paragraph's hyperlinks to files on disk of no attachment type
    (../../etc/passwd, file:///…): named for the editor, never copied."""
    found = []
    for link in paragraph.hyperlinks:
        try:
            address = link.address
        except (KeyError, ValueError):
            continue
        if address and not is_file_link(address) and on_disk(address):
            found.append((" ".join(link.text.split()), address))
    return found


def _docx_pictures(paragraph, part) -> list[tuple[str, str, bytes]]:
    """(name of the picture in the package, its alt text, its bytes) for the paragraph's pictures."""
    from docx.oxml.ns import qn

    found = []
    for drawing in paragraph._element.iter(qn("w:drawing")):
        blip = next(drawing.iter(qn("a:blip")), None)
        related = part.related_parts.get(blip.get(qn("r:embed"))) if blip is not None else None
        if related is None or not hasattr(related, "blob"):
            continue
        doc_pr = next(drawing.iter(qn("wp:docPr")), None)
        alt = " ".join(str(doc_pr.get("descr") or "").split()) if doc_pr is not None else ""
        found.append((os.path.basename(str(related.partname)), alt, related.blob))
    return found


def _docx_grid(table) -> list[list]:
    """The table's cells row by row, a merged cell once and None where it repeats (python-docx
    repeats the cell in every grid position it covers)."""
    rows, seen = [], set()
    for row in table.rows:
        cells = []
        for cell in row.cells:
            cells.append(cell if id(cell._tc) not in seen else None)
            seen.add(id(cell._tc))
        rows.append(cells)
    return rows


def _docx_table(rows: list[list]) -> list[str]:
    """A Word table's grid (_docx_grid) as text lines (_table_lines)."""
    return _table_lines([["\n".join(_docx_text(p) for p in c.paragraphs) if c is not None else "" for c in r]
                         for r in rows])


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A Word table (.docx or .doc) as text lines: a data table as `| a | b |` rows; otherwise
    each cell's text as a paragraph of its own."""
    lines = data_rows([[" ".join(text.split()) for text in r] for r in rows])
    if lines is not None:
        return ["", *lines, ""]
    return [part for r in rows for text in r if text.strip() for part in (text, "")]


def _heading_level(style: str) -> int:
    style = style.strip().lower()
    if style in ("title", "标题"):
        return 1
    for prefix in ("heading ", "标题 "):
        if style.startswith(prefix) and style[len(prefix):].isdigit():
            return min(int(style[len(prefix):]), 6)
    return 0


# <meta> names of 《政府网站发展指引》 (and common variants), then Open Graph
_META_NAMES = {
    "title": ("articletitle", "og:title", "twitter:title"),
    "date": ("pubdate", "publishdate", "article:published_time", "og:release_date", "firstpublishedtime"),
    "source": ("contentsource", "source", "og:article:source"),
    "author": ("author", "article:author", "og:article:author"),
    "column": ("columnname", "column"),
    "keywords": ("keywords",),
    "description": ("description", "og:description"),
}
# elements whose text belongs to the article even when their class says header/footer:
# <div class="article-header"><h1>…</h1><p>发布时间…</p></div>, <article><footer>责任编辑…
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# what a browser writes atop a page it saves: <!-- saved from url=(0061)http://… -->
_SAVED_FROM = re.compile(r"\s*saved from url=\(\d+\)(https?://\S+)", re.I)
_ARTICLE_LABELS = re.compile(r"发布(?:日期|时间)|来源\s*[:：]|作者\s*[:：]|责任编辑|编辑\s*[:：]|审核\s*[:：]")


def _page_meta(soup) -> PageMeta:
    by_name: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        content = " ".join(str(tag.get("content") or "").split())
        if name and content:
            by_name.setdefault(name, content)
    found = {key: next(by_name[n] for n in names if n in by_name)
             for key, names in _META_NAMES.items() if any(n in by_name for n in names)}
    meta = PageMeta()
    meta.title = found.get("title", "")
    if soup.title is not None:
        meta.html_title = " ".join(soup.title.get_text(" ").split())
    if "date" in found:
        hit = find_date(found["date"])
        if hit:
            meta.date, meta.date_text = hit
    meta.source = found.get("source", "")
    meta.authors = [a for a in re.split(r"[\s、，,;；/]+", found.get("author", "")) if a]
    meta.column = found.get("column", "")
    meta.keywords = [k for k in re.split(r"[\s、，,;；|]+", found.get("keywords", "")) if k]
    meta.description = found.get("description", "")
    meta.url = _page_url(soup, by_name)
    return meta


def _page_url(soup, by_name: dict[str, str]) -> str:
    """The page's own address, to make its relative links whole (policy links)."""
    candidates = [tag.get("href") for tag in soup.find_all(["link", "base"])
                  if tag.name == "base" or "canonical" in (tag.get("rel") or [])]
    candidates += [by_name.get("og:url"), by_name.get("url")]
    return next((str(c).strip() for c in candidates if c and str(c).strip().startswith(("http://", "https://"))), "")


def _keeps_article_text(tag) -> bool:
    """A header/footer that holds the title or the meta line is part of the article."""
    if tag.find(["h1", "h2"]) is not None:
        return True
    text = tag.get_text(" ")
    return bool(_ARTICLE_LABELS.search(text)) and not FOOTER.search(text)


def _gone(tag) -> bool:
    """Whether a tag was decomposed (inside an element dropped already). Read from the tag's own
    attributes: bs4's `decomposed` falls back to Tag.__getattr__, a search of the whole subtree
    for a child named "_decomposed" (20,000 nested <div>: 94 s)."""
    return bool(tag.__dict__.get("_decomposed", False))


def read_html(data: bytes) -> tuple[str, list[tuple[str, str]], PageMeta]:
    """Page text with headings as Markdown; navigation, header, footer etc. are left out and
    returned (text, reason) so the report lists them; and the page's own metadata."""
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    if b"\x00" in data[:8192]:
        raise ReadError("不是网页文件（含二进制内容）")
    try:
        soup = BeautifulSoup(data, "lxml")
    except MemoryError:     # over the reading process's memory: said as such
        raise
    except Exception:
        raise ReadError("网页文件无法解析") from None
    meta = _page_meta(soup)
    dropped: list[tuple[str, str]] = []
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        saved = _SAVED_FROM.match(str(comment))
        if saved and not meta.url:
            meta.url = saved.group(1)
        comment.extract()
    if is_wechat(soup):
        read_wechat(soup, meta, dropped)
    for name in _HTML_DROP:
        for tag in soup.find_all(name):
            if _gone(tag):
                continue
            if name in ("header", "footer") and _keeps_article_text(tag):
                tag.unwrap()
                continue
            if name == "iframe" and _PLAYER.search(_media_src(tag)):
                meta.media.append(("视频", _media_src(tag)))     # an embedded video player: content
            if name not in ("script", "style", "head", "template", "svg", "noscript"):
                text = " ".join(tag.get_text(" ").split())
                if text:
                    dropped.append((text, f"网页{name}"))
            tag.decompose()
    for tag in soup.find_all(True):
        if _gone(tag):   # inside an element dropped already
            continue
        if tag.has_attr("hidden") or _HIDDEN.search(str(tag.get("style") or "")):
            text = " ".join(tag.get_text(" ").split())
            if text:
                dropped.append((text, "网页隐藏内容"))   # print copies, SEO text: never shown to readers
            tag.decompose()
            continue
        marks = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if marks.strip() and _HTML_CHROME.search(marks) and tag.name not in ("body", "html", "main", "article") \
                and not _keeps_article_text(tag):
            text = " ".join(tag.get_text(" ").split())
            if text:
                dropped.append((text, "网页导航"))
            tag.decompose()
    out: list[str] = []
    pictures: list[tuple[str, str]] = []
    # where each <img> stands: a private-use mark in the text, turned into a line number below
    # (a page whose text already holds the mark keeps no image positions)
    page_text = soup.get_text()
    mark_images = _IMAGE_MARK not in page_text
    files: list[tuple[str, str]] = []      # (href, text) of links to files, marked like pictures
    mark_files = _FILE_MARK not in page_text

    # depth first with a stack of child iterators, not recursion: old pages nest thousands of
    # unclosed <font>/<div> tags deep
    stack = [(iter((soup.body or soup).children), "")]
    while stack:
        children, closing = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            out.append(closing)
            continue
        if isinstance(child, NavigableString):
            out.append(_WRAP.sub("", str(child)).replace("\n", " "))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name == "a" and child.get("href"):
            link = (" ".join(child.get_text(" ").split()), str(child["href"]).strip())
            meta.links.append(link)
            if mark_files and is_file_link(link[1]):
                files.append((link[1], link[0]))
                out.append(_FILE_MARK)
        if name in _MEDIA:
            src = _media_src(child)
            if src:
                meta.media.append((_MEDIA[name], src))
            continue
        if name == "img" and mark_images:
            src = str(child.get("data-src") or child.get("data-original") or child.get("src") or "").strip()
            if src:
                pictures.append((src, " ".join(str(child.get("alt") or "").split())))
                out.append(_IMAGE_MARK)
            continue
        rows = _html_table(child, meta) if name == "table" else None
        if rows:
            links = [(" ".join(a.get_text(" ").split()), str(a["href"]).strip())
                     for a in child.find_all("a", href=True)]
            meta.links += links
            in_table = [(href, text) for text, href in links if mark_files and is_file_link(href)]
            files += in_table        # marked on the table's first row: the table holds their text
            out.append("\n\n" + _FILE_MARK * len(in_table) + "\n".join(rows) + "\n\n")
            continue
        block = "\n\n" if name in _HTML_BLOCKS else ""
        out.append(block)
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = _heading_text(child)
            if heading:
                out.append("#" * int(name[1]) + " " + heading)
            out.append(block)
        else:
            stack.append((iter(child.children), block))
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    text = _normalize("\n".join(lines))
    for mark, items, found in ((_IMAGE_MARK, pictures, meta.images), (_FILE_MARK, files, meta.files)):
        text, placed = _placed(text, mark, items)
        found += placed
    return text, dropped, meta


def _placed(text: str, mark: str, items: list[tuple]) -> tuple[str, list[tuple]]:
    """The text without the marks, and each item with the line its mark stood on, in order."""
    if not items:
        return text, []
    found = iter(items)
    placed = [(no, *next(found)) for no, line in enumerate(text.split("\n"), start=1)
              for _ in range(line.count(mark))]
    return text.replace(mark, ""), placed


_IMAGE_MARK = "\ue000"
_FILE_MARK = "\ue001"


def _heading_text(tag) -> str:
    """A heading's text as shown: inline elements run on (<span>关于</span><span>印发</span>),
    a <br> (or a block inside) between Han characters is a line break of one title, not a space."""
    for br in tag.find_all("br"):
        br.replace_with("\n")
    for block in tag.find_all(list(_HTML_BLOCKS)):
        block.insert_before("\n")
        block.insert_after("\n")
    return " ".join(_WRAP.sub("", tag.get_text("")).split())


# video and sound in an article: not imported (no file beside the page to copy), but named
_MEDIA = {"video": "视频", "audio": "音频", "embed": "嵌入内容", "object": "嵌入内容"}
_PLAYER = re.compile(r"\.(?:mp4|m3u8|flv|webm|mov)\b|player|v\.qq\.com|youku|bilibili|ixigua|video|vod", re.I)


def _media_src(tag) -> str:
    src = tag.get("src") or tag.get("data") or tag.get("data-src") or ""
    if not src:
        inner = tag.find("source", src=True)
        src = inner.get("src") if inner is not None else ""
    return str(src).strip()


def _html_table(table, meta: PageMeta) -> list[str] | None:
    """A data table's rows as `| a | b |` lines (tables.py); None for a layout table. Label and
    value cells (索引号 | 014… ) are also read into meta.table_fields."""
    if table.find("table") is not None:
        return None
    cells = [c for c in table.find_all(["td", "th"]) if c.get_text(strip=True)]
    links = [c for c in cells if "".join(a.get_text(strip=True) for a in c.find_all("a")) == c.get_text(strip=True)]
    if cells and len(links) >= 0.8 * len(cells):
        return None           # a menu of links laid out in a table: navigation, read as before
    rows: list[list[str]] = []
    below: dict[int, int] = {}        # column → rows a rowspan still covers
    for tr in table.find_all("tr"):
        row: list[str] = []

        def skip_covered() -> None:
            while below.get(len(row), 0) > 0:
                below[len(row)] -= 1
                row.append("")
        for cell in tr.find_all(["td", "th"]):
            skip_covered()
            span, down = _span(cell, "colspan", 50), _span(cell, "rowspan", 1000)
            for k in range(span):       # a merged cell's text once, its other columns empty
                if down > 1:
                    below[len(row)] = down - 1
                row.append(_cell_text(cell) if k == 0 else "")
        while any(col >= len(row) and n > 0 for col, n in below.items()):
            if below.get(len(row), 0) > 0:
                skip_covered()
            else:
                row.append("")
        rows.append(row)
    lines = data_rows(rows)
    if lines:
        meta.table_fields += labelled_values(rows)
    return lines


def _span(cell, attr: str, most: int) -> int:
    try:
        return min(max(int(str(cell.get(attr) or "1").strip()), 1), most)
    except ValueError:
        return 1


def _cell_text(cell) -> str:
    from bs4 import NavigableString

    parts = []
    for node in cell.descendants:
        if isinstance(node, NavigableString):
            parts.append(_WRAP.sub("", str(node)))
        elif node.name in _HTML_BLOCKS:
            parts.append(" ")         # <br>, <p> inside a cell: a space, the row stays one line
    return " ".join("".join(parts).split())


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _normalize(text: str) -> str:
    """One newline convention; no BOM; control characters (OCR/copy debris, invisible, and
    Markdown's own placeholders) dropped; NBSP and ideographic spaces kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _CONTROL.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
