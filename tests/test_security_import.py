"""Issue 33, import: a hostile saved page or document reads only inside what the editor gave the
importer, and --fetch reaches only public addresses."""

from __future__ import annotations

import os
import shutil
import time
from datetime import date

from govnews.importer.output import fetch as fetcher
from govnews.importer.pipeline import Options, import_file

from conftest import ROOT, make_project
from docx_links import add_link
from importer_helpers import OldSite, classifier

SECRET = b"root:x:0:0:root:/root:/bin/bash\n"
OFFICE = ROOT / "tests" / "fixtures" / "office"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _page(path, body: str, head: str = ""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='关于加强辖区安全管理的通告'>"
        f"<meta name='PubDate' content='2021-11-30 17:20'>{head}</head><body><h1>关于加强辖区安全管理的通告</h1>"
        "<div id='zoom'><p>各村（社区）：现将辖区安全管理有关事项通告如下，请遵照执行。</p>"
        f"{body}<p>湖塘镇人民政府</p><p>2021年11月30日</p></div></body></html>", encoding="utf-8")
    return path


def _import(page, **options):
    return import_file(str(page), classifier(), Options(today=date(2025, 6, 1), **options))


def test_linked_files_outside_the_pages_folder_are_named_and_not_copied(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.csv").write_bytes(SECRET)
    (secret / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    here = tmp_path / "a" / "b" / "c"
    here.mkdir(parents=True)
    (here / "inside.pdf").symlink_to(secret / "passwd.csv")       # a symbolic link out of the folder
    (here / "pic.png").symlink_to(secret / "photo.png")
    (here / "ok.pdf").write_bytes(PDF)
    up = "../" * 12
    links = [f"{up}etc/passwd?x=1.csv",                                 # the tester's repro
             "../../../secret/passwd.csv", "..%2f..%2f..%2fsecret%2fpasswd.csv", "%2e%2e/%2e%2e/%2e%2e/secret/passwd.csv",
             "..\\..\\..\\secret\\passwd.csv", "/secret/passwd.csv", "/etc/passwd.csv", "inside.pdf",
             "ok.pdf?name=x.csv"]
    body = "".join(f"<p>附件{k + 1}：<a href='{href}'>系统文件{k + 1}</a></p>" for k, href in enumerate(links))
    body += "<p>附件10：<a href='ok.pdf'>名单</a></p><p><img src='pic.png'><img src='../../../secret/photo.png'></p>"
    result = _import(_page(here / "page.html", body))
    assert not result.error, result.error
    [d] = result.drafts
    # only the file inside the page's folder (linked twice, stored once per name)
    assert set(d.files.values()) == {PDF}, list(d.files)
    assert all(SECRET not in data for data in d.files.values())
    assert d.pictures == {}, list(d.pictures)
    warnings = "\n".join(d.warnings)
    for k in range(2, 9):
        assert f"系统文件{k}" in warnings or links[k - 1][:40] in warnings, (k, warnings)
    assert warnings.count("在导入的网页/文档所在文件夹之外，未复制") >= 8, warnings
    assert "附件「系统文件1.csv」（../../../../../../../../../../../../etc/passwd?x=1.csv）在导入的网页/文档所在文件夹之外" \
        in warnings, warnings
    assert "pic.png」在导入的网页/文档所在文件夹之外" in warnings, warnings
    # the query names no type on disk: ok.pdf?name=x.csv is a .pdf
    assert sorted(os.path.basename(p) for p in d.files) == ["名单.pdf", "系统文件9.pdf"], list(d.files)


def test_a_folder_the_editor_names_is_read_and_nothing_above_it(tmp_path):
    old = tmp_path / "old"
    (old / "uploadfiles").mkdir(parents=True)
    (old / "uploadfiles" / "表.pdf").write_bytes(PDF)
    (tmp_path / "etc.pdf").write_bytes(PDF + b"secret")
    page = _page(old / "news" / "page.html", "<p>附件：<a href='/uploadfiles/表.pdf'>申报表</a></p>"
                                             "<p>附件2：<a href='/etc.pdf'>系统</a></p>")
    [d] = _import(page).drafts
    assert d.files == {}
    [d] = _import(page, roots=(str(old),)).drafts
    assert list(d.files.values()) == [PDF]
    assert "系统.pdf」（/etc.pdf）在导入的网页/文档所在文件夹之外" in "\n".join(d.warnings), d.warnings


def test_a_web_page_is_no_pdf_even_with_pdf_in_its_first_kilobyte(tmp_path):
    from govnews.importer.output.linkedfiles import is_kind

    assert not is_kind(b"<html><body>%PDF-1.4 not found</body></html>", ".pdf")
    assert not is_kind(b"  <!DOCTYPE html><p>%PDF-1.7", ".pdf")
    assert is_kind(b"junk\n%PDF-1.4\n", ".pdf")
    here = tmp_path / "p"
    here.mkdir()
    (here / "附件.pdf").write_bytes(b"<html><title>404</title>%PDF-</html>")     # a saved error page
    [d] = _import(_page(here / "page.html", "<p>附件：<a href='附件.pdf'>申报表</a></p>")).drafts
    assert d.files == {}
    assert "的内容不是 PDF 文件" in "\n".join(d.warnings), d.warnings


def test_fetch_refuses_internal_addresses_and_redirects_to_them(tmp_path):
    site = OldSite({"/a.pdf": (PDF, "application/pdf"), "/jump": "http://127.0.0.1:1/a.pdf"})
    try:
        data, why = fetcher.Fetcher().download(site.url + "/a.pdf")
        assert data is None and "127.0.0.1 是内网或保留地址" in why and "--allow-host 127.0.0.1" in why, why
        data, why = fetcher.Fetcher().download(site.url.replace("127.0.0.1", "localhost") + "/a.pdf")
        assert data is None and "是内网或保留地址" in why, why
        data, _ = fetcher.Fetcher(("127.0.0.1",)).download(site.url + "/a.pdf")
        assert data == PDF                                              # allowed by name
        assert fetcher.Fetcher().download("file:///etc/passwd")[0] is None
        assert fetcher.Fetcher().download("ftp://127.0.0.1/x")[0] is None
    finally:
        site.close()
    for ip in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "224.0.0.1",
               "240.0.0.1", "100.64.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12::1", "ff02::1",
               "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1"):
        assert not fetcher.public(ip), ip
    for ip in ("8.8.8.8", "2001:4860:4860::8888"):
        assert fetcher.public(ip), ip


def test_a_public_host_that_redirects_inside_is_refused_at_the_hop(tmp_path, monkeypatch):
    """The first host passes (allowed by name, standing in for a public one); its redirect to
    another internal host is checked again and refused."""
    inner = OldSite({"/secret.pdf": (PDF, "application/pdf")})
    outer = OldSite({"/a.pdf": inner.url.replace("127.0.0.1", "localhost") + "/secret.pdf"})
    try:
        data, why = fetcher.Fetcher(("127.0.0.1",)).download(outer.url + "/a.pdf")
        assert data is None and "localhost 是内网或保留地址" in why, why
    finally:
        inner.close()
        outer.close()


def test_a_dripping_server_is_cut_off_by_the_total_time_per_file():
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def drip():
        conn, _ = server.accept()
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b"x")
            except OSError:
                break
            time.sleep(0.2)          # each read is quick: only a total limit ends this
        conn.close()

    threading.Thread(target=drip, daemon=True).start()
    try:
        start = time.monotonic()
        data, why = fetcher.Fetcher(("127.0.0.1",), total=1.5).download(f"http://127.0.0.1:{server.getsockname()[1]}/p.jpg")
        assert data is None and "秒未下载完" in why, why
        assert time.monotonic() - start < 5
    finally:
        stop.set()
        server.close()


def test_the_cli_refuses_a_local_old_site_and_names_it(tmp_path):
    site = OldSite({"/a.pdf": (PDF, "application/pdf")})
    try:
        page = _page(tmp_path / "p" / "page.html", "<p>附件：<a href='/a.pdf'>申报表</a></p>",
                     head=f"<link rel='canonical' href='{site.url}/news/page.html'>")
        proj = make_project(tmp_path / "proj")
        out = proj.govnews("import", "--fetch", str(page))
        assert "127.0.0.1 是内网或保留地址" in out.stdout, out.stdout + out.stderr
        assert not (proj.docs / "files").exists() or not any((proj.docs / "files").rglob("*.pdf"))
    finally:
        site.close()
    assert os.path.isdir(proj.docs)


def test_attachment_names_are_safe_and_short_enough_for_any_file_system():
    from govnews.importer.output.linkedfiles import file_name

    long = file_name("/u/a.pdf", "\U00020000" * 100)
    assert len(long.encode("utf-8")) <= 200 and long.endswith(".pdf"), long
    assert file_name("/u/a.txt", "CON") == "_CON.txt"
    assert file_name("/u/con.txt", "点击下载") == "_con.txt"
    assert "\u202e" not in file_name("/u/a.pdf", "申报\u202etxt.exe表")
    assert file_name("/u/a.pdf", "申报\u202e表") == "申报表.pdf"


def test_a_long_attachment_name_is_imported_and_its_article_written_after_it(tmp_path):
    here = tmp_path / "p"
    here.mkdir()
    (here / "a.pdf").write_bytes(PDF)
    page = _page(here / "page.html", f"<p>附件：<a href='a.pdf'>{chr(0x20000) * 100}</a></p>")
    proj = make_project(tmp_path / "proj")
    out = proj.govnews("import", str(page))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    [copied] = (proj.docs / "files" / "imported").rglob("*.pdf")
    assert copied.read_bytes() == PDF
    [article] = (proj.docs / "articles").rglob("*.md")
    assert copied.name in article.read_text(encoding="utf-8")


def test_a_link_to_a_file_on_the_editors_computer_is_said(tmp_path):
    page = _page(tmp_path / "p" / "page.html", "<p>附件：<a href='file:///C:/Users/张三/通知.doc'>通知原件</a>"
                                               "<a href='D:\\公文\\表.xls'>报表</a></p>")
    [d] = _import(page).drafts
    warnings = "\n".join(d.warnings)
    assert "链接「通知原件」指向编辑电脑上的文件（file:///C:/Users/张三/通知.doc）" in warnings, warnings
    assert "链接「报表」指向编辑电脑上的文件" in warnings
    assert d.files == {}


def test_a_docx_hyperlink_out_of_its_folder_is_not_copied(tmp_path):
    import docx

    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "名单.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 60)     # looks like a real .xlsx
    here = tmp_path / "a" / "b"
    here.mkdir(parents=True)
    (here / "表.xlsx").write_bytes(b"PK\x03\x04" + b"\x01" * 60)
    document = docx.Document()
    document.add_paragraph("关于报送名单的通知")
    document.add_paragraph("各村（社区）：请于3月底前报送名单。")
    for target, words in (("../../secret/名单.xlsx", "附件1：名单"), ("表.xlsx", "附件2：报表")):
        add_link(document, target, words)
    path = here / "通知.docx"
    document.save(str(path))
    [d] = _import(path).drafts
    assert list(d.files.values()) == [b"PK\x03\x04" + b"\x01" * 60], list(d.files)
    assert "（../../secret/名单.xlsx）在导入的网页/文档所在文件夹之外，未复制" in "\n".join(d.warnings), d.warnings


def test_a_doc_hyperlink_field_out_of_its_folder_is_named_and_not_copied(tmp_path):
    # links.doc (tests/fixtures/office/make.py): HYPERLINK fields to ../../../etc/passwd,
    # /etc/passwd, file:///etc/passwd and 申报表.xlsx beside it
    proj = make_project(tmp_path / "proj")
    here = tmp_path / "in" / "a" / "b"
    here.mkdir(parents=True)
    shutil.copy(OFFICE / "links.doc", here / "通知.doc")
    (tmp_path / "in" / "etc").mkdir()
    (tmp_path / "in" / "etc" / "passwd").write_bytes(SECRET)          # what ../../../etc/passwd reaches
    form = b"PK\x03\x04" + b"\x01" * 60
    (here / "申报表.xlsx").write_bytes(form)
    out = proj.govnews("import", "--report", "report.csv", str(here / "通知.doc"))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stdout + out.stderr
    copied = [p for p in (proj.root / "docs" / "files").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in copied] == [form], copied
    report = (proj.root / "report.csv").read_text(encoding="utf-8-sig")
    for shown in ("链接「附件1：系统名单」（../../../etc/passwd）在导入的网页/文档所在文件夹之外，未复制",
                  "链接「附件2：用户表」（/etc/passwd）在导入的网页/文档所在文件夹之外，未复制",
                  "链接「附件3：口令文件」指向编辑电脑上的文件（file:///etc/passwd）"):
        assert shown in out.stdout and shown in report, (shown, out.stdout)
    [article] = (proj.root / "docs" / "articles").rglob("*.md")
    text = article.read_text(encoding="utf-8")
    assert "[附件4：申报表](../../files/imported/" in text and "passwd" not in text
