"""Pictures and files a saved page only links to, downloaded when the editor asks (--fetch).

A page saved as "HTML only", or a migrated CMS page, points at its photos on the old site
(http://www.example.gov.cn/picture/….jpg, or picture/….jpg beside a page whose address is
known). The site's CSP shows only its own pictures, and the old site will not stay, so the
picture must be copied. Downloads are opt-in (import is offline by default), http(s) only,
with a timeout and a size limit, and a picture is accepted by its bytes (jpg, png, gif, webp,
bmp), not by what the server claims. It is then stored like a saved picture, under a name
made from its content (images.py), so importing again gives the same article.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from urllib.parse import quote, urljoin, urlsplit

MAX_BYTES = 10 * 1024 * 1024       # a picture; attachments allow more (linkedfiles.py)
TIMEOUT = 20            # seconds without an answer
USER_AGENT = "govnews-import/1 (site migration)"
_URL_SAFE = "%:/?#[]@!$&'()*+,;=~"     # what stays as written: an address already encoded is kept


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            return None   # a redirect to file:, ftp: … is not followed
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnly)   # no file:/ftp: handlers are consulted for http(s)


def address_of(src: str, page_url: str = "") -> str:
    """The absolute http(s) address of a picture: as written, or relative to the page's own
    address ('' when it has none)."""
    if src.startswith("//"):
        src = "https:" + src
    if urlsplit(src).scheme in ("http", "https"):
        return src
    if page_url and urlsplit(page_url).scheme in ("http", "https"):
        return urljoin(page_url, src)
    return ""


def download(url: str, limit: int = MAX_BYTES) -> tuple[bytes | None, str]:
    """(bytes, '') or (None, why not) in Chinese; `limit`: the most bytes accepted."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None, "只下载 http/https 地址"
    # old sites name files in Chinese and with spaces (附件 (1).pdf): sent percent-encoded
    request = urllib.request.Request(quote(url, safe=_URL_SAFE), headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            if urlsplit(response.geturl()).scheme not in ("http", "https"):
                return None, "被转到了非 http 地址"
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        return None, f"服务器返回 HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"无法连接（{reason}）"
    if len(data) > limit:
        return None, f"超过 {limit // 1024 // 1024} MB"
    return data, ""
