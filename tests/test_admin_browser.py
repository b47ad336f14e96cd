"""The web editor end to end, with the real parts: Decap CMS's own bundle served by the shipped
nginx (with /admin/'s own Content-Security-Policy), its local git proxy (decap-server, from
package-lock.json) on a temp git repository, Debian's Chromium. An article made with the form
is a commit whose file `govnews check` accepts; an edit of a sample article is measured
against the file as it was; no request leaves 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from govnews.common.text import slugify
from govnews.site import admin

from browser_support import PageLog, browser, free_port, new_page, screenshot, serve_with_nginx  # noqa: F401
from conftest import ROOT, Project, make_project

PROXY = ROOT / "node_modules" / ".bin" / "decap-server"
GIT_ENV = dict(os.environ, GIT_AUTHOR_NAME="编辑", GIT_AUTHOR_EMAIL="editor@example.gov.cn",
               GIT_COMMITTER_NAME="编辑", GIT_COMMITTER_EMAIL="editor@example.gov.cn")
EDITED = "docs/articles/2024/hu-tang-zhen-jia-qi-zheng.md"
NEWCOMER = ROOT / "test-output" / "admin-newcomer.json"

pytestmark = pytest.mark.skipif((admin.find_bundle() is None or not PROXY.exists()) and not os.environ.get("CI"),
                                reason="web editor not installed (bash scripts/setup.sh --with-admin)")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True,
                          text=True).stdout


@contextlib.contextmanager
def local_proxy(repo: Path, port: int):
    """decap-server in git mode: what `govnews admin` starts on an office PC."""
    env = dict(os.environ, MODE="git", PORT=str(port), BIND_HOST="127.0.0.1", GIT_REPO_DIRECTORY=str(repo),
               LOG_LEVEL="warn")
    proc = subprocess.Popen([str(PROXY)], cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        import socket
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            assert proc.poll() is None, proc.stdout.read().decode()
            time.sleep(0.1)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def served_sample(tmp_path_factory, name: str, options):
    """The sample site in a git repository, built with the plugin options `options(port)` gives
    (port: the local git proxy's), served by nginx, with the local git proxy."""
    root = tmp_path_factory.mktemp(f"admin-{name}") / "repo"
    proj = make_project(root, with_content=True)
    port = free_port()
    proj.plugin_options(**options(port))
    # decap-server's git mode commits the whole working tree: the project's .gitignore matters
    (root / ".gitignore").write_text((ROOT / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample site")
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    with contextlib.ExitStack() as stack:
        stack.enter_context(local_proxy(root, port))
        served = stack.enter_context(serve_with_nginx(proj.site, tmp_path_factory.mktemp(f"nginx-{name}")))
        yield proj, served


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """The sample site in a git repository, built, served by nginx, with the local git proxy."""
    yield from served_sample(tmp_path_factory, "e2e",
                             lambda port: {"admin": f"{{local_port: {port}, editorial_workflow: false}}"})


def open_editor(browser, served, log: PageLog, path: str):
    page = new_page(browser, log=log)
    page.goto(served.url("admin/"))
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("text=新闻", timeout=20000)
    page.goto(served.url("admin/") + path)
    page.wait_for_selector('[id^="title-field-"]', timeout=20000)
    return page


def choose(page, field: str, *values: str) -> None:
    box = page.locator(f'[id^="{field}-field-"]')
    for value in values:
        box.click()
        box.fill(value)
        page.keyboard.press("Enter")


def paste_html(page, html: str) -> None:
    """What pasting from Word/WPS/WeChat does: a paste event with text/html on the rich text editor."""
    editor = page.locator('[data-slate-editor="true"]').first
    editor.click()
    editor.evaluate("""(el, html) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', html.replace(/<[^>]+>/g, ''));
        // Chromium's paste reaches Slate as beforeinput/insertFromPaste
        el.dispatchEvent(new InputEvent('beforeinput', {inputType: 'insertFromPaste', dataTransfer: data,
                                                        bubbles: true, cancelable: true}));
    }""", html)


def exif_app1(orientation: int) -> bytes:
    """A JPEG APP1 Exif segment as a phone writes one: Orientation and a GPS position."""
    import struct
    ifd0 = struct.pack("<H", 2) + struct.pack("<HHII", 0x0112, 3, 1, orientation) \
        + struct.pack("<HHII", 0x8825, 4, 1, 38) + struct.pack("<I", 0)
    gps = struct.pack("<H", 2) + struct.pack("<HHI2s2x", 0x0001, 2, 2, b"N") \
        + struct.pack("<HHII", 0x0002, 5, 3, 68) + struct.pack("<I", 0) + struct.pack("<6I", 31, 1, 45, 1, 0, 1)
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd0 + gps
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def phone_photo(browser) -> bytes:
    """A 4000×3000 photo-like JPEG of 3–5 MB (a gradient, shapes and sensor-like noise, encoded by
    Chromium's own JPEG encoder in a separate page), with the Exif a phone writes: turned (Orientation
    6: shown 3000×4000) and a GPS position."""
    import base64

    page = browser.new_page()
    data = page.evaluate("""() => {
        const c = document.createElement('canvas'); c.width = 4000; c.height = 3000;
        const x = c.getContext('2d');
        const g = x.createLinearGradient(0, 0, 4000, 3000);
        g.addColorStop(0, '#3a6ea5'); g.addColorStop(0.5, '#e8d8a0'); g.addColorStop(1, '#2f5d2a');
        x.fillStyle = g; x.fillRect(0, 0, 4000, 3000);
        for (let i = 0; i < 60; i++) {
            x.fillStyle = `hsl(${i * 37 % 360}, 60%, ${30 + i % 40}%)`;
            x.beginPath(); x.arc((i * 733) % 4000, (i * 479) % 3000, 80 + (i * 53) % 300, 0, 7); x.fill();
        }
        const img = x.getImageData(0, 0, 4000, 3000), d = img.data;
        let seed = 7;
        for (let i = 0; i < d.length; i += 4) {
            seed = (seed * 1103515245 + 12345) >>> 0;
            const n = ((seed >>> 16) & 31) - 16;
            d[i] += n; d[i + 1] += n; d[i + 2] += n;
        }
        x.putImageData(img, 0, 0);
        return c.toDataURL('image/jpeg', 0.92);
    }""")
    page.close()
    jpeg = base64.b64decode(data.split(",", 1)[1])
    return jpeg[:2] + exif_app1(6) + jpeg[2:]


def jpeg_info(data: bytes) -> tuple[int, int, bool]:
    """(width, height, has Exif) of a baseline or progressive JPEG, read from its markers."""
    import struct
    assert data[:2] == b"\xff\xd8", data[:4]
    i, exif = 2, False
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker == 0xE1 and data[i + 4:i + 10] == b"Exif\x00\x00":
            exif = True
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height, exif
        i += 2 + length
    raise AssertionError("no SOF marker")


def upload_name(stem: str, data: bytes, ext: str) -> str:
    """The name the editor gives an upload (govnews-admin.js uploadName): the pinyin of a
    Chinese name, then the FNV-1a hash of the bytes, so only the same bytes share a name."""
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return f"{stem}-{h:08x}{ext}"


def uploaded(repo: Path, folder: str, stem: str, ext: str) -> str:
    """The one file of that stem in that folder of the repository, checked against its hash."""
    [path] = sorted((repo / folder).glob(f"{stem}-*{ext}"))
    assert path.name == upload_name(stem, path.read_bytes(), ext), path.name
    return f"{folder}/{path.name}"


def add_picture(page, tmp_path: Path, alt: str, photo: bytes) -> str:
    """正文 toolbar: 添加组件 → Image → 选择图片 → 上传. A picture the browser cannot read is refused
    with a note; a phone photo over 1 MB is shrunk before upload, with a note. Returns the notes."""
    broken = tmp_path / "huai-tu.jpg"
    broken.write_bytes(os.urandom(1024 * 1024 + 10))   # no picture a browser can redraw
    big = tmp_path / "现场.jpg"   # → xian-chang-<hash>.jpg (pinyin, as 网址)
    big.write_bytes(photo)
    page.locator('button[title="添加组件"]').click()
    page.get_by_role("menuitem", name="Image").click()
    page.get_by_role("button", name="选择图片").click()
    alerts: list[str] = []
    page.once("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))
    page.locator("input[type=file]").first.set_input_files(str(broken))
    page.wait_for_timeout(1500)
    assert alerts and "1048" in alerts[0], alerts   # Decap: 文件太大 (the limit in kB)
    notes = [page.locator("#gn-admin-note").inner_text()]
    page.locator("input[type=file]").first.set_input_files(str(big))
    page.locator("#gn-admin-note", has_text="已自动缩小").wait_for(timeout=30000)
    notes.append(page.locator("#gn-admin-note").inner_text())
    page.get_by_role("dialog").get_by_text(re.compile(r"^xian-chang-[0-9a-f]{8}\.jpg$")).first.wait_for(timeout=30000)
    page.get_by_role("button", name="选用已选中项目").click()
    page.locator('[id^="alt-field-"]').first.fill(alt)
    return "\n".join(notes)


def publish(page) -> None:
    """发布 → 立即发布 (without editorial_workflow: one commit on the branch)."""
    page.get_by_text("发布", exact=True).first.click()
    page.get_by_text("立即发布", exact=True).first.click()


def search_pages(proj: Project) -> int:
    entry = json.loads((proj.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


def committed_file(repo: Path, before: str) -> list[str]:
    return git(repo, "diff", "--name-only", f"{before}..HEAD").split()


def other_hosts(log: PageLog) -> list[str]:
    return sorted({u for u in log.requested if u.startswith(("http:", "https:", "ws:", "wss:"))
                   and not u.split("/")[2].startswith("127.0.0.1")})


def test_an_article_made_with_the_form_is_a_commit_govnews_check_accepts(editor_site, browser, tmp_path):
    proj, served = editor_site
    repo = proj.root
    photo = phone_photo(browser)
    assert 3 * 1024 * 1024 <= len(photo) <= 5 * 1024 * 1024, len(photo)
    before = git(repo, "rev-parse", "HEAD").strip()
    log = PageLog()
    started = time.monotonic()
    page = open_editor(browser, served, log, "#/collections/type-xinwen/new")
    opened = time.monotonic()
    title = "湖塘镇举办网页编辑器试用"
    page.locator('[id^="title-field-"]').fill(title)
    page.locator('[id^="date-field-"]').fill("2024-06-03 09:30")
    choose(page, "topic", "政务服务", "营商环境")
    choose(page, "town", "湖塘镇")
    paste_html(page, "<h2>试用情况</h2><p>镇便民服务中心的编辑在浏览器里写稿、保存，不用打开终端。</p>"
                     "<p>第二段：粘贴的段落保持为段落。</p>")
    notes = add_picture(page, tmp_path, "试用现场", photo)
    filled = time.monotonic()
    publish(page)   # 网址 left empty: named from the title's pinyin
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "HEAD").strip() == before:
        time.sleep(0.3)
    committed = time.monotonic()
    # the scripted newcomer's steps and seconds (handoff/30-MAINTAINERS.md quotes them)
    NEWCOMER.parent.mkdir(parents=True, exist_ok=True)
    NEWCOMER.write_text(json.dumps({
        "steps": ["打开 /admin/", "登录", "新建新闻", "标题", "日期", "专题（2 个）", "地区", "粘贴正文",
                  "插图：添加组件 → Image → 选择图片 → 上传（先被拒的坏图，再一张手机照片，自动缩小）→ 选用 → 图片说明",
                  "发布 → 立即发布"],
        "photo_bytes": len(photo), "uploaded_bytes": sum(p.stat().st_size for p in (repo / "docs/images/uploads").glob("xian-chang-*.jpg")),
        "open_and_login_s": round(opened - started, 2), "fill_form_s": round(filled - opened, 2),
        "publish_to_commit_s": round(committed - filled, 2), "total_s": round(committed - started, 2),
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    screenshot(page, "admin-new-article")
    slug = slugify(title)   # as `govnews new` names it: hu-tang-zhen-ju-ban-wang-ye-bian
    rel = f"docs/articles/2024/{slug}.md"
    picture = uploaded(repo, "docs/images/uploads", "xian-chang", ".jpg")
    assert sorted(committed_file(repo, before)) == [rel, picture], log.problems()
    name = picture.rsplit("/", 1)[1]
    # the phone photo, shrunk in the browser: under 1 MB, 1600 px on the long edge, turned as the
    # phone meant it (Exif orientation applied), no Exif (no GPS position) left in the file
    data = (repo / picture).read_bytes()
    assert len(data) <= admin.MAX_PICTURE_BYTES < len(photo)
    assert jpeg_info(data) == (1200, 1600, False), jpeg_info(data)
    assert "无法自动缩小（浏览器读不出这张图片）" in notes and "已自动缩小为 1200×1600 像素" in notes, notes
    text = (repo / rel).read_text(encoding="utf-8")
    assert text.startswith(f"---\ntitle: {title}\ndate: 2024-06-03 09:30\n")
    assert "topic: [政务服务, 营商环境]\n" in text and "town: 湖塘镇\ntype: 新闻\n" in text
    assert f"slug: {slug}\n" in text and "draft: false\n" in text
    assert "\n---\n\n## 试用情况\n\n镇便民服务中心的编辑在浏览器里写稿、保存，不用打开终端。\n\n第二段" in text
    assert f"![试用现场](../../images/uploads/{name})" in text   # relative: MkDocs resolves it
    check = subprocess.run([sys.executable, "-m", "govnews.cli", "check", rel],
                           cwd=repo, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert other_hosts(log) == []
    assert not [m for m in log.console if "Content Security Policy" in m], log.console
    page.context.close()

    # the next build publishes it on its town's and topics' pages and in search
    pages_before = search_pages(proj)
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    url = f"articles/2024/{slug}/"
    assert (proj.site / url / "index.html").is_file()
    built = (proj.site / url / "index.html").read_text(encoding="utf-8")
    assert f'src="../../../images/uploads/{name}"' in built and (proj.site / "images/uploads" / name).is_file()
    assert name not in result.stderr   # no missing-picture or picture-size warning
    linked = {p.relative_to(proj.site).parts[0] for p in proj.site.glob("t*/**/index.html")
              if url in p.read_text(encoding="utf-8")}
    assert {"towns", "topics"} <= linked, linked
    assert search_pages(proj) == pages_before + 1


def chart_png(width: int, height: int) -> bytes:
    """A bar chart as some tools save one: flat colours, hard edges, and no compression at all
    (zlib level 0), so a small picture is a large file."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    bars = [(0.1, 0.6, (200, 40, 40)), (0.35, 0.3, (40, 120, 200)), (0.6, 0.8, (60, 160, 60))]
    rows = []
    for y in range(height):
        row = bytearray(b"\xff\xff\xff" * width)
        for left, top, colour in bars:
            if y >= top * height:
                row[int(left * width) * 3:int((left + 0.2) * width) * 3] = bytes(colour) * (int((left + 0.2) * width) - int(left * width))
        if y == int(0.95 * height):
            row = bytearray(b"\x00\x00\x00" * width)
        rows.append(b"\x00" + bytes(row))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 0)) + chunk(b"IEND", b""))


def test_a_large_png_chart_stays_png_and_is_never_enlarged(editor_site, browser, tmp_path):
    """A 1200×900 chart saved uncompressed (3.2 MB): smaller than the long edge, so not resized
    (never enlarged), and kept as PNG (a JPEG would blur its edges), compressed under 1 MB. A GIF
    over 1 MB before it is refused, with the reason."""
    proj, served = editor_site
    repo = proj.root
    before = git(repo, "rev-parse", "HEAD").strip()
    chart = tmp_path / "统计图.png"
    chart.write_bytes(chart_png(1200, 900))
    assert chart.stat().st_size > 3 * 1024 * 1024
    log = PageLog()
    page = open_editor(browser, served, log, "#/collections/type-xinwen/new")
    page.locator('[id^="title-field-"]').fill("上半年重点项目进度统计")
    page.locator('[id^="date-field-"]').fill("2024-06-06")
    paste_html(page, "<p>上半年全镇重点项目进度见下图。</p>")
    page.locator('button[title="添加组件"]').click()
    page.get_by_role("menuitem", name="Image").click()
    page.get_by_role("button", name="选择图片").click()
    # an animated GIF over 1 MB cannot be redrawn without stopping it: refused, with the reason
    gif = tmp_path / "动图.gif"
    gif.write_bytes(b"GIF89a" + os.urandom(1024 * 1024))
    alerts: list[str] = []
    page.once("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))
    page.locator("input[type=file]").first.set_input_files(str(gif))
    page.locator("#gn-admin-note", has_text="GIF 动图缩小后就不会动了").wait_for(timeout=10000)
    page.wait_for_timeout(500)
    assert alerts and "1048" in alerts[0], alerts   # Decap: 文件太大
    page.locator("input[type=file]").first.set_input_files(str(chart))
    page.locator("#gn-admin-note", has_text="后上传").wait_for(timeout=30000)
    assert "（1200×900 像素），超过 1 MB，尺寸不变，已重新压缩为 " in page.locator("#gn-admin-note").inner_text()
    assert "（PNG）" in page.locator("#gn-admin-note").inner_text()
    page.get_by_role("dialog").get_by_text(re.compile(r"^tong-ji-tu-[0-9a-f]{8}\.png$")).first.wait_for(timeout=30000)
    page.get_by_role("button", name="选用已选中项目").click()
    page.locator('[id^="alt-field-"]').first.fill("上半年重点项目进度柱状图")
    publish(page)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "HEAD").strip() == before:
        time.sleep(0.3)
    rel = "docs/articles/2024/" + slugify("上半年重点项目进度统计") + ".md"
    picture = uploaded(repo, "docs/images/uploads", "tong-ji-tu", ".png")
    assert sorted(committed_file(repo, before)) == [rel, picture], log.problems()
    data = (repo / picture).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) <= admin.MAX_PICTURE_BYTES
    import struct
    assert struct.unpack(">II", data[16:24]) == (1200, 900)
    assert f"![上半年重点项目进度柱状图](../../{picture.removeprefix('docs/')})" in (repo / rel).read_text(encoding="utf-8")
    page.context.close()


def test_an_unknown_choice_or_a_missing_title_cannot_be_saved(editor_site, browser):
    proj, served = editor_site
    repo = proj.root
    before = git(repo, "rev-parse", "HEAD").strip()
    log = PageLog()
    page = open_editor(browser, served, log, "#/collections/type-xinwen/new")
    page.locator('[id^="date-field-"]').fill("2024-06-05 10:00")
    choose(page, "town", "湖糖镇")          # not in places.yml (a typo): nothing can be chosen
    page.locator('[id^="slug-field-"]').fill("No Title!")   # not a slug either
    publish(page)
    page.wait_for_timeout(1500)
    assert git(repo, "rev-parse", "HEAD").strip() == before   # refused: no title, bad slug
    screenshot(page, "admin-refused")
    page.locator('[id^="title-field-"]').fill("有标题的文章")
    slug_box = page.locator('[id^="slug-field-"]')
    slug_box.fill("")   # (Decap's controlled input: fill() alone appends to the refused text)
    slug_box.fill("you-biao-ti")
    publish(page)
    screenshot(page, "admin-refused-then-fixed")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "HEAD").strip() == before:
        time.sleep(0.3)
    assert committed_file(repo, before) == ["docs/articles/2024/you-biao-ti.md"]
    text = (repo / "docs/articles/2024/you-biao-ti.md").read_text(encoding="utf-8")
    assert "title: 有标题的文章\n" in text and "town:" not in text and "湖糖镇" not in text
    page.context.close()


def test_editing_a_sample_article_changes_only_what_was_edited(editor_site, browser):
    proj, served = editor_site
    repo = proj.root
    before = git(repo, "rev-parse", "HEAD").strip()
    original = (repo / EDITED).read_text(encoding="utf-8")
    log = PageLog()
    page = open_editor(browser, served, log, "#/collections/type-xinwen/entries/2024/hu-tang-zhen-jia-qi-zheng")
    # the preview: the site's stylesheets, the header as the article page prints it (byline, chips)
    preview = page.frame_locator("iframe").first
    header = preview.locator("header.gn-article-header")
    header.wait_for(timeout=20000)
    assert "2024年5月29日" in header.inner_text() and "记者 何晓丹" in header.inner_text()
    assert preview.locator(".gn-chips .gn-chip").all_inner_texts() == ["营商环境", "政务服务"]
    assert any("/assets/stylesheets/main." in u for u in log.requested)
    screenshot(page, "admin-edit-preview")
    page.locator('[id^="summary-field-"]').fill("湖塘镇推出两个重点服务项目。")
    publish(page)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "HEAD").strip() == before:
        time.sleep(0.3)
    assert committed_file(repo, before) == [EDITED]
    edited = (repo / EDITED).read_text(encoding="utf-8")
    # the one line the form changed, and nothing else: comments (why the date is what it is),
    # unknown keys (source), key order, [a, b] lists and the body stay as they were written
    head, _, body = original.partition("\n---\n")
    assert "# 日期：原文未注明" in head and "topic: [营商环境, 政务服务]" in head and "source: 武进日报" in head
    assert edited == head + "\nsummary: 湖塘镇推出两个重点服务项目。\n---\n" + body
    assert other_hosts(log) == []
    page.context.close()


YEAR_ONLY = "docs/articles/2023/niu-tang-zhen-shang-xian-zheng.md"   # date: 2023, YAML comments


def test_a_year_only_date_survives_an_edit_of_the_title(editor_site, browser):
    """A sample article known only to its year (date: 2023, its reasoning in date_note and YAML
    comments): the form shows 2023 and 日期依据; changing only the title changes only that line."""
    proj, served = editor_site
    repo = proj.root
    before = git(repo, "rev-parse", "HEAD").strip()
    original = (repo / YEAR_ONLY).read_text(encoding="utf-8")
    assert "\ndate: 2023\n" in original and "\n# 所解读的政策" in original
    log = PageLog()
    page = open_editor(browser, served, log, "#/collections/type-zhengce-jiedu/entries/2023/niu-tang-zhen-shang-xian-zheng")
    assert page.locator('[id^="date-field-"]').input_value() == "2023"
    assert page.locator('[id^="date-field-"] + input[type="datetime-local"]').input_value() == ""   # no day to show
    assert page.locator('[id^="date_note-field-"]').input_value().startswith("原文未注明日期。")
    header = page.frame_locator("iframe").first.locator("header.gn-article-header")
    header.wait_for(timeout=20000)
    assert "2023年" in header.inner_text() and "2023年1月" not in header.inner_text()
    title = page.locator('[id^="title-field-"]')
    title.fill("")
    title.fill("牛塘镇上线“政风热线”节目")
    publish(page)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "HEAD").strip() == before:
        time.sleep(0.3)
    assert committed_file(repo, before) == [YEAR_ONLY]
    edited = (repo / YEAR_ONLY).read_text(encoding="utf-8")
    assert edited == original.replace("title: 牛塘镇上线“政风热线”\n", "title: 牛塘镇上线“政风热线”节目\n", 1)
    assert edited != original
    assert other_hosts(log) == []
    page.context.close()


def test_an_article_known_to_its_month_is_made_with_the_form(editor_site, browser):
    """date 2024-10 typed in the form (a day that is not known is not made up): an impossible
    month is refused first; the file says date: 2024-10 with its 日期依据, lies in the 2024
    folder, `govnews check` accepts it and the page shows 2024年10月."""
    proj, served = editor_site
    repo = proj.root
    before = git(repo, "rev-parse", "HEAD").strip()
    log = PageLog()
    page = open_editor(browser, served, log, "#/collections/type-xinwen/new")
    title = "牛塘镇秋季征兵工作启动"
    page.locator('[id^="title-field-"]').fill(title)
    date = page.locator('[id^="date-field-"]')
    date.fill("2024-13")
    page.locator('[id^="date_note-field-"]').fill("原文只写“10月”，同版报头为2024年")
    choose(page, "town", "牛塘镇")
    paste_html(page, "<p>牛塘镇秋季征兵工作近日启动，适龄青年可到镇人武部咨询。</p>")
    publish(page)
    error = page.get_by_text(admin.PUB_DATE_PATTERN[1])   # the pattern's message (the hint says other words)
    error.first.wait_for(timeout=10000)
    page.wait_for_timeout(1000)
    assert git(repo, "rev-parse", "HEAD").strip() == before
    date.fill("")
    date.fill("2024-10")
    expect(error).to_have_count(0)   # the message goes with the wrong date
    publish(page)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "HEAD").strip() == before:
        time.sleep(0.3)
    slug = slugify(title)
    rel = f"docs/articles/2024/{slug}.md"   # the date's year, not this year's folder
    assert committed_file(repo, before) == [rel], log.problems()
    text = (repo / rel).read_text(encoding="utf-8")
    assert text.startswith(f"---\ntitle: {title}\ndate: 2024-10\n"), text
    assert "date_note: 原文只写“10月”，同版报头为2024年\n" in text and "__govnews" not in text
    check = subprocess.run([sys.executable, "-m", "govnews.cli", "check", rel], cwd=repo, capture_output=True,
                           text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "日期只写到月（2024年10月）" in check.stdout + check.stderr
    page.context.close()
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    built = (proj.site / "articles" / "2024" / slug / "index.html").read_text(encoding="utf-8")
    assert "2024年10月" in built and "2024年10月1日" not in built and "2024-10-01" not in built


@pytest.fixture(scope="module")
def workflow_site(tmp_path_factory):
    """As editor_site, with the editorial workflow (the default): each article on its own branch."""
    yield from served_sample(tmp_path_factory, "workflow",
                             lambda port: {"search": "false", "admin": f"{{local_port: {port}}}"})


def set_status(page, now: str, new: str) -> None:
    page.get_by_text(f"状态: {now}", exact=True).first.click()
    page.get_by_text(new, exact=True).first.click()
    page.get_by_text(f"状态: {new}", exact=True).first.wait_for(timeout=20000)


def test_editorial_workflow_draft_review_publish(workflow_site, browser, tmp_path):
    """草稿 → 审核中 → 就绪 → 发布: a branch per article (a merge request on GitLab/Gitea), merged
    into the site's branch only when it is published. A policy document with its 附件."""
    proj, served = workflow_site
    repo = proj.root
    main_before = git(repo, "rev-parse", "main").strip()
    log = PageLog()
    page = open_editor(browser, served, log, "#/collections/type-zhengce-wenjian/new")
    title = "关于试用网页编辑器的通知"
    page.locator('[id^="title-field-"]').fill(title)
    # the calendar beside 发布日期 (a full date still gets a date picker)
    page.locator('[id^="date-field-"] + input[type="datetime-local"]').fill("2024-06-04T08:00")
    assert page.locator('[id^="date-field-"]').input_value() == "2024-06-04 08:00"
    page.locator('[id^="number-field-"]').fill("武政办发〔2024〕99号")
    choose(page, "issuer", "武进区人民政府")   # an alias: the vocabulary's full name is chosen
    attachment = tmp_path / "申报表.pdf"   # named as on the editor's computer
    attachment.write_bytes(b"%PDF-1.4\n% test\n%%EOF\n")
    second = tmp_path / "承诺书.docx"
    second.write_bytes(b"PK\x03\x04 test")
    revised = tmp_path / "修订" / "申报表.pdf"   # another file of the same name: never replaces the first
    revised.parent.mkdir()
    revised.write_bytes(b"%PDF-1.4\n% revised\n%%EOF\n")
    names = [upload_name(stem, path.read_bytes(), ext) for stem, path, ext in
             (("shen-bao-biao", attachment, ".pdf"), ("cheng-nuo-shu", second, ".docx"), ("shen-bao-biao", revised, ".pdf"))]
    assert len(set(names)) == 3
    pdf, docx_name, pdf2 = names
    # (a body of only an attachment link is what `govnews check` warns about: text first)
    paste_html(page, "<p>各镇（街道）：现将网页编辑器试用安排通知如下，请按附件填写申报表。</p>")
    # 附件: the form's own field (its media folder is files/uploads), linked from the body on save
    # (a Chinese file name becomes its pinyin: Decap would keep only ".pdf" of 申报表.pdf)
    program = tmp_path / "安装程序.exe"
    program.write_bytes(b"MZ" + b"\x00" * 64)
    for upload, shown in ((attachment, pdf), (second, docx_name), (revised, pdf2)):
        page.get_by_role("button", name="新增附件").click()
        page.get_by_role("button", name="选择文件").last.click()
        if upload is attachment:
            # a file of no attachment type is not uploaded, and the editor is told which types are
            page.locator("input[type=file]").first.set_input_files(str(program))
            page.locator("#gn-admin-note", has_text="「安装程序.exe」不是附件类型，没有上传").wait_for(timeout=10000)
            assert ".pdf .doc .docx" in page.locator("#gn-admin-note").inner_text()
        page.locator("input[type=file]").first.set_input_files(str(upload))
        page.get_by_role("dialog").get_by_text(shown).first.wait_for(timeout=10000)
        page.get_by_role("button", name="选用已选中项目").click()
    page.locator('[id^="text-field-"]').first.fill("附件1：申报表")   # the others: their files' own names
    page.get_by_role("button", name="保存").first.click()
    page.get_by_text("状态: 草稿", exact=True).first.wait_for(timeout=20000)
    slug = slugify(title)
    branch = f"cms/type-zhengce-wenjian/2024/{slug}"
    assert branch in git(repo, "branch", "--list", branch)
    assert git(repo, "rev-parse", "main").strip() == main_before   # nothing published yet
    rel = f"docs/articles/2024/{slug}.md"
    text = git(repo, "show", f"{branch}:{rel}")
    assert "type: 政策文件\n" in text and "issuer: [常州市武进区人民政府]\n" in text and "number: 武政办发〔2024〕99号" in text
    # the link is the body's last paragraph, once; the form-only keys are not in the file
    links = (f"[附件1：申报表](../../files/uploads/{pdf})\n\n[承诺书](../../files/uploads/{docx_name})\n\n"
             f"[申报表](../../files/uploads/{pdf2})\n")
    assert text.endswith("请按附件填写申报表。\n\n" + links), text
    assert "__govnews" not in text
    # saved again (a summary added): the attachment stays linked once
    page.locator('[id^="summary-field-"]').fill("网页编辑器试用安排。")
    page.get_by_role("button", name="保存").first.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "summary:" not in git(repo, "show", f"{branch}:{rel}"):
        time.sleep(0.3)
    text = git(repo, "show", f"{branch}:{rel}")
    assert "summary: 网页编辑器试用安排。\n" in text and text.count(pdf) == 1, text
    assert text.endswith(links), text   # the rich text editor kept them
    assert git(repo, "config", f"branch.{branch}.description").strip() == "decap-cms/draft"
    set_status(page, "草稿", "审核中")
    assert git(repo, "config", f"branch.{branch}.description").strip() == "decap-cms/pending_review"
    set_status(page, "审核中", "就绪")
    page.on("dialog", lambda dialog: dialog.accept())   # 确定要发布？
    page.get_by_text("发布", exact=True).first.click()
    page.get_by_text("立即发布", exact=True).first.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and git(repo, "rev-parse", "main").strip() == main_before:
        time.sleep(0.3)
    changed = git(repo, "diff", "--name-only", f"{main_before}..main").split()
    assert sorted(changed) == sorted(["docs/articles/2024/" + slug + ".md"] + [f"docs/files/uploads/{n}" for n in names])
    for n, path in zip(names, (attachment, second, revised)):
        assert (repo / "docs/files/uploads" / n).read_bytes() == path.read_bytes()
    assert not git(repo, "branch", "--list", branch).strip()   # merged and gone
    assert other_hosts(log) == []
    page.context.close()
    check = subprocess.run([sys.executable, "-m", "govnews.cli", "check", rel], cwd=repo, capture_output=True,
                           text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    page_html = (proj.site / "articles" / "2024" / slug / "index.html").read_text(encoding="utf-8")
    # listed under 附件 as the policy pages list them (model/attachments.py), linked to the file the site holds
    from bs4 import BeautifulSoup
    files = BeautifulSoup(page_html, "html.parser").select("section.gn-document-files li")
    assert [li.get_text(" ", strip=True) for li in files] == ["附件1：申报表 PDF，1 KB", "承诺书 DOCX，1 KB",
                                                             "申报表 PDF，1 KB"], files
    href = files[0].a["href"]
    assert href == f"../../../files/uploads/{pdf}"
    assert (proj.site / "articles" / "2024" / slug / href).resolve() == (proj.site / "files/uploads" / pdf).resolve()
    assert (proj.site / "files/uploads" / pdf).is_file()


# what govnews' own page (admin/index.html) decides; the rest of the page is Decap's
OWN_RULES = {"html-has-lang", "html-lang-valid", "document-title", "meta-viewport", "meta-refresh", "bypass"}


def test_axe_on_the_editor_lists_the_cms_issues(editor_site, browser):
    """axe-core on the login page and the form: the CMS's own findings are listed in
    test-output/admin-axe.json (handoff/30-MAINTAINERS.md), not fixed; the page govnews writes has none."""
    from axe_playwright_python.sync_playwright import Axe

    proj, served = editor_site
    axe = Axe()
    log = PageLog()
    page = new_page(browser, log=log)
    page.goto(served.url("admin/"))
    page.get_by_role("button", name="登录").wait_for(timeout=20000)
    found = {"login": axe.run(page).response["violations"]}
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("text=新闻", timeout=20000)
    page.goto(served.url("admin/") + "#/collections/type-xinwen/new")
    page.wait_for_selector('[id^="title-field-"]', timeout=20000)
    found["form"] = axe.run(page).response["violations"]
    listed = {where: sorted({(v["id"], v["impact"], len(v["nodes"])) for v in violations})
              for where, violations in found.items()}
    (ROOT / "test-output").mkdir(exist_ok=True)
    (ROOT / "test-output" / "admin-axe.json").write_text(json.dumps(listed, ensure_ascii=False, indent=1),
                                                         encoding="utf-8")
    own = [(where, rule) for where, rules in listed.items() for rule, _, _ in rules if rule in OWN_RULES]
    assert own == [], own
    assert other_hosts(log) == []
    page.context.close()
