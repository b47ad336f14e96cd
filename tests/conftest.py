"""Shared fixtures: real govnews projects in temp dirs, built by the real `mkdocs build`."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
# The engine the site is built with: MkDocs, or its maintained fork ProperDocs, which runs the
# same plugins from the same mkdocs.yml. GOVNEWS_ENGINE=properdocs runs the tests with it
# (CI does; README "engine exit plan").
ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("GOVNEWS_ENGINE", "mkdocs")

# CI runs the property tests with examples derived from each test's name: the same examples
# on every run, so CI's verdict does not depend on the draw (locally they stay random)
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
if ENGINE not in ENGINES:
    raise pytest.UsageError(f"GOVNEWS_ENGINE={ENGINE!r}: one of {', '.join(ENGINES)}")


def engine_command(command: str, engine: str = ENGINE) -> list[str]:
    """`python -m mkdocs build` or `serve`, or the same with ProperDocs (whose default config
    file is properdocs.yml: ours is named)."""
    cmd = [sys.executable, "-m", engine, command]
    return cmd + ["-f", "mkdocs.yml"] if engine == "properdocs" else cmd


# the five real clippings the sample content was imported from, kept in the repository
SEEDS = ROOT / "samples" / "seeds"


def pytest_collection_modifyitems(items):
    # tests marked slow (minutes: a whole pip install) start first, so that the other xdist
    # worker runs the rest of the suite meanwhile instead of waiting for them at the end
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@dataclass
class Project:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str) -> Path:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def article(self, rel: str, title: str = "标题", date: str = "2024-05-29", body: str = "正文。",
                **fields) -> Path:
        lines = ["---", f"title: {title}", f"date: {date}"]
        for key, value in fields.items():
            lines.append(f"{key}: {value}")
        lines += ["---", "", body, ""]
        return self.write(f"articles/{rel}", "\n".join(lines))

    def plugin_options(self, **options) -> None:
        """Set options of the govnews plugin in this project's mkdocs.yml."""
        cfg = self.root / "mkdocs.yml"
        text = cfg.read_text(encoding="utf-8")
        lines = "".join(f"\n      {key}: {value}" for key, value in options.items())
        assert "\n  - govnews\n" in text
        cfg.write_text(text.replace("\n  - govnews\n", f"\n  - govnews:{lines}\n", 1), encoding="utf-8")

    def build(self, strict: bool = True, extra: list[str] | None = None) -> subprocess.CompletedProcess:
        # not -q: MkDocs counts strict-mode warnings only at the levels it logs
        cmd = engine_command("build") + ["-d", str(self.site)]
        if strict:
            cmd.append("--strict")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1790000000")
        return subprocess.run(cmd + (extra or []), cwd=self.root, capture_output=True, text=True, env=env,
                              timeout=900)

    def govnews(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "govnews.cli", *args], cwd=self.root,
                              capture_output=True, text=True, timeout=600)

    def html(self, url: str) -> BeautifulSoup:
        path = self.site / url.strip("/") / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def differing_files(one: Path, two: Path) -> list[str]:
    """Paths (relative) of the files that are not byte-identical in two trees, or in one only."""
    def walk(cmp: filecmp.dircmp, prefix: str) -> list[str]:
        out = [prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out += [prefix + n for n in mismatch + errors]
        for name, sub in sorted(cmp.subdirs.items()):
            out += walk(sub, prefix + name + "/")
        return out
    return walk(filecmp.dircmp(one, two), "")


def published_samples() -> list[Path]:
    """The sample articles a build publishes: those whose date is not waiting for an editor
    (date_confirmed: false, catalog.py)."""
    return [p for p in sorted((ROOT / "docs" / "articles").rglob("*.md"))
            if "\ndate_confirmed: false\n" not in p.read_text(encoding="utf-8")]


def make_project(dest: Path, with_content: bool = False) -> Project:
    """A copy of this repository's site configuration; content only when asked."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "docs" / "_vocab", dest / "docs" / "_vocab")
    if with_content:
        for item in (ROOT / "docs").iterdir():
            if item.name == "_vocab":
                continue
            if item.is_dir():
                shutil.copytree(item, dest / "docs" / item.name)
            else:
                shutil.copy(item, dest / "docs" / item.name)
    return Project(dest)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "site-project")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Project:
    """The repository's own sample site, built once per test session."""
    proj = make_project(tmp_path_factory.mktemp("sample"), with_content=True)
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    return proj
