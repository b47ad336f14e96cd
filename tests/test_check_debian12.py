"""scripts/check-debian12.sh (the README's set-up from scratch on a debootstrapped Debian 12)
is far too slow for the suite (4–6 minutes, root, the network); here only what costs nothing:
it parses, documents its steps and refuses what it does not know, before touching anything."""

from __future__ import annotations

import subprocess

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "check-debian12.sh"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=30)


def test_check_debian12_parses_and_explains_itself():
    assert subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True).returncode == 0
    usage = run("--help")
    assert usage.returncode == 0, usage.stderr
    for step in ("debootstrap", "bash scripts/build.sh", "bash scripts/setup.sh --with-admin",
                 ".venv/bin/mkdocs build --strict", "--mirror", "--keep"):
        assert step in usage.stdout, step


def test_check_debian12_refuses_unknown_options_before_doing_anything():
    wrong = run("--with-admin")
    assert wrong.returncode == 2 and "unknown option --with-admin" in wrong.stderr
