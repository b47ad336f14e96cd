"""Relative links between site-relative directory URLs (the site works under any base path)."""

from __future__ import annotations

import posixpath


def rel(target: str, current: str) -> str:
    """Link from the page at `current` (e.g. 'topics/x/') to `target` (e.g. 'articles/2024/y/')."""
    base = "/" + current
    if not base.endswith("/"):
        base = posixpath.dirname(base) + "/"
    path = posixpath.relpath("/" + target, base)
    if target == "" or target.endswith("/"):
        path = "./" if path == "." else path + "/"
    return path
