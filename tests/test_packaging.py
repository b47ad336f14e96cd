"""The govnews package as pip builds it: a site installed from the wheel (not from this
checkout) must find every template, asset, vocabulary and word list the checkout has.
pyproject's package-data lists them by pattern, so a new kind of file (a .txt word list, a
folder of assets) is easy to forget; this compares the wheel with the tracked files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_the_wheel_holds_every_file_of_the_package(tmp_path):
    # built from a copy of the package's files: a build/ folder left in the checkout by an
    # earlier build would otherwise supply files the patterns miss
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "plugins/govnews"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    tracked = [p for p in tracked if (ROOT / p).is_file()]
    src = tmp_path / "src"
    for rel in tracked + ["pyproject.toml"]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("govnews-*.whl")
    in_wheel = {n for n in zipfile.ZipFile(wheel).namelist() if not n.split("/")[0].endswith(".dist-info")}
    wanted = {p.removeprefix("plugins/") for p in tracked}
    assert wanted - in_wheel == set(), "pyproject.toml [tool.setuptools.package-data] misses these"
    assert any(n.endswith(".html") for n in in_wheel) and any(n.endswith(".yml") for n in in_wheel)
