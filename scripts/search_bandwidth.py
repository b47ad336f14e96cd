"""Bytes a reader's browser downloads to search: first query, second query, search page.

Builds a generated site (default 10,000 articles; the real `mkdocs build`), serves it with
the shipped nginx configuration (gzip, caching headers: scripts/deploy/nginx_conf.py), and
drives Debian's Chromium with an empty cache: open an article, type a query in the header
box, wait for the results; then a second query; then the search page with a filter. Bytes
are counted on the server, from nginx's access log ($body_bytes_sent: the body as sent,
gzip included, headers excluded), so requests made by Pagefind's web worker count too;
each request is attributed to the step that caused it.

    python3 scripts/search_bandwidth.py                       # 10,000 articles, ~10 min
    python3 scripts/search_bandwidth.py --articles 2000
    python3 scripts/search_bandwidth.py --project /path/to/built/project
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from urllib.parse import quote, urlparse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "plugins"))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth, search_quality_eval

from synth import write_corpus  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def nginx_conf():
    spec = importlib.util.spec_from_file_location("nginx_conf", os.path.join(ROOT, "scripts", "deploy", "nginx_conf.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_project(dest: str, articles: int, seed: int) -> None:
    shutil.copy(os.path.join(ROOT, "mkdocs.yml"), dest)
    shutil.copytree(os.path.join(ROOT, "overrides"), os.path.join(dest, "overrides"))
    shutil.copytree(os.path.join(ROOT, "docs", "_vocab"), os.path.join(dest, "docs", "_vocab"))
    write_corpus(os.path.join(dest, "docs"), articles, seed=seed)


def build(project: str) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1790000000")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, env=env, check=True)
    return time.perf_counter() - t


def serve(site: str, prefix: str):
    conf_mod = nginx_conf()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = conf_mod.render(site, site, listen=f"127.0.0.1:{port}", server_name="localhost")
    conf = conf_mod.standalone(server, prefix)
    if os.geteuid() == 0:
        conf = conf.replace("daemon off;", "daemon off;\nuser root;", 1)
    os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
    path = os.path.join(prefix, "nginx.conf")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(conf)
    proc = subprocess.Popen(["/usr/sbin/nginx", "-p", prefix, "-c", path, "-e", os.path.join(prefix, "error.log")])
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port}/"


def kind_of(url: str) -> str:
    path = urlparse(url).path
    if "/pagefind/" in path:
        name = path.rsplit("/", 1)[-1]
        for prefix, label in (("fragment/", "fragments"), ("index/", "index chunks"), ("filter/", "filter chunks")):
            if prefix in path:
                return label
        if name.endswith(".pf_meta"):
            return "pf_meta"
        if name.startswith("wasm."):
            return "wasm"
        return name
    return "page and site assets"


_LOG = re.compile(r'"(?:GET|HEAD) (\S+) [^"]*" (\d{3}) (\d+)')


class AccessLog:
    """New lines of nginx's access log since the last read: (path, status, body bytes)."""

    def __init__(self, path: str):
        self.path = path
        self.offset = os.path.getsize(path) if os.path.exists(path) else 0

    def read(self) -> list[tuple[str, int, int]]:
        time.sleep(0.3)  # nginx writes the line after the response
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            fh.seek(self.offset)
            text = fh.read()
            self.offset = fh.tell()
        return [(m.group(1), int(m.group(2)), int(m.group(3))) for m in _LOG.finditer(text)]


def measure(base: str, log_path: str, article: str, first: str, second: str) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    steps: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    log = AccessLog(log_path)

    def record(step: str) -> None:
        for path, status, size in log.read():
            steps[step][kind_of(path) + (" (304)" if status == 304 else "")] += size

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.goto(base + article, wait_until="networkidle")
        record("open an article")
        box = page.locator("[data-gn-search-form=header] input[name=q]")
        quick = page.locator("[data-gn-quick] .md-search-result__list > li")

        box.click()
        box.fill(first)
        quick.first.wait_for(timeout=60000)
        page.wait_for_load_state("networkidle")
        record(f"first query「{first}」(header box, empty cache)")

        box.fill(second)
        page.wait_for_function("q => document.querySelector('[data-gn-quick] h1 mark')?.textContent === q", arg=second,
                               timeout=60000)
        page.wait_for_load_state("networkidle")
        record(f"second query「{second}」")

        page.goto(base + "search/?q=" + quote(first) + "&town=" + quote("湖塘镇"), wait_until="networkidle")
        page.locator("[data-gn-results] > li").first.wait_for(timeout=60000)
        page.wait_for_load_state("networkidle")
        record(f"search page「{first}」+ 地区=湖塘镇 (browser cache warm)")
        browser.close()
    return steps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--project", help="an already built project (its site/ is measured)")
    ap.add_argument("--keep", action="store_true", help="keep the generated project")
    ap.add_argument("--first", default="营商环境")
    ap.add_argument("--second", default="医保")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="govnews-bandwidth-")
    project = args.project
    try:
        if not project:
            project = os.path.join(tmp, "project")
            os.makedirs(project)
            make_project(project, args.articles, args.seed)
            print(f"building {args.articles} articles …", flush=True)
            print(f"built in {build(project):.0f} s", flush=True)
        site = os.path.join(project, "site")
        articles = sorted(os.path.relpath(d, site) for d, _, f in os.walk(os.path.join(site, "articles"))
                          if "index.html" in f)
        bundle = os.path.join(site, "pagefind")
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(bundle) for f in fs)
        files = sum(len(fs) for _, _, fs in os.walk(bundle))
        print(f"{len(articles)} articles; Pagefind bundle {files} files, {size / 1e6:.1f} MB on disk")

        proc, base = serve(site, os.path.join(tmp, "nginx"))
        try:
            steps = measure(base, os.path.join(tmp, "nginx", "access.log"), articles[len(articles) // 2] + "/",
                            args.first, args.second)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        for step, kinds in steps.items():
            total = sum(kinds.values())
            print(f"\n{step}: {total / 1024:.1f} KB transferred")
            for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
                print(f"  {kind:<28} {n / 1024:8.1f} KB")
    finally:
        if args.keep and not args.project:
            print(f"\nproject kept in {project}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
