"""The five real seed clippings live in the repository (samples/seeds): a clone on GitHub or
GitLab has no ../shared beside it, so nothing may read from there."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT, SEEDS

# files that name the old location on purpose, to check that it is not needed
CHECKERS = {"tests/test_samples.py", "tests/test_setup_debian.py"}
OUTSIDE = re.compile(r"\.\./shared|[\"']shared[\"']\s*/|/work/shared")


def test_seeds_are_in_the_repository():
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(seeds) == 5, seeds
    assert SEEDS.is_relative_to(ROOT)
    tracked = subprocess.run(["git", "ls-files", "--", str(SEEDS)], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert sorted(p.rsplit("/", 1)[-1] for p in tracked) == seeds


def test_seed_copies_are_the_originals():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no shared seeds beside this clone to compare with")
    originals = sorted(shared.glob("*.txt"))
    assert [p.name for p in originals] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for original in originals:
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name


def test_nothing_reads_outside_the_repository():
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--",
                             "tests", "scripts", ".ci", ".github", ".gitlab-ci.yml", "README.md", "mkdocs.yml",
                             "pyproject.toml", "requirements.txt", ".pre-commit-config.yaml"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for rel in listed:
        path = ROOT / rel
        if rel in CHECKERS or not path.is_file() or path.suffix in {".png", ".jpg", ".gz"}:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
