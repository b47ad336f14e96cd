"""An in-process site harness, as Hugo's integration tests: a project written from one string
of files, built by the real MkDocs in this process (no interpreter start, no plugin
re-import: about a second less per build than `Project.build`), its problems and pages read.

    site = build_files('''
    -- docs/articles/2024/a.md --
    ---
    title: 标题
    date: 2024-05-29
    ---
    正文。
    ''', tmp_path)
    assert site.ok and site.html("articles/2024/a/").h1

Files not given come from the repository's site configuration (mkdocs.yml, overrides/,
docs/_vocab/); a `-- mkdocs.yml --` section replaces it. The default for new feature tests;
the engine's own paths (the command line, ProperDocs, `-q`) keep their subprocess tests.
A build without a search index (the default here) takes about 1 s against 4–5 s.
"""

from __future__ import annotations

import logging
import os
import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from conftest import Project, make_project

_SECTION = re.compile(r"^-- (\S+) --[ \t]*$", re.M)


def parse_files(text: str) -> dict[str, str]:
    """`-- path --` sections → {path: content} (the txtar format of Hugo's and Go's tests)."""
    text = textwrap.dedent(text)
    parts = _SECTION.split(text)
    return {parts[i]: parts[i + 1].lstrip("\n") for i in range(1, len(parts), 2)}


@dataclass
class Built:
    project: Project
    ok: bool
    messages: list[str] = field(default_factory=list)   # what the build logged (warnings, errors)

    @property
    def site(self) -> Path:
        return self.project.site

    def html(self, url: str) -> BeautifulSoup:
        return self.project.html(url)

    def has(self, message: str) -> bool:
        return any(message in m for m in self.messages)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@contextmanager
def _inside(root: Path):
    """The build as the command line runs it: from the project folder, with a fixed clock."""
    cwd, epoch = os.getcwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.chdir(root)
    os.environ["SOURCE_DATE_EPOCH"] = "1790000000"
    try:
        yield
    finally:
        os.chdir(cwd)
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def build_project(project: Project, strict: bool = True) -> Built:
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    ok = True
    try:
        with _inside(project.root):
            config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(project.site), strict=strict)
            try:
                build(config)
            except (Abort, PluginError) as exc:
                collect.records.append(str(exc))
                ok = False
    finally:
        logger.removeHandler(collect)
    return Built(project, ok, collect.records)


def build_files(files: str, tmp_path: Path, strict: bool = True, search: bool = False) -> Built:
    """Build the project the files describe. Without `search` no Pagefind index is made
    (most of a small build's time); ask for it when the test reads the index."""
    project = make_project(tmp_path / "harness")
    if not search:
        project.plugin_options(search="false")
    for rel, content in parse_files(files).items():
        path = project.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return build_project(project, strict)
