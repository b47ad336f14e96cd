"""Benchmark `govnews check` on a generated corpus (default 10,000 articles; target < 10 s).

Every article gets links to two other articles, an image and an external link (1 % with
a missing anchor), so the link checks do real work.  Usage:  python3 scripts/bench_check.py [N]
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth: the generated corpus


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    from synth import generate

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(ROOT, "mkdocs.yml"), tmp)
        docs = os.path.join(tmp, "docs")
        shutil.copytree(os.path.join(ROOT, "docs", "_vocab"), os.path.join(docs, "_vocab"))
        os.makedirs(os.path.join(docs, "images"))
        open(os.path.join(docs, "images", "photo.jpg"), "wb").close()
        items = generate(os.path.join(docs, "_vocab"), n)
        for i, (rel, text) in enumerate(items):
            here = posixpath.dirname(rel)
            a, b = items[(i * 7 + 1) % n][0], items[(i * 13 + 5) % n][0]
            anchor = "#top" if i % 100 == 0 else ""  # 1 % of the articles link to a missing anchor
            extra = (f"\n\n相关：[上一篇]({posixpath.relpath(a, here)})、[下一篇]({posixpath.relpath(b, here)}{anchor})、"
                     f"[外链](https://www.gov.cn/)\n\n![现场]({posixpath.relpath('images/photo.jpg', here)})\n")
            path = os.path.join(docs, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text + extra)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "govnews.cli", "check"], cwd=tmp,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    # '#top' does not exist in generated articles: 1 % of them are reported, by design
    reported = result.stdout.count("\n")
    print(f"govnews check, {n} articles: {elapsed:.2f} s, exit {result.returncode}, {reported} problems reported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
