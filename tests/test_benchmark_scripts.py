"""Benchmark scripts still run against the code they measure (a smoke run, not a timing)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pagefind_cost_measures_the_records_a_build_would_send():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "pagefind_cost.py"), "--articles", "40",
                           "--runs", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    words = {m.group(1): int(m.group(2).replace(",", ""))
             for m in re.finditer(r"^(records as built|half of each body|repeated bigrams dropped) +([\d,]+) ",
                                  proc.stdout, re.M)}
    # the script finds each record's body (search/records.py's layout): the variants really differ
    assert words["records as built"] > words["repeated bigrams dropped"] > words["half of each body"] > 0
    assert re.search(r"^index +\d+ files .* level 9: ", proc.stdout, re.M)
    assert re.search(r"^fragment +40 files .* level 6: ", proc.stdout, re.M)
