"""Check every internal link and #fragment of a built site with LinkChecker (0 broken allowed).

    python3 scripts/linkcheck.py [SITE_DIR] [--external] [--ignore-url REGEX]...

The site is served over HTTP on a free 127.0.0.1 port for the run (directory URLs like
articles/2024/x/ behave as on the real server), and every HTML file is a start URL, so pages
that nothing links to are checked too. External links are checked only with --external.
Exit status: 0 when nothing is broken, 1 otherwise (LinkChecker's report on stdout).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading

# LinkChecker warnings that are not broken links (everything else fails the check):
# Material's pages link their own feeds/sitemaps with types LinkChecker calls unknown.
IGNORED_WARNINGS = ("url-content-size-zero", "http-empty-content")

CONFIG = """\
[checking]
threads={threads}
timeout=30
maxrequestspersecond=1000
[filtering]
checkextern={extern}
ignorewarnings={ignored}
{ignore}
[AnchorCheck]
[output]
status=0
warnings=1
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        # LinkChecker throttles every host to ~3 requests/s unless it answers this header
        self.send_header("LinkChecker", "local")
        super().end_headers()

    def log_message(self, *args):  # LinkChecker reports; the server stays quiet
        pass

    def handle(self):
        try:
            super().handle()
        except ConnectionError:  # LinkChecker closes early after HEAD-like checks
            pass


def serve(site_dir: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=site_dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def html_pages(site_dir: str) -> list[str]:
    pages = []
    for dirpath, dirnames, filenames in os.walk(site_dir):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".html"):
                rel = os.path.relpath(os.path.join(dirpath, name), site_dir).replace(os.sep, "/")
                pages.append(rel[: -len("index.html")] if name == "index.html" else rel)
    return pages


# LinkChecker run as root switches its euid to `nobody`, who cannot list LinkChecker's own
# plugin folder when Python lives under /root (CI containers): AnchorCheck then silently
# does nothing. Run it with the privilege drop turned off (the site is served by us anyway).
RUNNER = (
    "import sys, linkcheck.command.linkchecker as lc; lc.drop_privileges = lambda: None; "
    "sys.argv[0] = 'linkchecker'; lc.linkchecker()"
)


def linkchecker_command() -> list[str]:
    return [sys.executable, "-c", RUNNER]


def check(site_dir: str, external: bool = False, ignore: list[str] | None = None,
          threads: int = 4) -> subprocess.CompletedProcess:
    if not os.path.isfile(os.path.join(site_dir, "index.html")):
        raise SystemExit(f"{site_dir}/index.html 不存在：请先构建站点（bash scripts/build.sh）")
    server, base = serve(site_dir)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rc = os.path.join(tmp, "linkcheckerrc")
            with open(rc, "w", encoding="utf-8") as fh:
                fh.write(CONFIG.format(threads=threads, extern=int(external),
                                       ignored=",".join(IGNORED_WARNINGS), ignore=_ignore_block(ignore)))
            urls = "\n".join(base + page for page in html_pages(site_dir))
            env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
            return subprocess.run(
                linkchecker_command() + ["--config", rc, "--no-status", "--stdin", "-o", "text"],
                input=urls, capture_output=True, text=True, env=env, timeout=3000)
    finally:
        server.shutdown()
        server.server_close()


def _ignore_block(patterns: list[str] | None) -> str:
    """LinkChecker's `ignore` option: one regex per continuation line."""
    if not patterns:
        return ""
    return "ignore=\n" + "\n".join(f"  {rx}" for rx in patterns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查构建好的站点中的所有内部链接和锚点")
    parser.add_argument("site_dir", nargs="?", default="site")
    parser.add_argument("--external", action="store_true", help="也检查外部链接（需要网络）")
    parser.add_argument("--ignore-url", action="append", default=[], help="不检查匹配此正则的网址")
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    result = check(args.site_dir, args.external, args.ignore_url, args.threads)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode not in (0, 1):
        print(f"linkchecker 异常退出（{result.returncode}）", file=sys.stderr)
        return 2
    print("链接检查：" + ("没有失效链接" if result.returncode == 0 else "发现失效链接或锚点（见上）"), file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
