"""What a reader pays to search: bytes and time on the search page, against the sample site.

For each site (a generated one, default 10,000 articles plus the sample's real articles and
the rare phrases of tests/synth.py, and this repository's sample site) it serves the build and,
in Debian's Chromium with an empty cache each time, for every query of a fixed set (QUERIES:
common words, rare phrases in 1-3 old articles, a phrase in no article, two words, a 发文字号,
a place name, a filter alone, a date-sorted query):

  bytes  opens /search/?q=QUERY and waits for the result line; counts every byte the server
         sent (the web worker's requests too) minus what a plain list page (/topics/) costs
         with an empty cache: the price of searching, not of the page; and the files fetched.
  time   the same, on a slow phone (CDP: 4x CPU throttle, 1.5 Mbit/s down, 100 ms RTT,
         390 px wide): from navigation to the result line, and its ratio to the sample site.

The server is a plain static one that sends files as they are (--server plain, the default,
as issue 29 measured) or the shipped nginx configuration with gzip (--server nginx).

    python3 scripts/search_reader_cost.py                        # 10,000 articles vs sample
    python3 scripts/search_reader_cost.py --articles 100000
    python3 scripts/search_reader_cost.py --project DIR          # an already built project (DIR/site)
    python3 scripts/search_reader_cost.py --json out.json

Targets (issue 29): every query <= 350 KB at 10,000 and <= 500 KB at 100,000 articles; slow-phone
time <= 1.25x the sample site's for every query at 10,000, <= 1.5x at 100,000.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from urllib.parse import quote

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def _bandwidth():
    spec = importlib.util.spec_from_file_location("search_bandwidth", os.path.join(ROOT, "scripts", "search_bandwidth.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bw = _bandwidth()
# (label, query string of /search/): the fixed set of issue 29
QUERIES = (
    ("营商环境 (common)", "q=" + quote("营商环境")),
    ("乡村振兴 (rare, 3 old)", "q=" + quote("乡村振兴")),
    ("安全生产 (rare, 3 old)", "q=" + quote("安全生产")),
    ("量子纠缠 (no article)", "q=" + quote("量子纠缠")),
    ("2018年安全生产 (two words)", "q=" + quote("2018年安全生产")),
    ("武政发〔2019〕1号 (发文字号)", "q=" + quote("武政发〔2019〕1号")),
    ("湖塘镇 (place name)", "q=" + quote("湖塘镇")),
    ("town=湖塘镇 (filter only)", "town=" + quote("湖塘镇")),
    ("营商环境 sort=date", "q=" + quote("营商环境") + "&sort=date"),
    ("乡村振兴 sort=date", "q=" + quote("乡村振兴") + "&sort=date"),
)
# a function, not an expression: the shipped CSP forbids eval
DONE = ("() => { const s = document.querySelector('[data-gn-status]'); "
        "return !!s && /找到|没有|共 /.test(s.textContent) && !/正在/.test(s.textContent); }")


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Files as they are (no compression); every response's body bytes go to `self.server.log`."""

    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **{".wasm": "application/wasm"})

    def do_GET(self):
        self._sent, self._code = 0, 0
        super().do_GET()
        with self.server.lock:
            self.server.log.append((self.path.split("?")[0], self._code, self._sent))

    def copyfile(self, source, outputfile):
        while chunk := source.read(1 << 16):
            outputfile.write(chunk)
            self._sent += len(chunk)

    def log_request(self, code="-", size="-"):
        self._code = int(code) if str(code).isdigit() else 0

    def log_message(self, *args):
        pass


class PlainLog:
    """The plain server's requests since the last read: (path, status, body bytes)."""

    def __init__(self, server):
        self.server = server

    def read(self) -> list[tuple[str, int, int]]:
        time.sleep(0.3)
        with self.server.lock:
            out, self.server.log[:] = list(self.server.log), []
        return out


def serve_plain(site: str):
    handler = functools.partial(_CountingHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.lock = threading.Lock()
    server.log = []
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build_sample(dest: str) -> str:
    for name in ("mkdocs.yml",):
        shutil.copy(os.path.join(ROOT, name), dest)
    for name in ("overrides", "docs"):
        shutil.copytree(os.path.join(ROOT, name), os.path.join(dest, name))
    bw.build(dest)
    return dest


def _bytes(log: "bw.AccessLog", kinds: dict | None = None) -> int:
    total = 0
    for path, _status, size in log.read():
        total += size
        if kinds is not None:
            kinds["#files"] = kinds.get("#files", 0) + 1
            kind = bw.kind_of(path)
            kinds[kind] = kinds.get(kind, 0) + size
    return total


def measure(site: str, tmp: str, queries, slow_runs: int = 1, server: str = "plain") -> dict:
    from playwright.sync_api import sync_playwright

    if server == "nginx":
        proc, base = bw.serve(site, os.path.join(tmp, "nginx"))
        log_path = os.path.join(tmp, "nginx", "access.log")
        new_log = lambda: bw.AccessLog(log_path)  # noqa: E731
    else:
        proc, base = serve_plain(site)
        new_log = lambda: PlainLog(proc)  # noqa: E731
    out: dict = {"bytes": {}, "files": {}, "slow_ms": {}, "status": {}, "kinds": {}}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=bw.CHROMIUM_ARGS)

            def cold_page(slow: bool):
                context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800} if slow else None)
                page = context.new_page()
                if slow:
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    cdp.send("Network.emulateNetworkConditions", {
                        "offline": False, "latency": 100, "downloadThroughput": 1.5e6 / 8,
                        "uploadThroughput": 0.75e6 / 8})
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                return context, page

            log = new_log()
            context, page = cold_page(False)
            page.goto(base + "topics/", wait_until="networkidle")
            list_kinds: dict = {}
            list_page = _bytes(log, list_kinds)
            list_kinds = range(list_kinds.pop("#files", 0))
            context.close()
            out["list_page"] = list_page
            list_files = out["list_files"] = len(list_kinds)
            for q, params in queries:
                context, page = cold_page(False)
                page.goto(base + "search/?" + params, wait_until="domcontentloaded")
                page.wait_for_function(DONE, timeout=120000)
                page.wait_for_load_state("networkidle")
                kinds: dict = {}
                out["bytes"][q] = _bytes(log, kinds) - list_page
                out["files"][q] = kinds.pop("#files", 0) - list_files
                out["kinds"][q] = kinds
                out["status"][q] = page.locator("[data-gn-status]").text_content()
                context.close()
            for q, params in queries if slow_runs else ():
                times = []
                for _ in range(slow_runs):
                    context, page = cold_page(True)
                    t = time.perf_counter()
                    page.goto(base + "search/?" + params, wait_until="commit", timeout=300000)
                    page.wait_for_function(DONE, timeout=300000, polling=50)
                    times.append((time.perf_counter() - t) * 1000)
                    context.close()
                    log.read()
                out["slow_ms"][q] = statistics.median(times)
            browser.close()
    finally:
        if server == "nginx":
            proc.terminate()
            proc.wait(timeout=10)
        else:
            proc.shutdown()
            proc.server_close()
    return out


def report(name: str, m: dict) -> None:
    print(f"\n{name}: list page {m['list_page'] / 1024:.1f} KB, {m['list_files']} files (subtracted)")
    for q, n in m["bytes"].items():
        slow = f"slow phone {m['slow_ms'][q] / 1000:6.2f} s" if q in m["slow_ms"] else ""
        print(f"  「{q}」 {n / 1024:8.1f} KB {m['files'][q]:5d} files  {slow}   {m['status'][q]}")
        parts = sorted(((k, v) for k, v in m["kinds"][q].items() if k != "page and site assets"), key=lambda kv: -kv[1])
        print("      " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in parts))


def table(big: dict, small: dict, label: str, kb_target: float, ratio_target: float) -> list[str]:
    """The issue's table: per query, bytes (and files) on each site, slow-phone times, their ratio."""
    rows = [f"| query | sample site | {label} | slow phone sample | slow phone {label} | ratio |",
            "|---|---|---|---|---|---|"]
    worst_kb, worst_ratio = 0.0, 0.0
    for q in big["bytes"]:
        kb = big["bytes"][q] / 1024
        worst_kb = max(worst_kb, kb)
        cells = [q, f"{small['bytes'][q] / 1024:.0f} KB, {small['files'][q]} files",
                 f"{kb:.0f} KB, {big['files'][q]} files" + (" **over**" if kb > kb_target else "")]
        if q in big["slow_ms"] and q in small["slow_ms"]:
            ratio = big["slow_ms"][q] / small["slow_ms"][q]
            worst_ratio = max(worst_ratio, ratio)
            cells += [f"{small['slow_ms'][q] / 1000:.1f} s", f"{big['slow_ms'][q] / 1000:.1f} s",
                      f"{ratio:.2f}×" + (" **over**" if ratio > ratio_target else "")]
        else:
            cells += ["", "", ""]
        rows.append("| " + " | ".join(cells) + " |")
    rows.append(f"\nworst query {worst_kb:.0f} KB (target <= {kb_target:.0f} KB)" +
                (f"; worst slow-phone ratio {worst_ratio:.2f}× (target <= {ratio_target}×)" if worst_ratio else ""))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--project", help="an already built project (its site/ is measured)")
    ap.add_argument("--sample-project", help="an already built sample project")
    ap.add_argument("--keep", action="store_true", help="keep the generated project")
    ap.add_argument("--slow-runs", type=int, default=1, help="slow-phone runs per query (median)")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--no-slow", action="store_true", help="bytes only (no slow-phone runs)")
    ap.add_argument("--server", choices=("plain", "nginx"), default="plain",
                    help="plain: files as they are (issue 29); nginx: the shipped configuration, gzip")
    ap.add_argument("--only", help="measure only the queries whose label contains this")
    args = ap.parse_args()

    queries = [q for q in QUERIES if not args.only or args.only in q[0]]
    tmp = tempfile.mkdtemp(prefix="govnews-reader-")
    try:
        project = args.project
        if not project:
            project = os.path.join(tmp, "project")
            os.makedirs(project)
            quality = _script("search_quality")
            quality.make_project(project, args.articles, args.seed, distinctive=10, documents=True)
            print(f"building {args.articles} articles …", flush=True)
            print(f"built in {bw.build(project):.0f} s", flush=True)
        sample = args.sample_project
        if not sample:
            sample = os.path.join(tmp, "sample")
            os.makedirs(sample)
            build_sample(sample)
        runs = 0 if args.no_slow else args.slow_runs
        big = measure(os.path.join(project, "site"), os.path.join(tmp, "m1"), queries, runs, args.server)
        small = measure(os.path.join(sample, "site"), os.path.join(tmp, "m2"), queries, runs, args.server)
        articles = sum(1 for _d, _s, f in os.walk(os.path.join(project, "site", "articles")) if "index.html" in f)
        report(f"generated site ({project}, {articles} articles)", big)
        report("sample site", small)
        large = articles > 30000
        label = f"{articles:,} articles"
        print(f"\nserver: {args.server}; bytes minus the list page /topics/, cold cache\n")
        print("\n".join(table(big, small, label, 500 if large else 350, 1.5 if large else 1.25)))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump({"generated": big, "sample": small, "server": args.server}, fh, ensure_ascii=False, indent=1)
    finally:
        if args.keep:
            print(f"projects kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
