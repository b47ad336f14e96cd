"""Bytes a reader's browser downloads to search: first query, second query, search page.

Builds a generated site (default 10,000 articles; the real `mkdocs build`), serves it with
the shipped nginx configuration (gzip, caching headers: scripts/deploy/nginx_conf.py), and
drives Debian's Chromium with an empty cache: open an article, type a query in the header
box, wait for the results; then a second query; then the search page with a filter. Every
response is counted with its transfer size (compressed bytes on the wire, headers
excluded), attributed to the step that caused it.

    python3 scripts/search_bandwidth.py                       # 10,000 articles, ~10 min
    python3 scripts/search_bandwidth.py --articles 2000
    python3 scripts/search_bandwidth.py --project /path/to/built/project
"""

from __future__ import annotations

import argparse
import importlib.util
import os
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

from govnews.synth import write_corpus  # noqa: E402

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


def measure(base: str, article: str, first: str, second: str) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    steps: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    current = ["open an article"]

    def count(response) -> None:
        try:
            size = response.request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a cancelled request has no sizes
            return
        steps[current[0]][kind_of(response.url)] += size

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.on("response", count)
        page.goto(base + article, wait_until="networkidle")
        box = page.locator("[data-gn-search-form=header] input[name=q]")
        quick = page.locator("[data-gn-quick] .md-search-result__list > li")

        current[0] = f"first query「{first}」(header box)"
        box.click()
        box.fill(first)
        quick.first.wait_for(timeout=60000)
        page.wait_for_load_state("networkidle")

        current[0] = f"second query「{second}」"
        box.fill(second)
        page.wait_for_function("q => document.querySelector('[data-gn-quick] h1 mark')?.textContent === q", arg=second,
                               timeout=60000)
        page.wait_for_load_state("networkidle")

        current[0] = f"search page「{first}」+ 地区=湖塘镇 (cached assets)"
        page.goto(base + "search/?q=" + quote(first) + "&town=" + quote("湖塘镇"), wait_until="networkidle")
        page.locator("[data-gn-results] > li").first.wait_for(timeout=60000)
        page.wait_for_load_state("networkidle")
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
            steps = measure(base, articles[len(articles) // 2] + "/", args.first, args.second)
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
