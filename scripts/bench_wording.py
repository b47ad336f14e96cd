"""Benchmark the wording check (wording.py) alone, in process, on a generated corpus.

Target: 10,000 articles in under 10 s (the whole `govnews check`: scripts/bench_check.py).
1 % of the articles get a wrong form, so findings are produced and counted. Usage:
    python3 scripts/bench_wording.py [N]        (default 2,000; the check is linear in N)
"""

from __future__ import annotations

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth: the generated corpus


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    from govnews.checks.wording import check_catalog
    from govnews.common.diagnostics import Problems
    from govnews.model.catalog import Article
    from govnews.model.vocab import load_vocabularies

    from synth import generate

    vocab_dir = os.path.join(ROOT, "docs", "_vocab")
    arts = []
    for i, (rel, text) in enumerate(generate(vocab_dir, n)):
        body = text.split("\n---\n", 1)[1]
        if i % 100 == 0:
            body += "\n\n截止目前，湖糖镇已座落多个项目。\n"
        arts.append(Article(src=rel, path=rel, title=f"第{i}篇", body=body, body_line=10))

    class Catalog:  # what check_catalog reads
        articles = arts

    start = time.perf_counter()
    problems = Problems()
    vocabs = load_vocabularies(vocab_dir, problems)
    loaded = time.perf_counter()
    check_catalog(Catalog, vocabs, vocab_dir, problems)
    done = time.perf_counter()
    chars = sum(len(a.body) for a in arts)
    print(f"wording check, {n} articles ({chars / 1e6:.1f} M characters): automaton+vocabularies "
          f"{loaded - start:.2f} s + check {done - loaded:.2f} s; {len(problems)} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
