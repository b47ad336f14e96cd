"""The README's two commands on a stock Debian 12: a fresh copy of the repository (nothing
beside it, no virtual environment), PATH=/usr/bin:/bin and Debian's own /usr/bin/python3,
which is externally managed (PEP 668) and must never be installed into. `bash
scripts/build.sh` makes .venv and builds; the tools the README names (mkdocs, govnews,
pre-commit) are reachable from .venv without activating it; `bash scripts/test.sh` runs
pytest from it. Slow (a whole `pip install -r requirements.txt`), so it is one test."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

DEBIAN_PYTHON = Path("/usr/bin/python3")
# what a login shell on a stock Debian has, plus the machine's pip settings (mirror, proxy)
PASSED_ON = ("HOME", "LANG", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")


def stock_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in PASSED_ON or k.startswith("PIP_")}
    env.setdefault("LANG", "C.UTF-8")
    env.update(PATH="/usr/bin:/bin", **extra)
    return env


def fresh_clone(dest: Path) -> Path:
    """The repository's files as a clone has them (tracked or to be committed, not ignored),
    committed in a new git repository: the working tree's code, without .venv or site/."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    env = stock_env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                    GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    for git in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "clone"]):
        subprocess.run(["git", *git], cwd=dest, env=env, check=True, capture_output=True)
    return dest


def run(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=stock_env(**extra), capture_output=True, text=True, timeout=1800)


@pytest.mark.slow
def test_readme_commands_work_with_debians_python(tmp_path):
    if not DEBIAN_PYTHON.exists() or not Path("/etc/debian_version").exists():
        pytest.skip("not a Debian machine with its own /usr/bin/python3")
    managed = run([str(DEBIAN_PYTHON), "-c", "import sysconfig, os; print(os.path.exists("
                   "os.path.join(sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED')))"], tmp_path)
    assert managed.stdout.strip() == "True", "Debian's python3 should be externally managed (PEP 668)"
    repo = fresh_clone(tmp_path / "govnews")
    assert not (repo.parent / "shared").exists()

    build = run(["bash", "scripts/build.sh"], repo)
    out = build.stdout + build.stderr
    assert build.returncode == 0, out[-6000:]
    assert "externally-managed-environment" not in out and "Traceback" not in out
    assert (repo / "site" / "index.html").is_file() and (repo / "site" / "pagefind").is_dir()
    # the environment is made from Debian's python3, and Debian's python3 got nothing
    cfg = (repo / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
    assert "home = /usr/bin" in cfg, cfg
    assert run([str(DEBIAN_PYTHON), "-c", "import mkdocs"], repo).returncode != 0
    assert run([str(DEBIAN_PYTHON), "-c", "import govnews"], repo).returncode != 0

    # the README's ways to reach the tools: .venv/bin/… directly, or after activating it
    for tool in (["mkdocs", "--version"], ["govnews", "check"], ["properdocs", "--version"]):
        direct = run([str(repo / ".venv" / "bin" / tool[0]), *tool[1:]], repo)
        assert direct.returncode == 0, f"{tool}: {direct.stdout}{direct.stderr}"
    activated = run(["bash", "-c", ". .venv/bin/activate && command -v mkdocs govnews pre-commit"], repo)
    assert activated.stdout.split() == [str(repo / ".venv" / "bin" / t) for t in ("mkdocs", "govnews", "pre-commit")]
    # the pre-commit hook finds govnews in .venv without an activated environment
    hook = run([str(repo / ".venv" / "bin" / "pre-commit"), "run", "--all-files"], repo,
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit"))
    assert hook.returncode == 0 and "Passed" in hook.stdout, hook.stdout + hook.stderr

    # set-up is idempotent: a second build reuses .venv
    assert (repo / ".venv" / ".govnews-requirements").is_file()
    again = run(["bash", "scripts/build.sh", "-q"], repo)
    assert again.returncode == 0, again.stderr[-3000:]
    # the README's test command: pytest from .venv, with what ../shared used to give
    tests = run(["bash", "scripts/test.sh", "-p", "no:cacheprovider", "-q", "tests/test_importer_seeds.py"], repo)
    assert tests.returncode == 0, (tests.stdout + tests.stderr)[-6000:]
    assert " passed" in tests.stdout and "failed" not in tests.stdout
    failing = run(["bash", "scripts/test.sh", "-q", "tests/test_importer_seeds.py", "-k", "no_such_test"], repo)
    assert failing.returncode == 5, "pytest's exit code (5: no tests ran) is test.sh's"
