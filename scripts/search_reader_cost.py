"""What a reader pays to search: bytes and time on the search page, against the sample site.

For each site (a generated one, default 10,000 articles, and this repository's sample site)
it serves the build with the shipped nginx configuration and, in Debian's Chromium with an
empty cache each time:

  bytes  opens /search/?q=QUERY and waits for the result count; counts every byte nginx sent
         (its access log: the web worker's requests too) minus what a plain list page
         (/topics/) costs with an empty cache: the price of searching, not of the page.
  time   the same, on a slow phone (CDP: 4x CPU throttle, 1.5 Mbit/s down, 100 ms RTT,
         390 px wide): from navigation to the result count, median over the queries.

    python3 scripts/search_reader_cost.py                        # 10,000 articles vs sample
    python3 scripts/search_reader_cost.py --articles 100000
    python3 scripts/search_reader_cost.py --project DIR          # an already built project (DIR/site)
    python3 scripts/search_reader_cost.py --json out.json

Targets (issue 16): bytes <= 350 KB at 10,000 and <= 500 KB at 100,000 articles, the worst query
within 1.5x; slow-phone time at 10,000 / sample site <= 1.25x.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from urllib.parse import quote

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def _bandwidth():
    spec = importlib.util.spec_from_file_location("search_bandwidth", os.path.join(ROOT, "scripts", "search_bandwidth.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bw = _bandwidth()
QUERIES = ("营商环境", "医保", "智能化改造", "疫情")
# a function, not an expression: the shipped CSP forbids eval
DONE = "() => { const s = document.querySelector('[data-gn-status]'); return !!s && /找到|没有/.test(s.textContent); }"


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
            kind = bw.kind_of(path)
            kinds[kind] = kinds.get(kind, 0) + size
    return total


def measure(site: str, tmp: str, queries: tuple[str, ...], slow_runs: int = 1) -> dict:
    from playwright.sync_api import sync_playwright

    proc, base = bw.serve(site, os.path.join(tmp, "nginx"))
    log_path = os.path.join(tmp, "nginx", "access.log")
    out: dict = {"bytes": {}, "slow_ms": {}, "status": {}, "kinds": {}}
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

            log = bw.AccessLog(log_path)
            context, page = cold_page(False)
            page.goto(base + "topics/", wait_until="networkidle")
            list_page = _bytes(log)
            context.close()
            out["list_page"] = list_page
            for q in queries:
                context, page = cold_page(False)
                page.goto(base + "search/?q=" + quote(q), wait_until="domcontentloaded")
                page.wait_for_function(DONE, timeout=120000)
                page.wait_for_load_state("networkidle")
                kinds: dict = {}
                out["bytes"][q] = _bytes(log, kinds) - list_page
                out["kinds"][q] = kinds
                out["status"][q] = page.locator("[data-gn-status]").text_content()
                context.close()
            for q in queries if slow_runs else ():
                times = []
                for _ in range(slow_runs):
                    context, page = cold_page(True)
                    t = time.perf_counter()
                    page.goto(base + "search/?q=" + quote(q), wait_until="commit", timeout=300000)
                    page.wait_for_function(DONE, timeout=300000, polling=50)
                    times.append((time.perf_counter() - t) * 1000)
                    context.close()
                    log.read()
                out["slow_ms"][q] = statistics.median(times)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return out


def report(name: str, m: dict) -> None:
    print(f"\n{name}: list page {m['list_page'] / 1024:.1f} KB (subtracted)")
    for q, n in m["bytes"].items():
        slow = f"slow phone {m['slow_ms'][q] / 1000:6.2f} s" if q in m["slow_ms"] else ""
        print(f"  「{q}」 {n / 1024:8.1f} KB   {slow}   {m['status'][q]}")
        parts = sorted(((k, v) for k, v in m["kinds"][q].items() if k != "page and site assets"), key=lambda kv: -kv[1])
        print("      " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in parts))
    slow = f", slow-phone median {statistics.median(m['slow_ms'].values()) / 1000:.2f} s" if m["slow_ms"] else ""
    print(f"  first query {first_bytes(m) / 1024:.1f} KB, worst {max(m['bytes'].values()) / 1024:.1f} KB{slow}")


def first_bytes(m: dict) -> int:
    return next(iter(m["bytes"].values()))


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
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="govnews-reader-")
    try:
        project = args.project
        if not project:
            project = os.path.join(tmp, "project")
            os.makedirs(project)
            bw.make_project(project, args.articles, args.seed)
            print(f"building {args.articles} articles …", flush=True)
            print(f"built in {bw.build(project):.0f} s", flush=True)
        sample = args.sample_project
        if not sample:
            sample = os.path.join(tmp, "sample")
            os.makedirs(sample)
            build_sample(sample)
        runs = 0 if args.no_slow else args.slow_runs
        big = measure(os.path.join(project, "site"), os.path.join(tmp, "m1"), QUERIES, runs)
        small = measure(os.path.join(sample, "site"), os.path.join(tmp, "m2"), QUERIES, runs)
        report(f"generated site ({project})", big)
        report("sample site", small)
        ratio = None
        if runs:
            ratio = statistics.median(big["slow_ms"].values()) / statistics.median(small["slow_ms"].values())
            print(f"\nslow-phone time, generated / sample: {ratio:.2f}x (target <= 1.25x)")
        print(f"first query {first_bytes(big) / 1024:.1f} KB; worst / first {max(big['bytes'].values()) / first_bytes(big):.2f}x "
              f"(target <= 1.5x)")
        if args.json:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump({"generated": big, "sample": small, "slow_ratio": ratio}, fh, ensure_ascii=False, indent=1)
    finally:
        if args.keep:
            print(f"projects kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
