"""Benchmark the body sanitizer (checks/bodysafety.py) alone, in process: `scan` over the
Markdown bodies (what `govnews check` and every build run) and `clean_html` over the same
bodies rendered by Python-Markdown with the site's extensions (what every build runs on each
article page). 2 % of the articles get a table with aligned columns and a link with a query
(both reach the slower path), 0.5 % a script payload. Usage:
    python3 scripts/bench_bodysafety.py [N] [--module path/to/old_bodysafety.py]
(--module: time another version of the file, e.g. `git show <rev>:plugins/govnews/checks/bodysafety.py`)
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))   # synth: the generated corpus


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 2_000
    module_path = sys.argv[sys.argv.index("--module") + 1] if "--module" in sys.argv else None
    if module_path:
        spec = importlib.util.spec_from_file_location("bodysafety_other", module_path)
        bodysafety = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bodysafety)
    else:
        from govnews.checks import bodysafety
    import markdown

    from synth import generate

    bodies = []
    for i, (_rel, text) in enumerate(generate(os.path.join(ROOT, "docs", "_vocab"), n)):
        body = text.split("\n---\n", 1)[1]
        if i % 50 == 0:
            body += ("\n\n| 项目 | 金额 |\n|:---|---:|\n| 道路 | 120 |\n\n"
                     "[办事指南](https://www.example.gov.cn/bs?id=1&type=2)\n")
        if i % 200 == 7:
            body += "\n\n<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript>\n"
        bodies.append(body)
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])
    rendered = []
    for body in bodies:
        rendered.append(md.reset().convert(body))
    start = time.perf_counter()
    found = sum(len(bodysafety.scan(body, 10)) for body in bodies)
    scanned = time.perf_counter()
    removed = sum(len(bodysafety.clean_html(html)[1]) for html in rendered)
    cleaned = time.perf_counter()
    chars = sum(len(b) for b in bodies)
    print(f"bodysafety{' (' + module_path + ')' if module_path else ''}, {n} articles ({chars / 1e6:.1f} M chars): "
          f"scan {scanned - start:.3f} s ({found} findings), clean_html {cleaned - scanned:.3f} s "
          f"({removed} removals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
