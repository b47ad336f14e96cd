"""Links and images in article bodies that point nowhere, found without building.

Resolution follows MkDocs: a relative link is a path inside docs/ relative to the article's
*source file* (`../2023/other.md`, `img/photo.jpg`, `../../topics/x/index.md`); the build
rewrites it to the target's URL, so it survives slug and permalink changes. A link written
as a site URL (`../other-slug/`, `/articles/2024/x/`) is resolved against the article's
*URL* (from the permalink, not the file path) only to name the page that was meant: MkDocs'
strict build rejects such links, so the message says which file to link instead.

One pass over the bodies with a few regexes; anchors of a target article are computed once,
when the first link with a fragment points to it.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING, Callable, Iterable
from urllib.parse import unquote

from govnews.common.bodyscan import Link, body_links, outside_fences  # noqa: F401 (body_links: re-exported)

if TYPE_CHECKING:   # annotations only: the catalog's checks read bodies through bodyscan
    from govnews.model.catalog import Article
from govnews.common.diagnostics import ERROR, WARNING, Problems, suggestion

_HTML_ID = re.compile(r"\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{:?[^}]*#([\w\-:.]+)[^}]*\}\s*$")
_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)")  # scheme: or //host
MAX_PICTURE_BYTES = 1024 * 1024     # above this a body picture is reported (a news photo: 200–500 KB)
SLOW_LINK_BPS = 1_500_000           # the slow mobile link of the reader benchmarks (1.5 Mbit/s)
_MD_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`~]")


def heading_slugifiers() -> list[Callable[[str, str], str]]:
    """Heading-id functions a project may configure (toc `slugify`); an anchor matching any
    of them counts, so `check` never rejects what the build accepts."""
    found: list[Callable[[str, str], str]] = []
    try:
        from pymdownx.slugs import slugify

        found += [slugify(case="lower"), slugify()]
    except ImportError:  # pragma: no cover - pymdownx is pinned
        pass
    from markdown.extensions.toc import slugify as ascii_slugify
    from markdown.extensions.toc import slugify_unicode

    return found + [slugify_unicode, ascii_slugify]


def body_anchors(body: str, slugifiers: list[Callable[[str, str], str]]) -> set[str]:
    """Ids a rendered body will carry: headings (every configured slug style, with toc's
    _1, _2 suffixes for repeats), explicit {#id}, and raw HTML id/name attributes."""
    anchors: set[str] = set()
    seen: dict[tuple[int, str], int] = {}
    for _, line in outside_fences(body):
        if "id" in line or "name" in line:
            anchors.update(_HTML_ID.findall(line))
        h = _HEADING.match(line)
        if not h:
            continue
        text = h.group(2)
        explicit = _ATTR_ID.search(text)
        if explicit:
            anchors.add(explicit.group(1))
            continue
        text = _MD_MARKUP.sub(lambda mm: mm.group(1) or "", text).strip()
        for style, slugify in enumerate(slugifiers):  # each style counts its own repeats
            slug = slugify(text, "-")
            n = seen.get((style, slug), 0)
            seen[(style, slug)] = n + 1
            anchors.add(slug if n == 0 else f"{slug}_{n}")
    return anchors


class LinkChecker:
    """Checks article bodies against the files in docs/ and the pages of one build."""

    def __init__(self, articles: Iterable[Article], docs_files: set[str], pages: dict[str, str],
                 docs_dir: str | None = None):
        """docs_files: every file below docs/ (posix, relative). pages: site URL (e.g.
        'topics/x/') → the source a Markdown link should name (e.g. 'topics/x/index.md').
        docs_dir: where they are, to weigh the pictures (none: not weighed)."""
        self.by_src = {a.src: a for a in articles}
        self.docs_files = docs_files
        self.docs_dir = docs_dir
        self.pages = pages
        self._slugifiers = heading_slugifiers()
        self._anchors: dict[str, set[str]] = {}
        self._dirs: dict[str, list[str]] | None = None

    # -- public ------------------------------------------------------------------------
    def check(self, art: Article, problems: Problems) -> None:
        if not art.body:
            return
        for link in body_links(art.body, art.body_line):
            self._check_one(art, link, problems)

    # -- one link ----------------------------------------------------------------------
    def _check_one(self, art: Article, link: Link, problems: Problems) -> None:
        what = "图片" if link.image else "链接"
        if _EXTERNAL.match(link.url) or link.url in ("", "#"):
            return  # external, mailto:, tel:, data: …: checked on request over the built site
        rest, _, fragment = link.url.partition("#")
        path, fragment = unquote(rest.partition("?")[0]), unquote(fragment)
        if not path:
            if fragment and art.body is not None and fragment not in self.anchors(art):
                problems.add(art.path, link.line, f"{what}「{link.url}」指向本文中不存在的位置 #{fragment}"
                             f"{suggestion(fragment, self.anchors(art))}")
            return
        if path.startswith("/"):
            meant = self._as_url(path.lstrip("/"))
            hint = f"，请改为「{self._rel(meant, art)}」" if meant else ""
            problems.add(art.path, link.line,
                         f"{what}「{link.url}」是以 / 开头的绝对路径，网站换了地址就会失效{hint}")
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(art.src), path))
        if target in self.docs_files:
            if link.image:
                self._weigh(art, link, target, problems)
            self._check_target(art, link, target, fragment, problems)
            return
        # Not a file: maybe a site URL, resolved against the article's own URL.
        meant = self._as_url(posixpath.normpath(posixpath.join(art.url, path)))
        if meant:
            problems.add(art.path, link.line,
                         f"{what}「{link.url}」写的是网址，构建时无法确认；请改为链接文件「{self._rel(meant, art)}」"
                         f"（网址由构建生成，改 slug 也不会失效）")
            return
        index = posixpath.join(target, "index.md")
        if index in self.docs_files:  # a directory: MkDocs wants its index.md named
            problems.add(art.path, link.line, f"{what}「{link.url}」请改为「{self._rel(index, art)}」"
                         f"（链接写到文件，构建时自动换成网址）")
            return
        problems.add(art.path, link.line, f"{what}「{link.url}」指向的文件不存在：docs/{target}"
                     f"{self._did_you_mean(target, art)}")

    def _check_target(self, art: Article, link: Link, target: str, fragment: str,
                      problems: Problems) -> None:
        other = self.by_src.get(target)
        if other is None:
            return
        # links to drafts and future articles: unpublished_links, run by every build and check
        if fragment and other.body is not None:
            anchors = self.anchors(other)
            if fragment not in anchors:
                problems.add(art.path, link.line, f"链接「{link.url}」：「{other.title}」中没有 #{fragment} 这个位置"
                             f"{suggestion(fragment, anchors)}")

    def _weigh(self, art: Article, link: Link, target: str, problems: Problems) -> None:
        """A picture straight from a camera or phone (3–8 MB) takes a reader on a slow mobile
        link half a minute or more; a news photo needs a few hundred KB."""
        if self.docs_dir is None:
            return
        try:
            size = os.path.getsize(os.path.join(self.docs_dir, *target.split("/")))
        except OSError:
            return
        if size > MAX_PICTURE_BYTES:
            problems.add(art.path, link.line,
                         f"图片「{link.url}」有 {size / 1048576:.1f} MB，在手机慢速网络（1.5 Mbit/s）上要下载约 {size * 8 / SLOW_LINK_BPS:.0f} 秒："
                         f"请缩小到宽 1600 像素以内、500 KB 左右再用（如用“画图”打开，“重新调整大小”后另存为 JPEG）",
                         WARNING)

    # -- helpers -----------------------------------------------------------------------
    def anchors(self, art: Article) -> set[str]:
        found = self._anchors.get(art.src)
        if found is None:
            found = self._anchors[art.src] = body_anchors(art.body or "", self._slugifiers)
        return found

    def _as_url(self, url_path: str) -> str | None:
        """The source file a site path means: a page URL, or a static file in docs/."""
        if url_path in (".", ""):
            url_path = ""
        for candidate in (url_path.rstrip("/") + "/" if url_path else "", url_path):
            if candidate in self.pages:
                return self.pages[candidate]
        if url_path.endswith("index.html"):
            return self.pages.get(url_path[: -len("index.html")])
        return url_path if url_path in self.docs_files else None

    @staticmethod
    def _rel(target_src: str, art: Article) -> str:
        return posixpath.relpath(target_src, posixpath.dirname(art.src) or ".")

    def _did_you_mean(self, target: str, art: Article) -> str:
        if self._dirs is None:
            self._dirs = {}
            for f in self.docs_files:
                self._dirs.setdefault(posixpath.dirname(f), []).append(posixpath.basename(f))
        names = self._dirs.get(posixpath.dirname(target), [])
        hint = suggestion(posixpath.basename(target), names)
        if hint:
            match = re.search(r"「(.+)」", hint)
            assert match is not None
            full = posixpath.join(posixpath.dirname(target), match.group(1))
            return f"（是否应为「{self._rel(full, art)}」？）"
        return ""


def unpublished_target(art: Article, link: Link, other: Article) -> tuple[str, str] | None:
    """(message, severity) when a link from `art` leads to an article readers cannot open."""
    if art.draft or art.withheld or not art.date_confirmed:
        return None   # not published itself: it leaks nothing
    if other.withheld:
        return f"链接「{link.url}」指向未发布的「{other.title or other.path}」（见该文件的错误），读者打不开", ERROR
    if other.draft:
        return f"链接「{link.url}」指向草稿「{other.title}」，发布后读者打不开", ERROR
    if not other.date_confirmed:
        return f"链接「{link.url}」指向日期尚未确认（不发布）的「{other.title}」，读者打不开", ERROR
    if other.future and art.date and other.date and art.date < other.date:
        return (f"链接「{link.url}」指向定于 {other.date:%Y-%m-%d} 发布的「{other.title}」，在此之前读者打不开",
                WARNING)
    return None


def unpublished_links(catalog, problems: Problems) -> dict[str, set[str]]:
    """Links from the articles a build writes to the articles it does not write (drafts,
    future-dated, withheld): reported, and src → the hidden targets' URLs, which the
    rendered page must not link (the URL would publish a draft's slug)."""
    hidden = {a.src: a for a in catalog.articles if a.draft or a.future or a.withheld or not a.date_confirmed}
    found: dict[str, set[str]] = {}
    if not hidden:
        return found
    for art in catalog.articles:
        if art.src in hidden or not art.body or ".md" not in art.body:
            continue
        for link in body_links(art.body, art.body_line):
            if _EXTERNAL.match(link.url):
                continue
            path = unquote(link.url.partition("#")[0].partition("?")[0])
            other = hidden.get(posixpath.normpath(posixpath.join(posixpath.dirname(art.src), path)))
            if other is None:
                continue
            report = unpublished_target(art, link, other)
            if report is not None:
                problems.add(art.path, link.line, *report)
            # a withheld file's URL may be the article that kept it: the engine names its
            # (never written) page after the file path
            found.setdefault(art.src, set()).add(
                posixpath.splitext(other.src)[0] + "/" if other.withheld else other.url)
    return found


_A_HREF = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"[^>]*>(.*?)</a\s*>", re.S | re.I)


def unlink(html: str, page_url: str, target_urls: set[str]) -> str:
    """The HTML with links to these site URLs replaced by their text."""
    targets = {"/" + u.strip("/") for u in target_urls}
    targets |= {t + "/index.html" for t in targets} | {t + ".html" for t in targets}

    def text_only(m: re.Match) -> str:
        href = unescape_attr(m.group(1)).partition("#")[0].partition("?")[0]
        if not href or _EXTERNAL.match(href):
            return m.group(0)
        path = posixpath.normpath(posixpath.join("/" + page_url, href))
        return m.group(2) if path in targets else m.group(0)

    return _A_HREF.sub(text_only, html)


def unescape_attr(value: str) -> str:
    return unquote(value.replace("&amp;", "&"))


def docs_files(docs_dir: str, skip: tuple[str, ...] = ()) -> set[str]:
    """Every file below docs_dir as a posix path relative to it (hidden files and `skip`
    directories left out, as MkDocs does)."""
    found: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(docs_dir):
        rel = os.path.relpath(dirpath, docs_dir).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and (rel + d) not in skip]
        found.update(rel + name for name in filenames if not name.startswith("."))
    return found


def check_links(site, problems: Problems, only: set[str] | None = None) -> None:
    """Check the bodies of a build's articles (all, or those whose shown path is in `only`)."""
    settings = site.settings
    files = docs_files(settings.docs_dir, skip=(settings.vocab_dir.strip("/"),))
    pages: dict[str, str] = {v.url: v.src_uri for v in site.views}
    for art in site.catalog.by_url.values():
        pages[art.url] = art.src
    files.update(v.src_uri for v in site.views)
    checker = LinkChecker(site.catalog.articles, files, pages, settings.docs_dir)
    for art in site.catalog.articles:
        if only is None or art.path in only:
            checker.check(art, problems)
