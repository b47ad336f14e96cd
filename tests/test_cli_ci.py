"""The CI files run what .ci/run exercises: the commands of the `check` job (MkDocs) and of the
`properdocs` job are executed here, as written in .github/workflows/ci.yml, against a copy of
the sample site; .gitlab-ci.yml runs the same commands; the nginx deploy command renders a
configuration nginx accepts."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shlex
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, make_project

GITHUB = ROOT / ".github" / "workflows" / "ci.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
# run by .ci/run itself (scripts/test.sh calls scripts/setup.sh --with-browser)
RUN_BY_CI_RUN = {"bash scripts/setup.sh --with-browser", "bash scripts/test.sh"}


def github_commands(job: str = "check") -> list[str]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    return [step["run"].strip() for step in workflow["jobs"][job]["steps"] if "run" in step]


def gitlab_commands(job: str = "check") -> list[str]:
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    return [line.strip() for line in pipeline[job]["script"]]


def local_argv(command: str) -> list[str]:
    """A CI command line for this test's interpreter: .venv/bin/<tool> is this environment's."""
    argv = shlex.split(command)
    tool = argv[0].removeprefix(".venv/bin/")
    if tool in ("python", "python3"):
        return [sys.executable, *argv[1:]]
    if tool == "govnews":
        return [sys.executable, "-m", "govnews.cli", *argv[1:]]
    if tool in ("mkdocs", "properdocs"):
        return [sys.executable, "-m", tool, *argv[1:]]
    raise AssertionError(f"unknown CI command: {command}")


def test_workflow_triggers_and_deploys_only_main():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check" and "refs/heads/main" in deploy["if"]
    assert "pull_request" in deploy["if"]
    upload = [s for s in workflow["jobs"]["check"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site" and "refs/heads/main" in upload[0]["if"]


def test_gitlab_runs_the_same_checks():
    assert gitlab_commands() == github_commands()
    assert gitlab_commands("check-properdocs") == github_commands("properdocs")
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    for job in ("deploy-server", "pages"):
        assert any("CI_DEFAULT_BRANCH" in rule["if"] for rule in pipeline[job]["rules"])


def test_every_ci_command_is_known_and_its_scripts_exist():
    for command in github_commands():
        for word in shlex.split(command):
            if word.startswith("scripts/"):
                assert (ROOT / word).is_file(), f"{command}: {word} missing"
    rest = [c for c in github_commands() if c not in RUN_BY_CI_RUN]
    # the tools of the virtual environment scripts/setup.sh makes (Debian's python3 has none)
    assert rest == [".venv/bin/govnews check", ".venv/bin/govnews audit --warn", ".venv/bin/mkdocs build --strict",
                    ".venv/bin/python scripts/linkcheck.py site"]


def test_a_second_job_builds_and_tests_with_properdocs():
    """Insurance against the engine's end: the site and the whole suite on ProperDocs too."""
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert workflow["jobs"]["properdocs"]["env"]["GOVNEWS_ENGINE"] == "properdocs"
    assert pipeline["check-properdocs"]["variables"]["GOVNEWS_ENGINE"] == "properdocs"
    assert github_commands("properdocs") == [
        "bash scripts/setup.sh --with-browser", ".venv/bin/properdocs build --strict -f mkdocs.yml",
        ".venv/bin/python scripts/linkcheck.py site", "bash scripts/test.sh"]
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nbash scripts/test.sh\n" in ci_run and "GOVNEWS_ENGINE=properdocs bash scripts/test.sh" in ci_run


@pytest.mark.parametrize("job", ["check", "properdocs"])
def test_job_commands_pass_on_the_sample_site(tmp_path, job):
    """Each job's own command lines, in order, in a copy of the repository's site."""
    proj = make_project(tmp_path / "repo", with_content=True)
    os.symlink(ROOT / "scripts", proj.root / "scripts")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1790000000")
    for command in github_commands(job):
        if command in RUN_BY_CI_RUN:
            continue
        result = subprocess.run(local_argv(command), cwd=proj.root, env=env, capture_output=True, text=True,
                                timeout=900)
        assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert (proj.site / "index.html").exists()


@pytest.mark.parametrize("standalone", [False, True])
def test_nginx_deploy_command_renders_a_config_nginx_accepts(tmp_path, standalone):
    site = tmp_path / "site"
    site.mkdir()
    # an inline script of the project's templates (Material's palette bootstrap; overrides/ has
    # none: its reading-aids script is a file) is hashed into the CSP; an editor's is not
    import material
    palette = os.path.join(os.path.dirname(material.__file__), "templates", "partials", "javascripts", "palette.html")
    with open(palette, encoding="utf-8") as fh:
        own = next(line.strip() for line in fh if line.strip().startswith("<script>"))
    (site / "index.html").write_text(f"<!doctype html><title>t</title>{own}<script>var a = 1;</script>",
                                     encoding="utf-8")
    prefix = tmp_path / "nginx"
    args = [sys.executable, str(ROOT / "scripts/deploy/nginx_conf.py"), "--site", str(site),
            "--root", "/srv/govnews/site", "--server-name", "news.example.gov.cn", "--listen", "127.0.0.1:8080"]
    if standalone:
        args += ["--standalone", str(prefix)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    conf = result.stdout
    assert "root /srv/govnews/site;" in conf and "@" not in conf.replace("@CSP", "")
    assert len(set(re.findall(r"'sha256-[^']+'", conf))) == 1 and "include govnews-headers.conf" not in conf
    foreign = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert foreign not in conf
    if not standalone:
        prefix.mkdir()
        (prefix / "tmp").mkdir()
        conf = (f"pid {prefix}/nginx.pid; error_log {prefix}/error.log; events {{}}\n"
                f"http {{ include /etc/nginx/mime.types; access_log off;\n{conf}\n}}\n")
    (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
    test = subprocess.run(["/usr/sbin/nginx", "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                           "-e", str(prefix / "error.log")], capture_output=True, text=True, timeout=60)
    assert test.returncode == 0, test.stderr


def test_both_pipelines_keep_the_build_cache():
    """Unchanged search shards are copied, not indexed again, only if CI keeps cache_dir."""
    from govnews.config.settings import Settings

    folder = Settings.__dataclass_fields__["cache_dir"].default
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    for job in ("check", "properdocs"):
        steps = workflow["jobs"][job]["steps"]
        cache = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@")]
        build = [i for i, s in enumerate(steps) if "build --strict" in s.get("run", "")]
        assert cache and build and cache[0] < build[0], job
        assert steps[cache[0]]["with"]["path"] == folder
        assert steps[cache[0]]["with"]["restore-keys"]   # a new run starts from the last one's
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert folder in pipeline["cache"]["paths"]
