"""Pictures and files a saved page only links to, downloaded when the editor asks (--fetch).

A page saved as "HTML only", or a migrated CMS page, points at its photos on the old site
(http://www.example.gov.cn/picture/….jpg, or picture/….jpg beside a page whose address is
known). The site's CSP shows only its own pictures, and the old site will not stay, so the
picture must be copied. Downloads are opt-in (import is offline by default), http(s) only,
with a size limit, and a picture is accepted by its bytes (jpg, png, gif, webp, bmp), not by
what the server claims. It is then stored like a saved picture, under a name made from its
content (images.py), so importing again gives the same article.

The page says where to download from (its canonical link, <base>, "saved from"), and a
hostile page can name any address. So only public addresses are fetched: every host, of the
first request and of every redirect hop, is resolved, and a request to a loopback, private,
link-local, multicast, reserved or unspecified address (IPv4, IPv6, IPv4-mapped, ULA …) is
refused unless the editor allows that host by name (--allow-host). The connection goes to the
address that was checked (no second lookup an attacker's DNS could answer differently), and
one file has TOTAL_SECONDS in all, however slowly a server drips its bytes.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import quote, urljoin, urlsplit

MAX_BYTES = 10 * 1024 * 1024       # a picture; attachments allow more (linkedfiles.py)
TIMEOUT = 20            # seconds for any one connect or read
TOTAL_SECONDS = 60      # seconds for one file, redirects and all
MAX_REDIRECTS = 5
USER_AGENT = "govnews-import/1 (site migration)"
_URL_SAFE = "%:/?#[]@!$&'()*+,;=~"     # what stays as written: an address already encoded is kept
_CHUNK = 64 * 1024


class Refused(Exception):
    """A download not made, with the reason in Chinese."""


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


def public(ip: str) -> bool:
    """Whether an address is a public unicast one (not loopback, private, link-local,
    multicast, reserved, unspecified, shared, documentation; IPv4 inside IPv6 judged as IPv4)."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        inner = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if inner is None and addr in ipaddress.ip_network("64:ff9b::/96"):      # NAT64
            inner = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if inner is None and addr in ipaddress.ip_network("::/96"):              # IPv4-compatible
            inner = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if inner is not None and not public(str(inner)):
            return False
    return addr.is_global and not (addr.is_multicast or addr.is_reserved or addr.is_loopback
                                   or addr.is_link_local or addr.is_private or addr.is_unspecified)


class Fetcher:
    """Downloads for one import run: public addresses only, except hosts the editor allowed."""

    def __init__(self, allow_hosts: tuple[str, ...] = (), total: float = TOTAL_SECONDS) -> None:
        self.allow = {h.lower().rstrip(".") for h in allow_hosts}
        self.total = total

    def download(self, url: str, limit: int = MAX_BYTES) -> tuple[bytes | None, str]:
        """(bytes, '') or (None, why not) in Chinese; `limit`: the most bytes accepted."""
        deadline = time.monotonic() + self.total
        try:
            return self._get(url, limit, deadline), ""
        except Refused as exc:
            return None, str(exc)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                return None, f"超过 {self.total:g} 秒未下载完"
            return None, f"无法连接（{getattr(exc, 'reason', None) or exc}）"

    def _get(self, url: str, limit: int, deadline: float) -> bytes:
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                raise Refused("只下载 http/https 地址" if _ == 0 else f"被转到了非 http 地址 {url[:120]}")
            host = (parts.hostname or "").rstrip(".")
            if not host:
                raise Refused("地址中没有主机名")
            port = parts.port or (443 if parts.scheme == "https" else 80)
            ip = self._checked_ip(host, port)
            conn = _connection(parts.scheme, host, ip, port, _left(deadline))
            sock = conn.sock     # getresponse() lets go of conn.sock when the server closes after
            try:
                target = quote(parts.path or "/", safe=_URL_SAFE) + (f"?{quote(parts.query, safe=_URL_SAFE)}"
                                                                      if parts.query else "")
                conn.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                     "Connection": "close"})
                response = conn.getresponse()
                if response.status in (301, 302, 303, 307, 308):
                    location = response.getheader("Location")
                    if not location:
                        raise Refused(f"服务器返回 HTTP {response.status}")
                    url = urljoin(url, location)
                    continue
                if response.status != 200:
                    raise Refused(f"服务器返回 HTTP {response.status}")
                length = response.getheader("Content-Length")
                if length and length.isdigit() and int(length) > limit:
                    raise Refused(f"超过 {limit // 1024 // 1024} MB")
                data = bytearray()
                while True:
                    sock.settimeout(_left(deadline))
                    chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
                    if not chunk:
                        break
                    data += chunk
                    if len(data) > limit:
                        raise Refused(f"超过 {limit // 1024 // 1024} MB")
                    if time.monotonic() >= deadline:
                        raise Refused(f"超过 {self.total:g} 秒未下载完")
                return bytes(data)
            finally:
                conn.close()
        raise Refused(f"转向超过 {MAX_REDIRECTS} 次")

    def _checked_ip(self, host: str, port: int) -> str:
        """The address to connect to; Refused when it is not public (and the host not allowed)."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise Refused(f"无法解析主机名 {host}（{exc}）") from None
        ips = [info[4][0] for info in infos]
        if host.lower() in self.allow:
            return ips[0]
        bad = [ip for ip in ips if not public(ip)]
        if bad or not ips:
            raise Refused(f"{host} 是内网或保留地址（{bad[0] if bad else '无地址'}），拒绝下载"
                          f"（确属旧站的内网主机时可加 --allow-host {host}）")
        return ips[0]


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline")
    return min(left, TIMEOUT)


def _connection(scheme: str, host: str, ip: str, port: int, timeout: float) -> http.client.HTTPConnection:
    """A connection to the checked address `ip`; for https the certificate is checked for `host`."""
    sock = socket.create_connection((ip, port), timeout=timeout)
    if scheme == "https":
        context = ssl.create_default_context()
        try:
            sock = context.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.sock = sock
    return conn


def download(url: str, limit: int = MAX_BYTES) -> tuple[bytes | None, str]:
    """A download with no host allowed besides public ones (Fetcher for --allow-host)."""
    return Fetcher().download(url, limit)
