"""A notice's attachments (附件) survive a migration: the files a saved page links to are copied
into docs/files/imported/ and linked where their link text stood (found beside the saved page,
or downloaded with --fetch), listed under 附件 on the published document's page; a file that
cannot be copied stays linked on the old site, or is named for the editor — never dropped
without a word."""

from __future__ import annotations

import hashlib

import pytest
from bs4 import BeautifulSoup

from govnews.importer.text.mdbody import render_body

from conftest import make_project
from importer_helpers import OldSite, run, run_text, write_page

DOCX = b"PK\x03\x04" + b"\x00" * 60          # what a .docx starts with (a zip archive)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

NOTICE = """<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="关于开展2024年度农业补贴申报工作的通知">
<meta name="PubDate" content="2024-03-15 09:30">{url}</head>
<body><div class="position">当前位置：首页 &gt; 通知公告</div>
<h1>关于开展2024年度农业补贴申报工作的通知</h1>
<div id="zoom">
<p>各村（社区）：</p>
<p>现将2024年度农业补贴申报工作有关事项通知如下，请于4月30日前报送。</p>
<p>附件：1.<a href="/uploadfiles/202403/P0202403.docx">申报表</a></p>
<p>附件：2.<a href="{away}">补贴标准</a></p>
<table><tr><td>序号</td><td>材料</td></tr><tr><td>1</td><td><a href="files/名单.pdf">名单.pdf</a></td></tr></table>
<p>湖塘镇人民政府</p>
<p>2024年3月15日</p>
</div>
<div class="footer">网站地图 <a href="/help/使用说明.pdf">使用说明</a></div>
</body></html>"""


def _saved_site(tmp_path, url: str = "", away: str = "/uploadfiles/202403/gone.xls"):
    """A saved page in old/news/, its site-root files under old/, a relative one beside it."""
    old = tmp_path / "old"
    (old / "news" / "files").mkdir(parents=True)
    (old / "uploadfiles" / "202403").mkdir(parents=True)
    (old / "uploadfiles" / "202403" / "P0202403.docx").write_bytes(DOCX)
    (old / "news" / "files" / "名单.pdf").write_bytes(PDF)
    page = old / "news" / "notice.html"
    page.write_text(NOTICE.format(url=url, away=away), encoding="utf-8")
    return page


def _body(path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_attachments_are_copied_linked_and_listed_on_the_document_page(tmp_path):
    proj = make_project(tmp_path / "proj")
    page = _saved_site(tmp_path)
    # the site-root /uploadfiles/… lies above the page's folder: copied because the editor names old/
    outside = proj.govnews("import", "--dry-run", str(page))
    assert "P0202403.docx）在导入的网页/文档所在文件夹之外，未复制" in outside.stdout, outside.stdout
    imported = proj.govnews("import", "--root", str(tmp_path / "old"), str(page))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    docx_dir, pdf_dir = (hashlib.sha1(x).hexdigest()[:12] for x in (DOCX, PDF))
    files = proj.docs / "files" / "imported"
    assert sorted(str(p.relative_to(files)) for p in files.rglob("*") if p.is_file()) == sorted(
        [f"{docx_dir}/申报表.docx", f"{pdf_dir}/名单.pdf"])      # named as readers know them
    [article] = (proj.docs / "articles").rglob("*.md")
    body = _body(article)
    assert f"附件：1.[申报表](../../files/imported/{docx_dir}/申报表.docx)" in body, body
    assert f"| 1 | [名单.pdf](../../files/imported/{pdf_dir}/名单.pdf) |" in body, body
    assert "附件：2.补贴标准" in body                       # no file and no address: text only, and said
    assert "附件「补贴标准.xls」（/uploadfiles/202403/gone.xls）找不到文件" in imported.stdout
    assert "使用说明" not in body and "使用说明.pdf" not in str(list(files.rglob("*")))   # chrome stays out

    again = proj.govnews("import", "--root", str(tmp_path / "old"), str(page))       # the same files give the same article
    assert "已导入跳过 1 篇" in again.stdout, again.stdout

    # published as a policy document: the files are listed under 附件 and served
    text = article.read_text(encoding="utf-8").replace("type: 通知公告", "type: 政策文件\nissuer: 常州市武进区人民政府")
    article.write_text(text, encoding="utf-8")
    built = proj.build(strict=True)
    assert built.returncode == 0, built.stderr
    [html] = [p for p in proj.site.rglob("index.html") if p.parent.name == article.stem]
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
    listed = [(a.get_text(), a["href"]) for a in soup.select(".gn-document-files a")]
    assert [t for t, _ in listed] == ["申报表", "名单.pdf"], listed
    assert (proj.site / "files" / "imported" / docx_dir / "申报表.docx").read_bytes() == DOCX
    assert (proj.site / "files" / "imported" / pdf_dir / "名单.pdf").read_bytes() == PDF


def test_attachments_on_the_old_site_are_linked_there_or_downloaded_when_asked(tmp_path, monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    site = OldSite({"/uploadfiles/202403/标准 (2024).xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
                                                          "application/vnd.ms-excel"),
                    "/uploadfiles/202403/P0202403.docx": ("<html>文件不存在</html>".encode(), "application/msword")})
    try:
        page = _saved_site(tmp_path, url=f"<link rel='canonical' href='{site.url}/news/notice.html'>",
                           away="/uploadfiles/202403/标准 (2024).xls")
        (tmp_path / "old" / "uploadfiles" / "202403" / "P0202403.docx").unlink()    # saved "HTML only"
        proj = make_project(tmp_path / "proj")
        offline = proj.govnews("import", "--dry-run", str(page))
        assert f"附件「补贴标准.xls」仍链接旧站地址 {site.url}/uploadfiles/202403/标准 (2024).xls" in offline.stdout
        assert "请加 --fetch 重新导入" in offline.stdout

        refused = proj.govnews("import", "--dry-run", "--fetch", str(page))     # the old site is on 127.0.0.1
        assert "127.0.0.1 是内网或保留地址" in refused.stdout, refused.stdout
        imported = proj.govnews("import", "--fetch", "--allow-host", "127.0.0.1", str(page))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        [article] = (proj.docs / "articles").rglob("*.md")
        body = _body(article)
        xls = hashlib.sha1(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40).hexdigest()[:12]
        assert f"附件：2.[补贴标准](../../files/imported/{xls}/补贴标准.xls)" in body, body
        # an error page served as the .docx is refused; the link to the old site stays
        assert f"附件：1.[申报表]({site.url}/uploadfiles/202403/P0202403.docx)" in body, body
        assert "附件「申报表.docx」下载失败（下载到的不是 DOCX 文件）" in imported.stdout
        assert proj.govnews("check").returncode == 0
    finally:
        site.close()


def test_attachment_names_kinds_and_links():
    from govnews.importer.model import Block, Draft
    from govnews.importer.output.linkedfiles import file_name, is_file_link, is_kind
    from govnews.importer.text.mdbody import plain

    assert file_name("/u/P020240315.pdf", "附件1：申报表") == "申报表.pdf"
    assert file_name("/u/P020240315.pdf", "点击下载") == "P020240315.pdf"
    assert file_name("/u/P020240315.pdf", "附件：2.补助标准") == "补助标准.pdf"
    assert file_name("/u/a.docx", "名单.docx") == "名单.docx"
    assert file_name("/u/a.docx", "表 (一) / 汇总?") == "表_（一）_汇总.docx"
    assert file_name("/u/%E5%90%8D%E5%8D%95.xlsx", "") == "名单.xlsx"
    # a download script names the file in its query (Hanweb: downfile.jsp?classid=0&filename=…)
    assert file_name("/module/download/downfile.jsp?classid=0&filename=1234.docx", "点击下载") == "1234.docx"
    assert not is_file_link("/news/1.html?from=a.pdf") and not is_file_link("/down.jsp?id=12")
    assert is_file_link("http://old.gov.cn/a.PDF") and is_file_link("a.wps") and is_file_link("/x/y.ofd")
    assert not is_file_link("mailto:a@b.pdf") and not is_file_link("/news/1.html") and not is_file_link("javascript:x.pdf")
    assert is_kind(PDF, ".pdf") and is_kind(DOCX, ".docx") and not is_kind(b"<!DOCTYPE html><p>404", ".pdf")
    assert not is_kind(b"  <html>", ".txt") and is_kind("名单".encode(), ".csv")

    d = Draft("x.html")
    d.body = [Block("body", [], "附件：申报表、申报表说明", links=(("申报表", "ab/申报表.docx"), ("申报表说明", "cd/说明.pdf"))),
              Block("body", [], "1. 清单", links=(("1. 清单", "http://old.gov.cn/a b(1).pdf"),))]
    md = render_body(d)
    assert md == ("附件：[申报表](../../files/imported/ab/申报表.docx)、[申报表说明](../../files/imported/cd/说明.pdf)"
                  "\n\n1\\. 清单\n\n[1. 清单](http://old.gov.cn/a%20b%281%29.pdf)\n"), md
    assert plain(md).startswith("附件：申报表、申报表说明\n\n1. 清单")


def test_a_notice_number_under_the_title_is_a_line_of_its_own():
    result = run_text("关于做好2024年度秋季防火工作的通知\n\n湖政办〔2024〕3号\n各村（社区）：\n"
                      "为做好今年秋季防火工作，现将有关事项通知如下。\n\n湖塘镇人民政府\n2024年10月8日\n")
    [d] = result.drafts
    assert [(b.kind, b.text) for b in d.body[:2]] == [("body", "湖政办〔2024〕3号"), ("body", "各村（社区）：")]


def test_an_explainer_cites_its_document_number_before_a_short_name(tmp_path):
    page = write_page(tmp_path / "jd.html", "《武进区促进民营经济发展若干措施》政策解读",
                      "<p>近日，区政府印发了《武进区促进民营经济发展若干措施》（武政发〔2024〕12号，以下简称《措施》）。"
                      "现就有关内容解读如下。</p><p>《措施》共五个部分20条。</p>")
    [d] = run(page).drafts
    assert d.policy == {"title": "武进区促进民营经济发展若干措施", "number": "武政发〔2024〕12号"}, d.policy


def test_word_files_link_their_attachments_too(tmp_path):
    """附件 hyperlinked in a .docx (a file beside it, or an address), in text and in a table."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.shared import OxmlElement, qn


    def link(paragraph, address, text):
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        run, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = text
        run.append(t)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    document = docx.Document()
    document.add_paragraph("关于开展农业补贴申报的通知")
    document.add_paragraph("各村（社区）：请于4月30日前报送。")
    link(document.add_paragraph("附件："), "申报表.xlsx", "申报表")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "序号", "材料", "1"
    link(table.cell(1, 1).paragraphs[0], "http://www.example.gov.cn/名单.pdf", "名单")
    document.add_paragraph("湖塘镇人民政府")
    document.add_paragraph("2024年3月15日")
    document.save(str(tmp_path / "通知.docx"))
    (tmp_path / "申报表.xlsx").write_bytes(DOCX)
    [d] = run(tmp_path / "通知.docx").drafts
    folder = hashlib.sha1(DOCX).hexdigest()[:12]
    assert d.files == {f"{folder}/申报表.xlsx": DOCX}
    body = render_body(d)
    assert f"附件：[申报表](../../files/imported/{folder}/申报表.xlsx)" in body, body
    assert "| 1 | [名单](http://www.example.gov.cn/名单.pdf) |" in body, body
    assert any("附件「名单.pdf」仍链接旧站地址" in w for w in d.warnings)


@pytest.mark.parametrize("listing", ["相关附件：<a href='/u/sbb.docx'>申报表.docx</a>",
                                     "<p>【相关附件】</p><p><a href='/u/sbb.docx'>申报表.docx</a></p>"])
def test_a_related_files_list_under_the_text_is_the_articles_own(tmp_path, listing):
    """相关附件 below a notice lists its own files: they stay (and are linked); the related
    explainers' list after them is page chrome."""
    old = tmp_path / "old"
    (old / "u").mkdir(parents=True)
    (old / "u" / "sbb.docx").write_bytes(DOCX)
    page = write_page(old / "n.html", "关于开展农业补贴申报工作的通知",
                      "<div id='zoom'><p>各村（社区）：请于4月30日前报送申报材料。</p><p>湖塘镇人民政府</p><p>2024年3月15日</p></div>"
                      f"<div class='fj'>{listing}</div><div class='xgjd'>相关解读：<a href='/jd/1.html'>《农业补贴》政策解读</a></div>",
                      date="2024-03-15")
    result = run(page)
    [d] = result.drafts
    body = render_body(d)
    assert f"[申报表.docx](../../files/imported/{hashlib.sha1(DOCX).hexdigest()[:12]}/申报表.docx)" in body, body
    assert "相关解读" not in body and any("相关解读" in r.text for r in result.removed)
