"""Stable paths (docs/articles/<year>/<slug>.md) and safe writing.

Never overwrites unless --force. Re-importing a clipping finds the earlier files (same
slug stem in any year folder, same body or same title) and creates nothing new.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from frontmatter.default_handlers import YAMLHandler

from govnews.common import yamlio
from govnews.common.text import slugify
from govnews.importer.model import Draft
from govnews.importer.text.accounting import essence

SLUG_WORDS = 6
UNDATED = "undated"
_HANDLER = YAMLHandler()

NEW, SAME, CONFLICT = "new", "same", "conflict"


@dataclass
class Target:
    path: str
    slug: str
    status: str          # new | same (already imported) | conflict (same title, edited since)


def _read(path: str) -> tuple[dict, str]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        fm, body = _HANDLER.split(text)
        meta = yamlio.load(fm) or {}
        return (meta if isinstance(meta, dict) else {}), body
    except (OSError, ValueError, UnicodeDecodeError, Exception):
        return {}, ""


def plan(d: Draft, body: str, out_dir: str, planned: set[str]) -> Target:
    base = slugify(d.title_text, max_words=SLUG_WORDS)
    candidates = sorted(set(glob.glob(os.path.join(glob.escape(out_dir), "*", glob.escape(base) + ".md"))
                            + glob.glob(os.path.join(glob.escape(out_dir), "*", glob.escape(base) + "-[0-9]*.md"))))
    new_body = essence(body)
    same_title = None
    for path in candidates:
        if path in planned:
            continue
        meta, old_body = _read(path)
        slug = str(meta.get("slug") or os.path.splitext(os.path.basename(path))[0])
        if essence(old_body) == new_body:
            return Target(path, slug, SAME)
        if same_title is None and str(meta.get("title", "")).strip() == d.title_text:
            same_title = Target(path, slug, CONFLICT)
    if same_title is not None:
        return same_title
    year = str(d.date.value.year) if d.date.value else UNDATED
    k = 1
    while True:
        slug = base if k == 1 else f"{base}-{k}"
        path = os.path.join(out_dir, year, slug + ".md")
        if path not in planned and not os.path.exists(path):
            return Target(path, slug, NEW)
        k += 1


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)


def copy_files(files: dict[str, bytes], folder: str) -> None:
    """Write an article's pictures or attachments under their names, which hold a hash of
    their content: a file already there is the same."""
    for name, data in sorted(files.items()):
        dest = os.path.join(folder, name)
        if not os.path.exists(dest):
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest + ".tmp", "wb") as fh:
                fh.write(data)
            os.replace(dest + ".tmp", dest)
