"""Photos of saved web pages and Word files: found beside the page or inside the .docx or .mht, placed
where they stood in the article, copied under a name made from their content
(docs/images/imported/<hash>.jpg).

A photo the page only links to (http://…) is downloaded when the editor asks (--fetch,
fetch.py); otherwise, and for data: pictures, the article says so, and where it stood. Pictures outside every article (logos, banners, QR codes) are page chrome and
are reported with it. The name depends on the bytes alone, so importing again writes the same
body (an article already imported is recognised) and one logo used by many pages is one file.
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import unquote, urlsplit

from govnews.importer.model import Block, Draft, Removed
from govnews.importer.output import fetch as fetcher

IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp")
IMAGE_DIR = os.path.join("images", "imported")      # beside the articles folder: docs/images/imported
CHROME = "网页图片（不在正文中）"
_UP = 8          # a site-root path (/images/x.jpg) is looked for this many folders up from the page
MAX_PICTURE_BYTES = 20 * 1024 * 1024   # a saved picture larger than this is no news photo


def locate(src: str, page: str, embedded: dict[str, bytes], page_url: str = "",
           fetch: "bool | fetcher.Fetcher" = False, roots: tuple[str, ...] = ()) -> tuple[bytes | None, str]:
    """(bytes, '') for a picture embedded in the file (Word) or saved beside the page, or, with
    `fetch`, downloaded from its address (page_url: the page's own, for relative ones); else
    (None, why it was not imported)."""
    if src in embedded:
        if not image_ext(src, embedded[src]):
            return None, f"文件中的图片「{src[:120]}」是网页无法显示的格式，未导入（请另存为 jpg/png 后插入正文）"
        return embedded[src], ""
    parts = urlsplit(src)
    if parts.scheme in ("http", "https") or src.startswith("//"):
        if fetch:
            return _downloaded(src, page_url, fetch)
        return None, (f"网页中的图片「{src[:120]}」是外部地址，未导入（请下载后放入 docs/images/ 并插入正文，"
                      f"或加 --fetch 重新导入）")
    if parts.scheme:
        return None, f"网页中的 {parts.scheme}: 图片未导入（请另存为图片文件后插入正文）"
    rel = unquote(parts.path).replace("\\", "/")       # pages saved on Windows: images\\1.jpg
    if os.path.splitext(rel)[1].lower() not in IMAGE_EXTS:
        return None, f"网页中的图片「{src[:120]}」不是 jpg/png/gif/webp 图片，未导入"
    data = saved_copy(rel, page, MAX_PICTURE_BYTES, roots)
    if data is not None:
        if not magic_ext(data):   # by its bytes: a page or a text file named .jpg is no picture
            return None, f"网页中的图片「{src[:120]}」的内容不是 jpg/png/gif/webp 图片，未导入"
        return data, ""
    if refused_local(rel, page, roots):
        return None, f"网页中的图片「{src[:120]}」{OUTSIDE}"
    if fetch and fetcher.address_of(src, page_url):   # saved "HTML only": the page's address is known
        return _downloaded(src, page_url, fetch)
    return None, f"网页中的图片「{src[:120]}」找不到文件（保存网页时应选“网页，全部”），未导入"


def saved_copy(rel: str, page: str, limit: int | None = None, roots: tuple[str, ...] = ()) -> bytes | None:
    """The file at a relative path beside a saved page, or for a site-root path (/images/…)
    under some folder above it (the saved site's root); None when none is there, or when
    it lies outside what the editor gave the importer (`contained`)."""
    path = local_file(rel, page, roots)
    if path is None or (limit is not None and os.path.getsize(path) > limit):
        return None
    with open(path, "rb") as fh:
        return fh.read()


def _candidates(rel: str, page: str) -> list[str]:
    rel = rel.replace("\\", "/")       # pages saved on Windows: images\\1.jpg
    here = os.path.dirname(os.path.abspath(page))
    if not rel.startswith("/"):
        return [os.path.join(here, rel)]
    candidates = []
    for _ in range(_UP):
        candidates.append(os.path.join(here, rel.lstrip("/")))
        here = os.path.dirname(here)
    return candidates


def local_file(rel: str, page: str, roots: tuple[str, ...] = ()) -> str | None:
    """The real path of the file a page's relative or site-root link names (`rel`: decoded),
    None when there is none inside the page's own folder or one of `roots` (folders the
    editor named): a saved page must not copy the server's own files into the site."""
    if "\x00" in rel:
        return None
    for path in _candidates(rel, page):
        if os.path.isfile(path) and contained(path, page, roots):
            return os.path.realpath(path)
    return None


def refused_local(rel: str, page: str, roots: tuple[str, ...] = ()) -> bool:
    """Whether the link leads out of the allowed folders (.., a symbolic link, a site-root
    path found above them): the editor is told it was not copied."""
    if "\x00" in rel:
        return True
    candidates = _candidates(rel, page)
    if not rel.replace("\\", "/").startswith("/") and not contained(candidates[0], page, roots):
        return True
    return any(os.path.isfile(p) and not contained(p, page, roots) for p in candidates)


def allowed_roots(page: str, roots: tuple[str, ...] = ()) -> list[str]:
    return [os.path.realpath(os.path.dirname(os.path.abspath(page)))] + [os.path.realpath(r) for r in roots]


def contained(path: str, page: str, roots: tuple[str, ...] = ()) -> bool:
    """Whether `path`, symbolic links resolved, lies inside the page's own folder or a root."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    return any(os.path.commonpath([real, root]) == root for root in allowed_roots(page, roots))


OUTSIDE = "在导入的网页/文档所在文件夹之外，未复制（只复制网页所在文件夹内的文件；整站保存的网页可用 --root 指定网站文件夹）"


def _downloaded(src: str, page_url: str, fetch) -> tuple[bytes | None, str]:
    url = fetcher.address_of(src, page_url)
    data, why = (fetch if isinstance(fetch, fetcher.Fetcher) else fetcher.Fetcher()).download(url)
    if data is None:
        return None, f"网页中的图片「{url[:120]}」下载失败（{why}），未导入"
    if not magic_ext(data):   # by its bytes: an error page served as .jpg is no picture
        return None, f"网页中的图片「{url[:120]}」下载到的不是 jpg/png/gif/webp 图片，未导入"
    return data, ""


_MAGIC = ((b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"), (b"BM", ".bmp"))


def image_ext(src: str, data: bytes) -> str:
    """The file extension for a picture: its name's, else what its bytes are ('' for neither:
    emf, wmf, tiff … that browsers do not show)."""
    ext = os.path.splitext(urlsplit(src).path)[1].lower()
    if ext in IMAGE_EXTS:
        return ".jpg" if ext == ".jpeg" else ext
    return magic_ext(data)


def magic_ext(data: bytes) -> str:
    """What a picture's bytes are ('' when no picture browsers show)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return next((e for magic, e in _MAGIC if data.startswith(magic)), "")


def content_name(data: bytes, src: str) -> str:
    return hashlib.sha1(data).hexdigest()[:16] + image_ext(src, data)


def place(drafts: list[Draft], pictures: list[tuple[int, str, str]], removed: list[Removed],
          page: str, embedded: dict[str, bytes], page_url: str = "", fetch: "bool | fetcher.Fetcher" = False,
          roots: tuple[str, ...] = ()) -> list[Removed]:
    """Put each picture into the article it stands in (before the first block at or below its
    line); return the pictures that stand in no article, as chrome to report. Pictures outside
    every article are never downloaded."""
    outside: list[Removed] = []
    spans = ranges(drafts, removed)
    for line, src, alt in pictures:
        owner = next((d for d, (first, last) in zip(drafts, spans) if first <= line <= last), None)
        if owner is None:
            outside.append(Removed(0, f"[图片] {src[:120]}", CHROME))
            continue
        data, why = locate(src, page, embedded, page_url, fetch, roots)
        if data is None:
            owner.warnings.append(why)
            continue
        name = content_name(data, src)
        owner.pictures[name] = data
        at = next((k for k, b in enumerate(owner.body) if b.spans and b.spans[0].line >= line), len(owner.body))
        owner.body.insert(at, Block("image", [], alt, lines=(name, alt)))
        caption = owner.body[at + 1] if at + 1 < len(owner.body) else None
        if caption is not None and caption.kind == "heading" and not caption.marked:
            caption.kind = "body"       # the short line under a photo is its caption, not a section
    return outside


def ranges(drafts: list[Draft], removed: list[Removed]) -> list[tuple[int, float]]:
    """Lines each article owns: from its first line to the next article's, or to the page
    chrome that follows its last line of text."""
    out = []
    for k, d in enumerate(drafts):
        last = max((s.line for b in d.all_blocks() for s in b.spans), default=d.first_line)
        end = drafts[k + 1].first_line - 1 if k + 1 < len(drafts) else float("inf")
        chrome = [r.line for r in removed if r.line > last]
        if chrome:
            end = min(end, min(chrome) - 1)
        out.append((d.first_line, end))
    return out
