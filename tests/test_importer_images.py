"""Photos of saved pages come along: copied under a content name into docs/images/imported/,
placed where they stood, published by a strict build; a photo that cannot be copied is said,
and pictures outside the article (logo, QR code) are reported as page chrome."""

from __future__ import annotations

import base64
import hashlib

from bs4 import BeautifulSoup

from conftest import make_project
from importer_helpers import OldSite

# the smallest valid PNG and GIF: real image files, distinct content
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

PAGE = """<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="湖塘镇举办消夏文艺晚会">
<meta name="PubDate" content="2024-07-02"></head><body>
<div class="logo"><img src="湖塘镇_files/logo.gif" alt="湖塘镇人民政府"></div>
<div class="dqwz">当前位置：首页 &gt; 镇街动态</div>
<h1>湖塘镇举办消夏文艺晚会</h1>
<p>发布日期：2024-07-02 来源：湖塘镇</p>
<div class="content">
<p>7月1日晚，湖塘镇消夏文艺晚会在文化广场举行，两千余名群众到场观看。</p>
<p style="text-align:center"><img src="湖塘镇_files/stage%201.png" alt="晚会现场"></p>
<p style="text-align:center">晚会现场</p>
<p>晚会由锡剧、舞蹈、小品等十个节目组成，演员均来自本镇文艺团队。</p>
<p><img src="http://www.example.gov.cn/uploads/2.jpg"></p>
<p>湖塘镇今年还将举办四场消夏晚会。</p>
</div>
<div class="share">分享到：<img src="湖塘镇_files/qr.gif"> 扫一扫在手机打开当前页</div>
<div class="bottom">网站标识码：3204120001</div></body></html>"""


def test_saved_page_photos_are_copied_placed_and_published(tmp_path):
    proj = make_project(tmp_path / "proj")
    old = tmp_path / "old"
    (old / "湖塘镇_files").mkdir(parents=True)
    (old / "湖塘镇.html").write_text(PAGE, encoding="utf-8")
    (old / "湖塘镇_files" / "stage 1.png").write_bytes(PNG)
    (old / "湖塘镇_files" / "logo.gif").write_bytes(GIF)
    (old / "湖塘镇_files" / "qr.gif").write_bytes(GIF)
    imported = proj.govnews("import", str(old / "湖塘镇.html"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    name = hashlib.sha1(PNG).hexdigest()[:16] + ".png"
    copied = sorted(p.name for p in (proj.docs / "images" / "imported").iterdir())
    assert copied == [name]                                 # the photo, not the logo or the QR code
    [article] = (proj.docs / "articles").rglob("*.md")
    body = article.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert (f"两千余名群众到场观看。\n\n![晚会现场](../../images/imported/{name})\n\n晚会现场\n\n晚会由锡剧"
            in body), body
    out = imported.stdout
    assert "http://www.example.gov.cn/uploads/2.jpg」是外部地址，未导入" in out
    assert "「[图片] 湖塘镇_files/logo.gif」（网页图片（不在正文中））" in out
    assert "「分享到： 扫一扫在手机打开当前页」" in out        # the QR code goes with its toolbar

    again = proj.govnews("import", str(old / "湖塘镇.html"))       # the same body: recognised
    assert "已导入跳过 1 篇" in again.stdout, again.stdout

    built = proj.build()
    assert built.returncode == 0, built.stderr
    [page] = [p for p in proj.site.rglob("index.html") if p.parent.name == article.stem]
    img = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article img[alt='晚会现场']")
    assert img is not None and img["src"].endswith(f"images/imported/{name}")
    assert not img.has_attr("loading")       # the first photo is in view: not lazy
    assert (proj.site / "images" / "imported" / name).read_bytes() == PNG


def test_word_photos_come_with_the_text_and_vector_ones_are_named(tmp_path):
    import io

    import docx

    from govnews.importer.text.mdbody import render_body

    from importer_helpers import assert_nothing_lost, run

    document = docx.Document()
    document.add_paragraph("牛塘镇开展防汛应急演练")
    document.add_paragraph("6月20日，牛塘镇在太滆运河沿线开展防汛应急演练，镇村两级120余人参加。")
    document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    document.add_paragraph("演练现场")
    document.add_paragraph("演练模拟河堤管涌险情，检验了抢险队伍的快速反应能力。")
    path = tmp_path / "稿件.docx"
    document.save(str(path))
    result = run(path, year=2024)
    [d] = result.drafts
    name = hashlib.sha1(PNG).hexdigest()[:16] + ".png"
    assert d.pictures == {name: PNG}
    assert (f"120余人参加。\n\n![](../../images/imported/{name})\n\n演练现场\n\n演练模拟"
            in render_body(d)), render_body(d)
    from govnews.importer.readers.clipping import read_clipping

    assert_nothing_lost(read_clipping(str(path)).text, result)


def test_pictures_that_cannot_be_copied_are_said_with_their_place():
    from govnews.importer.output.images import locate

    assert locate("chart.emf", "x.docx", {"chart.emf": b"\x01"})[1].startswith("文件中的图片「chart.emf」是网页无法显示的格式")
    assert "是外部地址，未导入" in locate("//cdn.example.com/a.jpg", "/tmp/p.html", {})[1]
    assert "data: 图片未导入" in locate("data:image/png;base64,AAAA", "/tmp/p.html", {})[1]
    assert "找不到文件" in locate("p_files/missing.jpg", "/tmp/p.html", {})[1]


def test_photos_after_the_first_load_when_scrolled_to(tmp_path):
    proj = make_project(tmp_path / "proj")
    (proj.docs / "images").mkdir(parents=True)
    for k in range(3):
        (proj.docs / "images" / f"p{k}.png").write_bytes(PNG)
    body = "\n\n".join(f"第{k}段。\n\n![照片{k}](../../images/p{k}.png)" for k in range(3))
    body += '\n\n<img src="../../images/p0.png" alt="编辑写的" loading="eager">'
    proj.article("2024/photos.md", title="三张照片", body=body, slug="photos")
    built = proj.build()
    assert built.returncode == 0, built.stderr
    soup = BeautifulSoup((proj.site / "articles" / "2024" / "photos" / "index.html").read_text(encoding="utf-8"), "lxml")
    imgs = soup.select(".gn-body img")
    assert [i.get("loading") for i in imgs] == [None, "lazy", "lazy", "eager"]
    assert [i.get("decoding") for i in imgs[1:3]] == ["async", "async"]


def test_mht_archive_carries_its_photos(tmp_path):
    """A page saved by IE/Edge/360 as 网页，单个文件 (.mht): the photo is a part of the archive,
    found by the address the page's <img src> uses; a part without a file name by its bytes."""
    import quopri

    from govnews.importer.text.mdbody import render_body

    from importer_helpers import run

    html = PAGE.replace("湖塘镇_files/stage%201.png", "http://www.example.gov.cn/uploads/stage.png") \
               .replace("http://www.example.gov.cn/uploads/2.jpg", "cid:photo2@example")
    body = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    parts = [('text/html; charset="utf-8"', "quoted-printable", "Content-Location: http://www.example.gov.cn/a.html", body),
             ("image/png", "base64", "Content-Location: http://www.example.gov.cn/uploads/stage.png",
              base64.b64encode(PNG).decode()),
             ("image/gif", "base64", "Content-ID: <photo2@example>", base64.b64encode(GIF).decode())]
    mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"
    for ctype, enc, where, payload in parts:
        mht += f"--B\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: {enc}\r\n{where}\r\n\r\n{payload}\r\n"
    path = tmp_path / "湖塘镇.mht"
    path.write_bytes((mht + "--B--\r\n").encode("ascii"))
    [d] = run(path).drafts
    png, gif = (hashlib.sha1(x).hexdigest()[:16] for x in (PNG, GIF))
    assert d.pictures == {f"{png}.png": PNG, f"{gif}.gif": GIF}
    out = render_body(d)
    assert f"![晚会现场](../../images/imported/{png}.png)\n\n晚会现场" in out
    assert out.index(f"{gif}.gif") > out.index("晚会由锡剧") and not any("外部地址" in w for w in d.warnings)


def test_pictures_on_the_old_site_are_downloaded_when_asked(tmp_path, monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):     # a CI machine's proxy must not stand between us and 127.0.0.1
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    site = OldSite({"/uploads/2.png": (PNG, "image/png"), "/news/picture/3.png": (PNG, "image/png"),
                    "/uploads/error.jpg": ("<html>出错了</html>".encode(), "image/jpeg"),   # the server lies
                    "/uploads/away.jpg": "file:///etc/passwd"})
    try:
        page = tmp_path / "old" / "news.html"      # saved "HTML only": its pictures stayed online
        page.parent.mkdir()
        page.write_text(
            f"<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='湖塘镇举办消夏文艺晚会'>"
            f"<meta name='PubDate' content='2024-07-02'><link rel='canonical' href='{site.url}/news/t20240702_1.html'>"
            f"</head><body><h1>湖塘镇举办消夏文艺晚会</h1><div class='content'>"
            f"<p>7月1日晚，湖塘镇消夏文艺晚会在文化广场举行。</p><p><img src='{site.url}/uploads/2.png' alt='晚会现场'></p>"
            f"<p>晚会由十个节目组成。</p><p><img src='picture/3.png' alt='合影'></p>"
            f"<p><img src='{site.url}/uploads/error.jpg'></p><p><img src='{site.url}/uploads/away.jpg'></p>"
            f"<p><img src='{site.url}/uploads/gone.jpg'></p><p>湖塘镇今年还将举办四场晚会。</p></div></body></html>",
            encoding="utf-8")
        proj = make_project(tmp_path / "proj")
        offline = proj.govnews("import", "--dry-run", str(page))
        assert "是外部地址，未导入（请下载后放入 docs/images/ 并插入正文，或加 --fetch 重新导入）" in offline.stdout

        imported = proj.govnews("import", "--fetch-images", "--allow-host", "127.0.0.1", str(page))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        name = hashlib.sha1(PNG).hexdigest()[:16] + ".png"
        assert sorted(p.name for p in (proj.docs / "images" / "imported").iterdir()) == [name]
        [article] = (proj.docs / "articles").rglob("*.md")
        body = article.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert f"![晚会现场](../../images/imported/{name})" in body
        assert f"![合影](../../images/imported/{name})" in body      # relative: from the page's address
        out = imported.stdout
        assert f"{site.url}/uploads/error.jpg」下载到的不是 jpg/png/gif/webp 图片，未导入" in out
        assert f"{site.url}/uploads/away.jpg」下载失败" in out             # a redirect to file: is not followed
        assert f"{site.url}/uploads/gone.jpg」下载失败（服务器返回 HTTP 404），未导入" in out
        assert proj.govnews("check").returncode == 0     # no picture left on another site
    finally:
        site.close()


def test_a_page_of_pictures_alone_asks_for_their_words(tmp_path):
    """A 图解 explainer saved from the old site: its pictures come, and the editor is told that
    readers with screen readers, and search, get nothing without the words (textless.py)."""
    from importer_helpers import run, write_page

    (tmp_path / "p_files").mkdir()
    (tmp_path / "p_files" / "1.png").write_bytes(PNG)
    (tmp_path / "p_files" / "2.gif").write_bytes(GIF)
    page = write_page(tmp_path / "p.html", "图解：湖塘镇惠企政策二十条",
                      "<div class='TRS_Editor'><p><img src='p_files/1.png'></p><p><img src='p_files/2.gif'></p></div>")
    [d] = run(page).drafts
    assert [b.kind for b in d.body] == ["image", "image"]
    assert any(w.startswith("正文只有图片、没有文字") for w in d.warnings), d.warnings
