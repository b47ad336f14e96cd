"""Relative links between site-relative directory URLs (the site works under any base path).

Links are written as <prefix back to the site root> + target: not always the shortest
path, but computed with one string multiplication, which matters on 100,000-article sites.
"""

from __future__ import annotations


def root_prefix(current: str) -> str:
    """'' for the home page, '../../' for 'topics/x/'."""
    return "../" * current.count("/")


def rel(target: str, current: str) -> str:
    """Link from the page at `current` (e.g. 'topics/x/') to `target` (e.g. 'articles/2024/y/')."""
    return (root_prefix(current) + target) or "./"
