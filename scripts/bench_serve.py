#!/usr/bin/env python3
"""Preview latency: edit one article of N under `mkdocs serve`, time until the new page is served.

    python3 scripts/bench_serve.py --articles 5000            # mkdocs serve --dirty (recommended)
    python3 scripts/bench_serve.py --articles 5000 --full     # plain mkdocs serve: full rebuilds

Measures, after the initial build, the time from saving the edited file until both the
article page and its topic page serve the new title (so the index pages are correct too).
Runs only against 127.0.0.1 and stops the server itself.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))   # synth: the generated corpus

from synth import write_corpus  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - server busy rebuilding or not up yet
        return ""


def wait_for(predicate, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="plain `mkdocs serve` instead of --dirty")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="govnews-serve-"))
    proj = base / "site"
    proj.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", proj / "overrides")
    shutil.copytree(ROOT / "docs" / "_vocab", proj / "docs" / "_vocab")
    write_corpus(str(proj / "docs"), args.articles, seed=1)
    target = sorted((proj / "docs" / "articles").rglob("*.md"))[args.articles // 2]
    text = target.read_text(encoding="utf-8")
    year = target.parent.name
    url_path = f"articles/{year}/{target.stem}/"

    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    if not args.full:
        cmd.append("--dirty")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = open(base / "serve.log", "w")
    server = subprocess.Popen(cmd, cwd=proj, env=env, stdout=log, stderr=subprocess.STDOUT)
    root = f"http://127.0.0.1:{port}/"
    try:
        initial = wait_for(lambda: "gn-title" in fetch(root + url_path), timeout=900)
        if initial is None:
            raise SystemExit("initial build did not finish; see " + str(base / "serve.log"))
        month = re.search(r"^date: (\d{4})-(\d{2})", text, flags=re.M)
        index_url = f"{root}archive/{month.group(1)}/{month.group(2)}/"  # lists it on its first page
        times = []
        for i in range(args.edits):
            marker = f"编辑测试{i}号"
            new = re.sub(r'^title: "', f'title: "{marker}', text, count=1, flags=re.M)
            target.write_text(new, encoding="utf-8")
            start = time.perf_counter()
            page_ok = wait_for(lambda: marker in fetch(root + url_path), timeout=300)
            index_ok = wait_for(lambda: marker in fetch(index_url), timeout=300)
            elapsed = time.perf_counter() - start
            if page_ok is None or not index_ok:
                raise SystemExit(f"edit {i}: the change did not show up (page={page_ok}, index={index_ok})")
            times.append(elapsed)
            time.sleep(1.0)
        log.flush()
        builds = re.findall(r"Documentation built in ([\d.]+) seconds", (base / "serve.log").read_text())
        mode = "mkdocs serve" if args.full else "mkdocs serve --dirty"
        print(f"{mode}, {args.articles} articles: initial build {initial:.1f} s; "
              f"edit → article and archive page updated: median {statistics.median(times):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)}); MkDocs' own rebuild times: {', '.join(builds[1:])} s")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
