"""The web editor at /admin/ (site/admin.py): its Decap CMS configuration is generated from the
declarations the build uses (in-process), and a real build puts it into the site, noindex,
outside the sitemap and the search index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from govnews.config.options import ConfigError, settings_from_options
from govnews.site import admin

from conftest import ROOT, make_project
from core_helpers import site_of

DEPARTMENT = {
    "departments.yml": "- name: 党政办\n  slug: dang-zheng-ban\n- name: 经发局\n  slug: jing-fa-ju\n"
                       "- name: 社会事业局\n  slug: she-hui-shi-ye-ju\n",
}
FACET = {"name": "department", "title": "部门", "vocabulary": "departments", "required": True}


def collections(site) -> dict[str, dict]:
    config = admin.cms_config(site.settings, site.vocabs)
    return {c["label"]: c for c in config["collections"]}


def fields(collection: dict) -> dict[str, dict]:
    return {f["name"]: f for f in collection["fields"]}


def test_a_facet_added_in_mkdocs_yml_is_a_field_with_its_vocabulary_as_choices(tmp_path):
    site = site_of(tmp_path, {}, {"facets": [FACET]}, vocab=DEPARTMENT)
    news = fields(collections(site)["新闻"])
    dep = news["department"]
    assert dep["widget"] == "select" and dep["label"] == "部门" and dep["required"] is True
    assert [o["value"] for o in dep["options"]] == ["党政办", "经发局", "社会事业局"]
    # every default facet with a vocabulary too, hierarchies indented by level
    towns = {o["value"]: o["label"] for o in news["town"]["options"]}
    assert towns["湖塘镇"] == "　　　湖塘镇" and towns["江苏省"] == "江苏省"
    assert news["topic"]["multiple"] is True and news["town"]["multiple"] is False
    # without the facet in mkdocs.yml there is no such field
    plain = site_of(tmp_path / "plain", {}, None, vocab=DEPARTMENT)
    assert "department" not in fields(collections(plain)["新闻"])


def test_required_fields_dates_switches_and_chinese_labels(tmp_path):
    site = site_of(tmp_path, {})
    news = fields(collections(site)["新闻"])
    assert news["title"]["required"] is True and news["title"]["label"] == "标题"
    # 发布日期: typed (or picked from a calendar) as parse_pub_date reads it, a year or month alone too
    assert news["date"]["widget"] == "govnews-date" and news["date"]["required"] is True
    assert news["date"]["pattern"] == admin.PUB_DATE_PATTERN
    assert news["draft"]["widget"] == "boolean" and news["draft"]["label"] == "草稿"
    assert news["date_confirmed"]["widget"] == "boolean" and news["date_confirmed"]["default"] is True
    # the reasoning for a date is a field (a web edit may not keep YAML comments), and the date's
    # hint says that a year or month alone is written in the file, never as a made-up 1st
    assert news["date_note"]["widget"] == "string" and news["date_note"]["label"] == "日期依据"
    assert "不要补一个 1 日" in news["date"]["hint"] and "2024-10" in news["date"]["hint"]
    assert news["summary"]["label"] == "摘要" and news["author"]["widget"] == "list"
    assert news["type"] == {"name": "type", "label": "类型", "widget": "hidden", "default": "新闻"}
    for name, field in news.items():   # every label is Chinese
        assert not field["label"].isascii(), name
    assert news["slug"]["pattern"][0] == "^([a-z0-9]+(-[a-z0-9]+)*)?$"


def test_policy_document_fields_only_for_type_policy_document(tmp_path):
    site = site_of(tmp_path, {})
    by_type = collections(site)
    assert list(by_type) == ["新闻", "政策解读", "通知公告", "政策文件"]   # types.yml, in its order
    doc = fields(by_type["政策文件"])
    assert doc["issuer"]["label"] == "发文机关" and doc["issuer"]["required"] is True
    assert doc["issuer"]["multiple"] is True and doc["issuer"]["min"] == 1
    assert doc["number"]["label"] == "发文字号" and doc["number"]["required"] is True
    assert doc["written"]["label"] == "成文日期" and doc["written"]["widget"] == "datetime"
    assert doc["status"]["label"] == "有效性" and doc["status"]["default"] == "有效"
    assert "有效" in [o["value"] for o in doc["status"]["options"]]
    assert {"index_no", "replaced_by", "expired", "subject"} <= set(doc)
    news = fields(by_type["新闻"])
    assert not {"issuer", "number", "written", "status", "subject", "index_no"} & set(news)
    # each type's collection lists that type's articles and puts new ones where `govnews new` does
    coll = by_type["政策文件"]
    assert coll["filter"] == {"field": "type", "value": "政策文件"}
    # <year of date>/<slug>: the year comes from the form's date (preSave in govnews-admin.js), not
    # Decap's {{year}}, which is today's when it cannot read the date (2023, 2024年10月)
    assert coll["folder"] == "docs/articles" and coll["path"] == "{{__govnews_year}}/{{slug}}"
    assert coll["public_folder"] == "../../images/uploads"   # relative: MkDocs finds the picture


def test_attachments_are_a_field_uploading_into_the_files_folder(tmp_path):
    """附件 is a form field (Decap ignores a media folder set inside an editor component), in every
    type's form, uploading into docs/files/uploads and linking relatively from <year>/<slug>.md."""
    site = site_of(tmp_path, {})
    for label, coll in collections(site).items():
        field = fields(coll)[admin.ATTACHMENTS_KEY]
        assert field["label"] == "附件" and field["widget"] == "list" and field["required"] is False, label
        upload, text = field["fields"]
        assert upload["widget"] == "file" and upload["media_folder"] == "/docs/files/uploads"
        assert upload["public_folder"] == "../../files/uploads"
        assert upload["media_library"]["config"]["max_file_size"] == admin.MAX_ATTACHMENT_BYTES
        assert text["name"] == "text" and not text["label"].isascii()
        body = fields(coll)["body"]
        assert body["editor_components"] == ["image"]   # no upload inside the body but pictures
        assert body["media_library"]["config"]["max_file_size"] == admin.MAX_PICTURE_BYTES


# what the form's date pattern and parse_pub_date (common/text.py) both accept; what the pattern refuses
DATES_OK = ["2023", "2023年", " 2023 ", "2024-10", "2024-3", "2024年10月", "2024年 3 月", "2024-05-29",
            "2024-5-9", "2024-05-29 10:30", "2024-05-29 9:05", "2024年5月29日", "2024年5月29日 10:30",
            "2024年5月29日10：30", "2024/5/29", "2024.05.29"]
DATES_BAD = ["", "24", "20231", "2024-13", "2024年13月", "2024-00", "2024-05-32", "2024-05-29 24:00",
             "2024-05-29 10:60", "2024/5", "2024.5", "五月", "2024-05-29T10:30:00Z", "May 2024", "1 日"]


def test_the_date_pattern_accepts_what_govnews_reads():
    import re

    from govnews.common.text import parse_pub_date

    pattern = re.compile(admin.PUB_DATE_PATTERN[0])
    for text in DATES_OK:
        assert pattern.search(text), text
        parse_pub_date(text)   # raises ValueError when govnews would not read it
    for text in DATES_BAD:
        assert not pattern.search(text), text
    # a day the calendar does not have is left to `govnews check`, which names it
    assert pattern.search("2024-02-30")
    with pytest.raises(ValueError):
        parse_pub_date("2024-02-30")


def test_backends_from_the_admin_option_group(tmp_path):
    site = site_of(tmp_path, {}, {"admin": {"backend": "gitlab", "repo": "wujin/news", "app_id": "abc123",
                                            "base_url": "https://git.example.gov.cn/", "branch": "master"}})
    config = admin.cms_config(site.settings, site.vocabs)
    assert config["backend"]["name"] == "gitlab" and config["backend"]["auth_type"] == "pkce"
    assert config["backend"]["api_root"] == "https://git.example.gov.cn/api/v4"
    assert config["backend"]["base_url"] == "https://git.example.gov.cn"
    assert config["backend"]["branch"] == "master" and config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    gitea = site_of(tmp_path / "g", {}, {"admin": {"backend": "gitea", "repo": "town/news", "app_id": "x",
                                                   "base_url": "https://code.example.gov.cn"}})
    assert admin.cms_config(gitea.settings, gitea.vocabs)["backend"]["api_root"] == "https://code.example.gov.cn/api/v1"
    local = site_of(tmp_path / "l", {}, {"admin": {"local_port": 9100, "editorial_workflow": False}})
    config = admin.cms_config(local.settings, local.vocabs)
    assert config["backend"]["name"] == "proxy" and config["backend"]["proxy_url"] == "http://127.0.0.1:9100/api/v1"
    assert "publish_mode" not in config


def test_bad_admin_options_are_messages(tmp_path):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  - govnews:\n      admin:\n        backend: gitlap\n"
                   "        repoo: a/b\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        settings_from_options({"admin": {"backend": "gitlap", "repoo": "a/b"}}, docs_dir=str(tmp_path),
                              config_path=str(cfg))
    text = "\n".join(err.value.messages)
    assert "mkdocs.yml:5: plugins.govnews.admin.backend「gitlap」应为 local、gitlab、gitea、github 之一" in text
    assert "（是否应为「gitlab」？）" in text
    assert "mkdocs.yml:6: plugins.govnews.admin.repoo: 未知选项（是否应为「repo」？）" in text
    with pytest.raises(ConfigError) as err:
        settings_from_options({"admin": {"backend": "gitlab", "local_port": "x"}}, docs_dir=str(tmp_path),
                              config_path=str(cfg))
    text = "\n".join(err.value.messages)
    assert "admin.repo 应写 git 仓库的“组/项目”" in text and "admin.app_id 应写 gitlab 中 OAuth 应用" in text
    assert "admin.local_port 应为整数" in text


def test_config_yml_is_deterministic_yaml(tmp_path):
    one = site_of(tmp_path / "a", {}, {"facets": [FACET]}, vocab=DEPARTMENT)
    two = site_of(tmp_path / "b", {}, {"facets": [FACET]}, vocab=DEPARTMENT)
    text = admin.config_yaml(one.settings, one.vocabs)
    assert text == admin.config_yaml(two.settings, two.vocabs).replace(str(tmp_path / "b"), str(tmp_path / "a"))
    assert yaml.safe_load(text) == admin.cms_config(one.settings, one.vocabs)
    assert text.startswith("# 网页编辑器（Decap CMS）的配置：由 govnews 根据 mkdocs.yml 与词表生成")


needs_bundle = pytest.mark.skipif(admin.find_bundle() is None and not os.environ.get("CI"), reason="Decap CMS not fetched (scripts/setup.sh --with-admin)")


@needs_bundle
def test_build_writes_admin_noindex_outside_sitemap_and_search(tmp_path):
    proj = make_project(tmp_path / "p")
    proj.article("2024/one.md", title="第一篇", town="湖塘镇", slug="one")
    proj.article("2024/two.md", title="第二篇", town="牛塘镇", slug="two")
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    out = proj.site / "admin"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<script src="decap-cms.js"></script>' in page and "<script>" not in page   # no inline script (CSP)
    assert (out / "decap-cms.js").stat().st_size > 1_000_000 and (out / "govnews-admin.js").is_file()
    assert (out / "js-yaml.min.js").is_file()   # govnews-frontmatter reads front matter with it
    assert not list((proj.site / "assets").rglob("govnews-admin.js"))   # only under /admin/
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["collections"][0]["label"] == "新闻"
    assert "/admin" not in (proj.site / "sitemap.xml").read_text(encoding="utf-8")
    entry = json.loads((proj.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 2   # the two articles only
    for html in proj.site.rglob("*.html"):   # linked from no public page
        if "admin" not in html.parts:
            assert "admin/" not in html.read_text(encoding="utf-8"), html
    # switched off: no /admin/
    proj.plugin_options(admin="{enabled: false}")
    shutil.rmtree(proj.site)
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert not (proj.site / "admin").exists()


def test_without_the_bundle_the_build_says_how_to_get_it(tmp_path):
    proj = make_project(tmp_path / "p")
    proj.article("2024/one.md", title="第一篇", slug="one")
    env_missing = str(tmp_path / "nowhere")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(proj.site)]
    result = subprocess.run(cmd, cwd=proj.root, capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, GOVNEWS_ADMIN_BUNDLE=env_missing, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr   # information, not a failure
    assert "网页编辑器 /admin/ 未生成" in result.stderr and "scripts/setup.sh --with-admin" in result.stderr
    assert not (proj.site / "admin").exists()


def test_setup_installs_the_pinned_versions():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name in ("decap-server", "js-yaml"):   # exact versions, as the lock has them
        assert package["dependencies"][name] == lock["packages"][f"node_modules/{name}"]["version"]
    bundle = package["govnews"]["adminBundle"]
    assert bundle["package"] == "decap-cms" and bundle["integrity"].startswith("sha512-")
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "npm ci --ignore-scripts" in setup and "bash scripts/admin_bundle.sh" in setup
    if admin.find_bundle() == admin.BUNDLE_DIR:
        installed = json.loads((ROOT / "vendor" / "decap-cms" / "package.json").read_text(encoding="utf-8"))
        assert installed["version"] == bundle["version"]


def _nginx_conf():
    import importlib.util

    spec = importlib.util.spec_from_file_location("nginx_conf_admin", ROOT / "scripts" / "deploy" / "nginx_conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_admin_has_its_own_csp_and_the_public_one_is_unchanged(tmp_path):
    nginx_conf = _nginx_conf()
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    settings_site = site_of(tmp_path / "p", {}, {"admin": {"backend": "gitlab", "repo": "wujin/news", "app_id": "a",
                                                           "base_url": "https://git.example.gov.cn"}})
    (site / "admin" / "config.yml").write_text(admin.config_yaml(settings_site.settings, settings_site.vocabs),
                                               encoding="utf-8")
    conf = nginx_conf.render(str(site), str(site))
    public = nginx_conf.content_security_policy([])
    assert "'unsafe-eval'" not in public and "git.example.gov.cn" not in public
    block = conf[conf.index("location ^~ /admin/ {"):]
    block = block[:block.index("\n    }\n")]
    admin_csp = nginx_conf.admin_content_security_policy(str(site))
    assert f'Content-Security-Policy "{admin_csp}"' in block and f'Content-Security-Policy "{public}"' not in block
    assert "connect-src 'self' blob: https://git.example.gov.cn;" in admin_csp and "frame-ancestors 'none'" in admin_csp
    assert 'X-Robots-Tag "noindex, nofollow"' in block and "default_type text/yaml;" in block
    before_admin = conf[:conf.index("location ^~ /admin/ {")]
    assert f'Content-Security-Policy "{public}"' in before_admin   # location / keeps the public policy


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin_project(tmp_path, commit: bool = True):
    """A project with one article for `govnews admin` (a git repository when `commit`): the
    project, the preview's port and the proxy's port."""
    proj = make_project(tmp_path / "p")
    proj.article("2024/one.md", title="第一篇", town="湖塘镇", slug="one")
    proxy_port, port = _free_port(), _free_port()
    proj.plugin_options(search="false", admin=f"{{local_port: {proxy_port}}}")
    if commit:
        _commit_all(proj)
    return proj, port, proxy_port


def _commit_all(proj) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=proj.root, env=env, check=True, capture_output=True)


def _stop_admin(proc, signum) -> str:
    """Send the signal; the command's stderr once it has ended (killed, and the test failed, when
    it does not end within 30 s: never left running)."""
    proc.send_signal(signum)
    try:
        return proc.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


def _assert_closed(*ports: int) -> None:
    import socket

    for p in ports:
        with socket.socket() as s, pytest.raises(OSError):
            s.connect(("127.0.0.1", p))


@needs_bundle
def test_govnews_admin_starts_the_local_proxy_and_the_preview(tmp_path):
    import signal
    import time
    import urllib.request

    proj, port, proxy_port = _admin_project(tmp_path, commit=False)
    not_git = proj.govnews("admin", "--port", str(port))
    assert not_git.returncode == 1 and "不是 git 仓库" in not_git.stderr
    _commit_all(proj)
    # started as a shell starts `govnews admin &` (and some CI runners start everything): with
    # SIGINT ignored, which the process and its children inherit
    proc = subprocess.Popen([sys.executable, "-m", "govnews.cli", "admin", "--port", str(port)], cwd=proj.root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        config = info = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (config is None or info is None):
            time.sleep(0.3)
            try:
                config = config or urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/config.yml", timeout=2).read()
                request = urllib.request.Request(f"http://127.0.0.1:{proxy_port}/api/v1", data=b'{"action":"info"}',
                                                 headers={"Content-Type": "application/json"})
                info = info or json.loads(urllib.request.urlopen(request, timeout=2).read())
            except OSError:
                continue
        assert config is not None and info is not None, proc.stderr.read() if proc.poll() is not None else "timeout"
        assert f"proxy_url: http://127.0.0.1:{proxy_port}/api/v1" in config.decode("utf-8")
        assert info["type"] == "local_git" and "editorial_workflow" in info["publish_modes"]
    finally:
        err = _stop_admin(proc, signal.SIGINT)
    assert proc.returncode == 0, err
    assert f"网页编辑器：http://127.0.0.1:{port}/admin/" in err
    _assert_closed(port, proxy_port)      # the preview and the proxy ended with it


@needs_bundle
def test_govnews_admin_ends_its_proxy_and_preview_on_sigterm(tmp_path):
    """A service manager or `kill` sends SIGTERM: the editor's two servers end with it."""
    import signal
    import socket
    import time
    import urllib.request

    proj, port, proxy_port = _admin_project(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "govnews.cli", "admin", "--port", str(port)], cwd=proj.root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        deadline, up = time.monotonic() + 60, False
        while time.monotonic() < deadline and not up and proc.poll() is None:
            time.sleep(0.3)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/config.yml", timeout=2).read()
                with socket.create_connection(("127.0.0.1", proxy_port), timeout=2):
                    up = True
            except OSError:
                continue
        assert up, proc.stderr.read() if proc.poll() is not None else "timeout"
    finally:
        err = _stop_admin(proc, signal.SIGTERM)
    assert proc.returncode == 0, err
    _assert_closed(port, proxy_port)


def test_a_bad_admin_option_fails_check_and_strict_build_with_a_message(tmp_path):
    proj = make_project(tmp_path / "p")
    proj.article("2024/one.md", title="第一篇", slug="one")
    proj.plugin_options(admin="{backend: gitlap, repo: wujin/news}")
    check = proj.govnews("check")
    assert check.returncode == 1 and "Traceback" not in check.stdout + check.stderr
    assert "plugins.govnews.admin.backend「gitlap」应为 local、gitlab、gitea、github 之一（是否应为「gitlab」？）" in check.stdout
    build = proj.build(strict=True)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "admin.backend「gitlap」" in build.stderr
