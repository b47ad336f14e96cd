"""Shared browser-test plumbing: a built site served by Debian's nginx, and Debian's Chromium.

nginx runs with the configuration rendered from scripts/deploy/nginx (the one shipped for
production), so caching, types, compression, the 404 page and the Content-Security-Policy
are tested for real. Chromium is /usr/bin/chromium driven by the `playwright` package
(never `playwright install`).

Use from a test module:

    from browser_support import browser, browser_site, served  # noqa: F401 (fixtures)

    def test_home(served, browser):
        page = new_page(browser)
        page.goto(served.url(""))

Fixtures build the site once per test session, shared by xdist workers through a file
lock; nginx (free 127.0.0.1 port) and the browser are started per test module.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, Project, make_project

NGINX = "/usr/sbin/nginx"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
SCREENSHOTS = ROOT / "test-output" / "screenshots"
SYNTH_ARTICLES = 45  # with the sample articles: several list pages per topic (pagination)


# WCAG text contrast of every element with its own visible text (foreground over the composited
# backgrounds). Options: minimum (4.5 for AA, 7 for AAA), onScreen (skip what is scrolled off),
# skipGradients (an element over a CSS gradient is not measured). Returns {bad, seen}.
CONTRAST_JS = r"""
({minimum, onScreen = false, skipGradients = false}) => {
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (skipGradients && s.backgroundImage !== "none" && !s.backgroundImage.startsWith("url(")) return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const bad = [], seen = {links: 0, text: 0};
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg, script, style, noscript, [hidden], [aria-hidden=true]")) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility !== "visible") continue;
    if (onScreen && (r.bottom < 0 || r.right < 0)) continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    if (opacity < 0.1) continue;  // invisible on purpose (closed overlays)
    const bg = background(el);
    if (!bg) continue;
    const fg = parse(s.color); fg[3] *= opacity;
    const l1 = lum(over(fg, bg)), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    seen[el.closest("a") ? "links" : "text"]++;
    if (ratio < minimum) bad.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} «${el.textContent.trim().slice(0, 20)}» ${ratio.toFixed(2)}`);
  }
  return {bad, seen};
}
"""


def _load_nginx_conf():
    spec = importlib.util.spec_from_file_location(
        "govnews_nginx_conf", ROOT / "scripts" / "deploy" / "nginx_conf.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


nginx_conf = _load_nginx_conf()


# -- ports, nginx -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on {port} within {timeout}s")


@dataclass
class Served:
    """A site directory served by nginx at base (http://127.0.0.1:PORT/)."""
    site: Path
    base: str
    prefix: Path
    conf: str = field(repr=False, default="")

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        """(status, lower-cased headers, body) without following redirects."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(self.url(path), headers=headers or {})
        try:
            with opener.open(request, timeout=10) as resp:
                return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


@contextlib.contextmanager
def serve_with_nginx(site: Path, prefix: Path):
    """Serve `site` with the shipped nginx configuration; stop nginx on exit."""
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = nginx_conf.render(str(site), str(site), listen=f"127.0.0.1:{port}", server_name="localhost")
    conf = nginx_conf.standalone(server, str(prefix))
    if os.geteuid() == 0:
        # workers would run as `nobody`, who cannot read pytest's 0700 temp dirs
        conf = conf.replace("daemon off;", "daemon off;\nuser root;", 1)
    (prefix / "tmp").mkdir(exist_ok=True)
    conf_path = prefix / "nginx.conf"
    conf_path.write_text(conf, encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf_path), "-e", str(prefix / "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, proc)
        yield Served(site, f"http://127.0.0.1:{port}/", prefix, conf)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait(timeout=10)


# -- building once per session ------------------------------------------------------------
def shared_dir(tmp_path_factory) -> Path:
    """A directory all xdist workers of this session share."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_once(tmp_path_factory, name: str, prepare) -> Project:
    """Build a project once for all workers: prepare(project) writes content, then a strict
    build; later callers get the finished project."""
    root = shared_dir(tmp_path_factory) / name
    with _locked(root.parent / f"{name}.lock"):
        done = root / ".built"
        if not done.exists():
            if root.exists():
                shutil.rmtree(root)
            proj = make_project(root, with_content=True)
            prepare(proj)
            result = proj.build(strict=True)
            assert result.returncode == 0, result.stderr[-4000:]
            done.write_text("ok")
    return Project(root)


def add_synthetic_articles(proj: Project, n: int = SYNTH_ARTICLES) -> None:
    from synth import write_corpus

    write_corpus(str(proj.docs), n, seed=7)


# -- browser ------------------------------------------------------------------------------
def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@dataclass
class PageLog:
    """What went wrong while a page loaded: console errors (CSP violations included),
    uncaught exceptions, failed or 4xx/5xx requests."""
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)   # every URL the page asked for

    def problems(self) -> list[str]:
        # Material 9.8 fetches sitemap.xml beside every <link rel="alternate"> (meant for
        # language versions): a feed link written that way would make every page view
        # download the whole sitemap (15 MB at 100,000 articles). Feed links say
        # rel="alternate feed"; any sitemap fetch is a problem.
        sitemap = [f"{u} fetched" for u in self.requested if u.endswith("sitemap.xml")]
        return self.console + self.errors + self.failed + sitemap


def new_page(browser, viewport: str = "desktop", log: PageLog | None = None):
    """A fresh page (own context) in Chinese locale; problems are appended to `log`."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="zh-CN",
                                  device_scale_factor=1, is_mobile=viewport == "phone",
                                  has_touch=viewport == "phone")
    page = context.new_page()
    if log is not None:
        page.on("request", lambda r: log.requested.append(r.url))
        page.on("console", lambda m: m.type == "error" and log.console.append(m.text))
        page.on("pageerror", lambda e: log.errors.append(str(e)))
        page.on("requestfailed", lambda r: log.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and log.failed.append(f"{r.url} {r.status}"))
    return page


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sample_urls(site: Path) -> dict[str, str]:
    """Site paths of one page of each kind, found in the built home page."""
    from bs4 import BeautifulSoup

    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")

    def first(selector: str) -> str:
        link = home.select_one(selector)
        assert link is not None, f"home page has no {selector}"
        return link["href"]

    urls = {
        "home": "",
        "article": first(".gn-home-latest .gn-item__title a"),
        "topic": first(".gn-home-topic h2 a"),
        "town": first(".gn-home-towns a.gn-chip"),
        "archive": "archive/",
        "topics": "topics/",
    }
    if (site / "search" / "index.html").exists():
        urls["search"] = "search/"
    links = {a["href"] for a in home.select("a[href]")}
    for overview in ("policies", "stats", "authors"):   # linked from the home page when not empty
        if f"{overview}/" in links:
            urls[overview] = f"{overview}/"
    for kind, overview in (("policy", "policies"), ("author", "authors")):
        pages = sorted(p.parent.name for p in (site / overview).glob("*/index.html"))
        if pages:
            urls[kind] = f"{overview}/{pages[0]}/"
    return urls


# -- fixtures -----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_site(tmp_path_factory) -> Project:
    """The sample site plus synthetic articles (pagination), built once per session."""
    return build_once(tmp_path_factory, "browser-site", add_synthetic_articles)


class _Shared:
    """One instance per process of an expensive resource, however many test modules import
    the fixture (pytest registers an imported fixture once per module): reference counted,
    closed when the last user tears down."""

    def __init__(self):
        self.value = None
        self.users = 0
        self.close = None

    @contextlib.contextmanager
    def use(self, open_):
        if self.users == 0:
            self.value, self.close = open_()
        self.users += 1
        try:
            yield self.value
        finally:
            self.users -= 1
            if self.users == 0:
                close, self.close, self.value = self.close, None, None
                close()


_nginx = _Shared()
_chromium = _Shared()


# nginx and Chromium live per test module: a Playwright instance kept for the whole session
# would break other modules that start their own (sync API: one per thread at a time).
@pytest.fixture(scope="module")
def served(browser_site, tmp_path_factory) -> Served:
    def start():
        stack = contextlib.ExitStack()
        server = stack.enter_context(serve_with_nginx(browser_site.site, tmp_path_factory.mktemp("nginx")))
        return server, stack.close

    with _nginx.use(start) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):  # pragma: no cover
        pytest.fail("Debian's chromium is missing: bash scripts/setup.sh --with-browser")

    def start():
        pw = sync_playwright().start()
        chromium = launch_chromium(pw)

        def stop():
            chromium.close()
            pw.stop()
        return chromium, stop

    with _chromium.use(start) as chromium:
        yield chromium


__all__ = [
    "CHROMIUM", "CHROMIUM_ARGS", "NGINX", "VIEWPORTS", "PageLog", "Served", "add_synthetic_articles",
    "browser", "browser_site", "build_once", "free_port", "launch_chromium", "new_page", "sample_urls",
    "screenshot", "serve_with_nginx", "served", "shared_dir", "nginx_conf",
]
