"""Importer throughput: N synthetic clipping pages (from the seeds, shuffled) and one big page.

    python3 scripts/import_bench.py [N]

Runs the real pipeline (read, clean, split, date, classify, render) without writing files
and prints pages/s and MB/s; the big page checks that time grows linearly with its size.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from govnews.common.diagnostics import Problems  # noqa: E402
from govnews.importer.pipeline import Options, import_file  # noqa: E402
from govnews.importer.text.classify import Classifier  # noqa: E402
from govnews.importer.text.mdbody import render_body  # noqa: E402
from govnews.model.vocab import load_vocabularies  # noqa: E402

SEEDS = ROOT / "samples" / "seeds"


def main(n: int) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    classifier = Classifier(load_vocabularies(str(ROOT / "docs" / "_vocab"), Problems()), "武进区")
    options = Options(year=2024, today=date(2025, 1, 1))
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n):
            p = Path(tmp) / f"page{i:05d}.txt"
            p.write_text("\n\n\n".join(rng.sample(seeds, 3)), encoding="utf-8")
            paths.append(p)
        size = sum(p.stat().st_size for p in paths)
        t0 = time.perf_counter()
        articles = 0
        for p in paths:
            result = import_file(str(p), classifier, options)
            assert not result.error, (p, result.error)
            for d in result.drafts:
                render_body(d)
            articles += len(result.drafts)
        dt = time.perf_counter() - t0
        print(f"{n} pages, {articles} articles, {size / 1e6:.1f} MB: {dt:.2f} s "
              f"({n / dt:.0f} pages/s, {size / 1e6 / dt:.2f} MB/s)")
        for copies in (50, 200):
            big = Path(tmp) / f"big{copies}.txt"
            big.write_text("\n\n\n".join(seeds * copies), encoding="utf-8")
            t0 = time.perf_counter()
            result = import_file(str(big), classifier, options)
            dt = time.perf_counter() - t0
            print(f"one page of {big.stat().st_size / 1e6:.1f} MB ({len(result.drafts)} articles): {dt:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
