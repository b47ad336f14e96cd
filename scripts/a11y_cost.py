"""What the 无障碍 reading aids cost a page view, in gzip bytes (as nginx sends them: level 5).

    .venv/bin/python scripts/a11y_cost.py site            # a built site

closed: what every page view pays while the reader never opens the toolbar — early.js (one
request, then revalidated) and the toolbar's markup in the page's HTML (the button, the help
links, the empty panel, the script tag). open: what opening it adds — toolbar.js,
toolbar.css and modes.css. Numbers for the MAINTAINERS notes.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import zlib


def gz(data: bytes) -> int:
    c = zlib.compressobj(5, zlib.DEFLATED, 31)   # gzip wrapper, nginx's gzip_comp_level 5
    return len(c.compress(data) + c.flush())


# the toolbar's markup in a page: the banner block, the script tag, the footer link
MARKUP = (re.compile(r'<script src="[^"]*a11y/early\.js"></script>'),
          re.compile(r'<div class="gn-a11y">.*?</div>\s*<div class="gn-a11y-panel"[^>]*></div>', re.S),
          re.compile(r'<p class="gn-gov-footer__links">.*?</p>', re.S))


def markup_cost(html: str) -> int:
    stripped = html
    for pattern in MARKUP:
        stripped, n = pattern.subn("", stripped)
        if not n:
            raise SystemExit(f"no {pattern.pattern!r} in the page: is it a govnews site with the reading aids?")
    return gz(html.encode("utf-8")) - gz(stripped.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="无障碍工具条的页面开销（gzip 字节）")
    parser.add_argument("site", help="构建好的站点目录")
    args = parser.parse_args(argv)
    a11y = os.path.join(args.site, "assets", "govnews", "a11y")
    if not os.path.isdir(a11y):
        print(f"{a11y} 不存在：请先构建站点", file=sys.stderr)
        return 1

    def size(name: str) -> tuple[int, int]:
        with open(os.path.join(a11y, name), "rb") as fh:
            data = fh.read()
        return len(data), gz(data)

    pages = [os.path.join(args.site, p) for p in ("index.html", "accessibility/index.html")]
    articles = sorted(os.path.join(d, "index.html") for d, _, names in os.walk(os.path.join(args.site, "articles"))
                      if "index.html" in names)
    pages += articles[:1]
    rows = []
    for path in pages:
        with open(path, encoding="utf-8") as fh:
            rows.append((os.path.relpath(path, args.site), markup_cost(fh.read())))
    early = size("early.js")
    lazy = {name: size(name) for name in ("toolbar.js", "toolbar.css", "modes.css")}
    print("closed (every page view):")
    print(f"  early.js                 {early[0]:6d} B raw  {early[1]:6d} B gzip (cached; revalidated)")
    for rel, cost in rows:
        print(f"  markup in {rel:<30} {cost:+6d} B gzip")
    print("open (added when the reader opens the toolbar, or has a setting on):")
    for name, (raw, packed) in lazy.items():
        print(f"  {name:<24} {raw:6d} B raw  {packed:6d} B gzip")
    total = sum(p for _, p in lazy.values())
    print(f"  total                    {sum(r for r, _ in lazy.values()):6d} B raw  {total:6d} B gzip")
    print("a setting on, toolbar closed: modes.css only "
          f"({lazy['modes.css'][1]} B gzip; toolbar.js too for 指读 or 十字线)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
