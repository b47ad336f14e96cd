"""Benchmark the PDF reader's layout analysis on crowded pages (issue 33: one page of 3,000
overlapping lines took minutes in pdfminer's grouping).

    python3 scripts/bench_pdf_layout.py [N]     # N lines per page, default 3,000

Two one-page PDFs, read in process with read_pdf: N lines 0.25 pt apart, each overlapping its
neighbours ("overlapping"), and N two-letter lines scattered over the page, each a text box of
its own ("scattered": under the 6,000-character cap that skipped the grouping before). Target:
each page in a few seconds; the work grows linearly with N (tests/test_security_bounds.py
counts it). Run against another checkout with PYTHONPATH=<checkout>/plugins.
"""

from __future__ import annotations

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # crowded_page, as the test makes it


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000
    from test_security_bounds import crowded_page

    from govnews.importer.readers.pdftext import read_pdf

    for overlap in (True, False):
        data = crowded_page(n, overlap)
        start = time.monotonic()
        text = read_pdf(data).text
        print(f"{'overlapping' if overlap else 'scattered'}: {n} lines, {len(data) // 1024} KB PDF: "
              f"{time.monotonic() - start:.2f} s ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
