"""Read a govnews project's settings from mkdocs.yml without importing MkDocs (for the CLI)."""

from __future__ import annotations

import os

import yaml

from .settings import Settings, facets_from_config


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/... and !ENV tags; the CLI needs none of their values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_settings(config_file: str = "mkdocs.yml", **overrides) -> Settings:
    with open(config_file, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_TolerantLoader) or {}
    root = os.path.dirname(os.path.abspath(config_file))
    docs_dir = os.path.join(root, data.get("docs_dir") or "docs")
    options: dict = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "govnews" in entry:
            options = entry["govnews"] or {}
    known = {"vocab_dir", "articles_dir", "permalink", "per_page", "home_latest"}
    kwargs = {k: v for k, v in options.items() if k in known}
    return Settings(
        docs_dir=docs_dir,
        facets=facets_from_config(options.get("facets")),
        site_name=data.get("site_name") or "",
        site_url=data.get("site_url") or "",
        **kwargs,
        **overrides,
    )


def load_site_extra(config_file: str = "mkdocs.yml") -> tuple[dict | None, str]:
    """(`extra: govnews:` mapping, site_description) of mkdocs.yml, for checks outside a build."""
    with open(config_file, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_TolerantLoader) or {}
    extra = data.get("extra") or {}
    return (extra.get("govnews") if isinstance(extra, dict) else None), data.get("site_description") or ""
