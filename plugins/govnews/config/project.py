"""Read a govnews project's settings from mkdocs.yml without importing MkDocs (for the CLI).

The plugin's options go through the same schema as in a build (options.py), so `govnews check`
and `mkdocs build` agree on every option, search ones included.
"""

from __future__ import annotations

import os

import yaml

from govnews.config.options import settings_from_options
from govnews.config.settings import Settings


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/... and !ENV tags; the CLI needs none of their values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(config_file: str = "mkdocs.yml") -> dict:
    with open(config_file, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_TolerantLoader) or {}
    return data if isinstance(data, dict) else {}


def plugin_options(data: dict) -> dict | None:
    """The `- govnews:` options of mkdocs.yml (None for a bare `- govnews`)."""
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "govnews" in entry:
            return entry["govnews"]
    return None


def nav_paths(nav) -> list[str]:
    """Every page path named in mkdocs.yml's nav (nested lists of {title: path})."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in nav_paths(v)]
    if isinstance(nav, list):
        return [p for v in nav for p in nav_paths(v)]
    return []


def load_settings(config_file: str = "mkdocs.yml", **overrides) -> Settings:
    """Settings as a build of this mkdocs.yml would have them; ConfigError on bad options."""
    data = read_config(config_file)
    root = os.path.dirname(os.path.abspath(config_file))
    extra = data.get("extra") or {}
    site = {
        "site_name": data.get("site_name") or "",
        "site_url": data.get("site_url") or "",
        "site_description": data.get("site_description") or "",
        "site_author": data.get("site_author") or "",
        "site_extra": extra.get("govnews") if isinstance(extra, dict) else None,
        "nav": tuple(nav_paths(data.get("nav"))),
    }
    site.update(overrides)
    return settings_from_options(plugin_options(data), docs_dir=os.path.join(root, data.get("docs_dir") or "docs"),
                                 config_path=os.path.abspath(config_file), **site)
