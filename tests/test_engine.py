"""Insurance against the engine's end (README "engine exit plan"): the sample site built with
ProperDocs, the maintained fork of MkDocs 1.x, is byte for byte the MkDocs build apart from
the generator <meta> tag, and ProperDocs' strict builds refuse bad articles the same way.
The one Material template govnews copies (partials/header.html) is Material's own header of
the pinned release with one documented change."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
from pathlib import Path

import material

from conftest import ROOT, engine_command, make_project

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1790000000")


def build(root: Path, engine: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(engine_command("build", engine) + ["--strict", "-d", str(root / "site"), *args],
                          cwd=root, env=ENV, capture_output=True, text=True, timeout=900)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_sample_site_as_mkdocs_does(tmp_path):
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        proj = make_project(tmp_path / engine, with_content=True)
        result = build(proj.root, engine)
        assert result.returncode == 0, f"{engine}:\n{result.stderr[-4000:]}"
        sites[engine] = files(proj.site)
    mk, pd = sites["mkdocs"], sites["properdocs"]
    assert sorted(pd) == sorted(mk)
    generators = {GENERATOR.search(pd["index.html"]).group(1), GENERATOR.search(mk["index.html"]).group(1)}
    assert any(b"ProperDocs" in g for g in generators), generators   # really built by each engine
    differ = [rel for rel in mk if GENERATOR.sub(b"", mk[rel]) != GENERATOR.sub(b"", pd[rel])]
    assert differ == [], f"differ beyond the generator tag: {differ[:10]}"
    assert sum(mk[rel] != pd[rel] for rel in mk) > 0


def test_properdocs_strict_build_refuses_a_bad_article(project):
    project.article("2024/bad-town.md", title="地名写错", town="湖糖镇")
    result = build(project.root, "properdocs")
    assert result.returncode != 0
    assert "docs/articles/2024/bad-town.md:4: 未知地名「湖糖镇」（是否应为「湖塘镇」？）" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# -- the copied Material template -------------------------------------------------------------
MATERIAL_SEARCH = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""
GOVNEWS_SEARCH = """    {#- govnews: Material's search plugin is off; the box opens Pagefind search instead -#}
    {% include "partials/search.html" %}
"""
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def pinned(text: str, name: str) -> str:
    found = re.findall(rf"^\s*\"?{re.escape(name)}==([0-9][^\s\",#]*)", text, re.M)
    assert len(found) == 1, f"{name} is not pinned exactly once: {found}"
    return found[0]


def test_header_override_is_the_pinned_materials_header():
    version = pinned((ROOT / "requirements.txt").read_text(encoding="utf-8"), "mkdocs-material")
    assert pinned((ROOT / "pyproject.toml").read_text(encoding="utf-8"), "mkdocs-material") == version
    assert importlib.metadata.version("mkdocs-material") == version
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    assert f"Material {version}'s partials/header.html" in ours
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    assert MATERIAL_SEARCH in theirs, "Material's header changed: copy it again into overrides/"
    assert LEADING_COMMENT.sub("", ours) == LEADING_COMMENT.sub("", theirs).replace(MATERIAL_SEARCH, GOVNEWS_SEARCH)


def test_properdocs_is_pinned_and_installed():
    version = pinned((ROOT / "requirements.txt").read_text(encoding="utf-8"), "properdocs")
    assert importlib.metadata.version("properdocs") == version
