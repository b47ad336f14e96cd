"""Files a saved page links to — a notice's 附件 (.pdf .docx .xls .wps .ofd .zip …) — kept as
links in the imported article, so a migration does not lose the forms and lists readers
came for.

A browser saving a page ("网页，全部") keeps its pictures but not the files it links to, and
a CMS export may keep them anywhere. So a linked file is taken, in this order:
- from the saved page's folder (or a folder above it, for a site-root /uploadfiles/… path),
  or from inside the .mht;
- downloaded from the old site when the editor asks (--fetch): http(s) only, with a timeout
  and a size limit, accepted only when its bytes are that kind of file (a CMS error page
  served as 附件.pdf is refused);
- otherwise the article links the file where it still is on the old site and tells the
  editor: the old site will not stay.
A copied file goes to docs/files/imported/<content hash>/<name readers recognise>, so it is
downloaded under a meaningful name, one file linked by many pages is stored once, and
importing again gives the same article. The link text stays the text it was; the policy
document's page lists the file under 附件 (attachments.py).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from govnews.importer.model import Block, Draft, Removed
from govnews.importer.output import fetch as fetcher
from govnews.importer.output import images
from govnews.model.attachments import EXTENSIONS

FILE_DIR = os.path.join("files", "imported")   # beside the articles folder: docs/files/imported
MAX_BYTES = 50 * 1024 * 1024                    # a scanned document runs to tens of MB
_NAME_MAX = 80
_NAME_BYTES = 180    # well under the 255 bytes of a file name, with room for the extension
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)", re.I)
# link texts that do not name the file: its own file name is better
_GENERIC = re.compile(r"^(?:附件\d*|下载|点击下载|点此下载|下载附件|附件下载|点击这里|点击此处|这里|此处|查看|原文|全文|"
                      r"download|click here|here)$", re.I)
_LABEL = re.compile(r"^(?:附件|附表|附图)\s*\d*\s*[:：.、．]?\s*|^\d{1,2}\s*[.、．]\s*")
_UNSAFE = re.compile(r"[\\/:*?\"<>|#%&{}^~`\[\]'+;=@$!,\s\x00-\x1f]+")
_BRACKETS = str.maketrans("()", "（）")
# what a document of each kind starts with: an error page saved under 附件.pdf is none of these
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"          # .doc .xls .ppt .wps .et (Office 97 and WPS)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")               # .docx .xlsx .pptx .ofd .zip
_MAGIC = {".pdf": (b"%PDF",), ".doc": (_OLE, b"{\\rtf"), ".wps": (_OLE,), ".xls": (_OLE,), ".et": (_OLE,),
          ".ppt": (_OLE,), ".docx": _ZIP, ".xlsx": _ZIP, ".pptx": _ZIP, ".ofd": _ZIP, ".zip": _ZIP,
          ".rar": (b"Rar!\x1a\x07",), ".7z": (b"7z\xbc\xaf\x27\x1c",)}


def extension(href: str) -> str:
    """The file type a link points to ('.pdf' …), '' when it is no file of EXTENSIONS."""
    return posixpath.splitext(_own_name(href).lower())[1]


def _own_name(href: str) -> str:
    """The file's own name: the last part of its path, or of a download script's parameter
    (/module/download/downfile.jsp?classid=0&filename=1234.docx); '' for no file link.
    A file on disk is typed by its path alone (_target): …/etc/passwd?x=1.csv is no .csv."""
    parts = urlsplit(href.strip())
    if parts.scheme not in ("", "http", "https"):
        return ""
    names = [unquote(parts.path)]
    if not parts.path.lower().endswith((".html", ".htm", ".shtml")):   # a page is no download script
        names += [unquote(v) for _, _, v in (p.partition("=") for p in parts.query.split("&"))]
    for name in names:
        name = posixpath.basename(name.replace("\\", "/"))
        if posixpath.splitext(name.lower())[1] in EXTENSIONS:
            return name
    return ""


def is_file_link(href: str) -> bool:
    return bool(extension(href))


def is_kind(data: bytes, ext: str) -> bool:
    """Whether the bytes are a file of that type (text files: anything but a web page)."""
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<!--", b"<script", b"<meta")):
        return False       # a web page (a CMS error page, or a page with %PDF in its text) is no file
    if ext == ".pdf":
        return b"%PDF-" in data[:1024]      # PDF readers allow a little junk before the header
    magic = _MAGIC.get(ext)
    if magic is not None:
        return data.startswith(magic)
    return True


def file_name(href: str, text: str) -> str:
    """The name readers download the file under: the link text when it names the file
    (附件1：申报表 → 申报表.docx), else the file's own name; safe in a URL and a path."""
    ext = extension(href)
    own = _own_name(href)
    label = _LABEL.sub("", _LABEL.sub("", text.strip()))     # 附件：1.申报表 → 申报表
    if label.lower().endswith(ext):
        label = label[: -len(ext)]
    stem = label if label and not _GENERIC.match(label) and len(re.findall(r"\w", label)) >= 2 \
        else posixpath.splitext(own)[0]
    stem = "".join(ch for ch in stem if unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co", "Cn"))
    stem = _UNSAFE.sub("_", stem.translate(_BRACKETS)).strip("._") or "附件"
    stem = stem[:_NAME_MAX]
    while len(stem.encode("utf-8")) > _NAME_BYTES:    # file systems count bytes: 4 for a CJK Ext-B character
        stem = stem[:-1]
    if _RESERVED.match(stem):                         # CON, NUL, COM1 … cannot be files on Windows
        stem = "_" + stem
    return stem + ext


def place(drafts: list[Draft], links: list[tuple[int, str, str]], removed: list[Removed], ranges: list,
          page: str, embedded: dict[str, bytes], page_url: str = "", fetch: "bool | fetcher.Fetcher" = False,
          roots: tuple[str, ...] = ()) -> None:
    """Link each file from the block of its article that holds its link text (`ranges`: the
    lines each article owns, images.ranges). Links in page chrome are left with the chrome."""
    chrome = {r.line for r in removed if r.line}
    for line, href, text in links:
        owner = next((d for d, (first, last) in zip(drafts, ranges) if first <= line <= last), None)
        if owner is None or line in chrome:
            continue
        name = file_name(href, text)
        target, why = _target(owner, href, name, page, embedded, page_url, fetch, roots)
        if why:
            owner.warnings.append(why)
        if not target:
            continue
        block = _holder(owner, line, text)
        if block is None:      # an icon or an empty link: the file is still the article's
            owner.body.append(Block("body", [], name, links=((name, target),)))
        else:
            block.links += ((text, target),)


def _holder(d: Draft, line: int, text: str) -> Block | None:
    """The body block the link text stands in: on the link's line, else the next holding it."""
    if not text:
        return None
    blocks = [b for b in d.body if b.kind in ("body", "heading", "table", "signature") and b.spans]
    here = [b for b in blocks if any(s.line == line for s in b.spans)]
    later = [b for b in blocks if b.spans[0].line > line]
    return next((b for b in here + later[:3] if text in b.text), None)


def _target(d: Draft, href: str, name: str, page: str, embedded: dict[str, bytes], page_url: str,
            fetch: "bool | fetcher.Fetcher", roots: tuple[str, ...] = ()) -> tuple[str, str]:
    """(link target, note for the editor): a path under FILE_DIR (its bytes kept in d.files),
    the file's address on the old site, or '' when there is nothing to link to."""
    shown = f"附件「{name}」"
    data = embedded.get(href)
    parts = urlsplit(href)
    local = not parts.scheme and not href.startswith("//")
    rel = unquote(parts.path).replace("\\", "/")
    if data is None and local:
        if images.refused_local(rel, page, roots):
            return "", f"{shown}（{href[:120]}）{images.OUTSIDE}，正文中没有链接"
        # on disk the path alone names the type: a query (…/etc/passwd?x=1.csv) names nothing there
        if posixpath.splitext(rel.lower())[1] == extension(href):
            data = images.saved_copy(rel, page, MAX_BYTES, roots)
    if data is not None and not is_kind(data, extension(href)):
        return "", (f"{shown}（{href[:120]}）的内容不是 {extension(href)[1:].upper()} 文件（可能是网页），"
                    f"未复制，正文中没有链接")
    address = fetcher.address_of(href, page_url)
    if data is None and fetch and address:
        data, why = (fetch if isinstance(fetch, fetcher.Fetcher) else fetcher.Fetcher()).download(address, MAX_BYTES)
        if data is not None and not is_kind(data, extension(href)):
            data, why = None, f"下载到的不是 {extension(href)[1:].upper()} 文件"
        if data is None:
            return address, f"{shown}下载失败（{why}），正文仍链接旧站地址 {address}，旧站关闭后将无法下载"
    if data is not None:
        path = posixpath.join(hashlib.sha1(data).hexdigest()[:12], name)
        d.files[path] = data
        return path, ""
    if address:
        return address, (f"{shown}仍链接旧站地址 {address}，旧站关闭后读者将无法下载"
                         f"（请加 --fetch 重新导入，或下载后放入 docs/files/ 并改正文中的链接）")
    return "", (f"{shown}（{href[:120]}）找不到文件，正文中没有链接（保存网页时文件不会一起保存："
                f"请把它放入 docs/files/ 并在正文中加链接）")
