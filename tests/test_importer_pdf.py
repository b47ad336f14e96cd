"""`govnews import` of PDF files (their text layer, pdftext.py) made by LibreOffice from the
sources in tests/fixtures/office/make.py: paragraphs rebuilt from where the lines stand, page
furniture left out and reported, tables, columns; one message for a PDF with no text, a locked
or damaged one. And the 红头文件 layout any file can have: the issuer's mark and 发文字号 above
the title belong to that one document."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from govnews.importer.readers.clipping import ReadError, read_clipping
from govnews.importer.readers.pdftext import PdfError, read_pdf

from conftest import ROOT, make_project
from importer_helpers import assert_nothing_lost, run, run_text, split_front_matter, write_page

OFFICE = ROOT / "tests" / "fixtures" / "office"
PARAGRAPH = ("（{n}）湖塘镇持续优化营商环境，推进重点项目建设，全面落实各项惠企政策措施，确保政策红利直达市场主体。"
             "对新引进的重点项目实行“一对一”帮办服务，审批事项在3个工作日内办结，涉企收费一律公示，"
             "企业反映的问题5个工作日内答复，办理结果纳入年度考核，第{n}条。")   # make.POLICY_PARAGRAPH
TITLE = "关于印发《武进区优化营商环境若干措施（2024年修订）》和《武进区重点项目帮办服务办法》的通知"


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_a_policy_pdf_reads_as_its_paragraphs():
    clipping = read_clipping(str(OFFICE / "policy.pdf"))
    lines = _lines(clipping.text)
    assert lines[:6] == ["武进区人民政府文件", "武政发〔2024〕12号",          # the gap before 号 closed
                         TITLE,                                            # a centred title that wrapped
                         "（征求意见稿）",                                  # and its second centred line
                         "各镇人民政府、街道办事处，区各委办局：",
                         "现将《武进区优化营商环境若干措施》印发给你们，请认真贯彻执行。"]
    assert "\n".join(lines[2:4]) in clipping.text                            # one group: no blank line between
    # each paragraph of three lines is one line again, one of them across a page break
    assert lines[6:24] == [PARAGRAPH.format(n=n) for n in range(1, 19)]
    assert lines[24:] == ["| 序号 | 单位 | 联系电话 |", "| 1 | 湖塘镇 | 0519-86123456 |",
                          "| 2 | 牛塘镇 | 0519-86654321 |", "武进区人民政府", "2024年3月5日"]
    assert clipping.dropped == [("武进区人民政府规范性文件", "页眉页脚"), ("— 1 —", "页码"),
                                ("武进区人民政府规范性文件", "页眉页脚"), ("— 2 —", "页码")]


def test_a_policy_pdf_becomes_one_policy_document():
    result = run(OFFICE / "policy.pdf")
    assert_nothing_lost(read_clipping(str(OFFICE / "policy.pdf")).text, result)
    [d] = result.drafts                       # the issuer's mark is no article of its own
    assert d.title_text == TITLE + "（征求意见稿）"       # too long for a heading: still the title
    assert d.type == "政策文件" and d.document["number"] == "武政发〔2024〕12号"
    assert d.document["issuer"] == ["常州市武进区人民政府"]   # from the mark, through the vocabulary
    assert [b.text for b in d.body[:2]] == ["武进区人民政府文件", "武政发〔2024〕12号"]
    assert d.date.value.isoformat() == "2024-03-05"
    assert {(r.text, r.reason) for r in result.removed if r.line == 0} == {
        ("武进区人民政府规范性文件", "页眉页脚"), ("— 1 —", "页码"), ("— 2 —", "页码")}


def test_a_page_in_two_columns_reads_column_by_column():
    result = run(OFFICE / "columns.pdf", year=2024)
    assert_nothing_lost(read_clipping(str(OFFICE / "columns.pdf")).text, result)
    assert [(d.title_text, d.authors) for d in result.drafts] == [
        ("湖塘镇开展垃圾分类宣传", ["记者 何晓丹"]), ("牛塘镇部署安全生产工作", ["记者 钱晓燕"])]
    first, second = result.drafts
    assert first.body[0].text == "本报讯（记者 何晓丹）" and second.body[0].text == "本报讯（记者 钱晓燕）"
    assert [b.text[-11:] for b in first.body[1:]] == [f"发放宣传册{n}00余份。" for n in range(1, 9)]
    assert [b.text[-7:] for b in second.body[1:]] == [f"责任，第{n}项。" for n in range(1, 9)]


@pytest.mark.parametrize("name, data, message", [
    ("scanned.pdf", None, "PDF 中没有可提取的文字（可能是扫描件或图片）"),
    ("locked.pdf", None, "PDF 设有密码或加密"),
    ("truncated.pdf", lambda: (OFFICE / "policy.pdf").read_bytes()[:4000], "PDF 文件已损坏"),
    ("page.pdf", lambda: b"<html><body>404 Not Found</body></html>", "内容却不是 PDF 文件"),
])
def test_a_pdf_without_readable_text_gets_one_message(tmp_path, name, data, message):
    path = OFFICE / name if data is None else tmp_path / name
    if data is not None:
        path.write_bytes(data())
    with pytest.raises(ReadError, match=message):
        read_clipping(str(path))


def test_damaged_pdfs_never_raise_anything_but_a_message(tmp_path):
    """Random damage: a message, or the text pdfminer could still read — then the editor is told
    it may be incomplete (and pdfminer's own warnings stay off the terminal)."""
    good = (OFFICE / "columns.pdf").read_bytes()
    rnd = random.Random(16)
    outcomes, damaged = set(), None
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rnd.choice((1, 8, 64))):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        try:
            pdf = read_pdf(bytes(data))
            outcomes.add("damaged" if pdf.damaged else "read")
            damaged = damaged or (bytes(data) if pdf.damaged else None)
        except PdfError:
            outcomes.add("message")
    assert {"damaged", "message"} <= outcomes
    assert not read_pdf(good).damaged
    (tmp_path / "坏.pdf").write_bytes(damaged)
    result = run(tmp_path / "坏.pdf", year=2024)
    assert any("PDF 文件有损坏的部分" in w for d in result.drafts for w in d.warnings), result.error


def test_govnews_import_walks_pdfs_too(tmp_path):
    proj = make_project(tmp_path / "proj")
    inbox = tmp_path / "旧网站"
    inbox.mkdir()
    shutil.copy(OFFICE / "policy.pdf", inbox / "武政发〔2024〕12号.pdf")
    shutil.copy(OFFICE / "scanned.pdf", inbox / "扫描件.pdf")
    proc = proj.govnews("import", str(inbox), "--source", "武进区人民政府")
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1            # the scanned one failed, and says why
    assert "扫描件.pdf: PDF 中没有可提取的文字" in proc.stderr
    [article] = (proj.root / "docs" / "articles").rglob("*.md")
    fm, body = split_front_matter(article.read_text(encoding="utf-8"))
    assert "type: 政策文件" in fm and "number: 武政发〔2024〕12号" in fm
    assert "| 2 | 牛塘镇 | 0519-86654321 |" in body
    assert "（页码）" in proc.stdout and "（页眉页脚）" in proc.stdout


def test_the_issuers_mark_of_any_file_opens_its_document():
    """GB/T 9704: 发文机关标志 and 发文字号 above the title — in a .txt or Word file as in a PDF."""
    text = ("中共武进区委 武进区人民政府文件\n\n武委发〔2024〕3号\n\n关于加快推进乡村振兴的实施意见\n\n"
            "各镇党委、人民政府，各街道党工委、办事处：\n\n现就加快推进乡村振兴提出如下意见。\n\n"
            "中共武进区委\n武进区人民政府\n2024年2月1日\n")
    result = run_text(text)
    assert_nothing_lost(text, result)
    [d] = result.drafts
    assert d.title_text == "关于加快推进乡村振兴的实施意见"
    assert d.document["number"] == "武委发〔2024〕3号"
    assert d.body[0].text == "中共武进区委 武进区人民政府文件"
    # a mark with no 发文字号 and the title as a plain heading after it
    plain = run_text("湖塘镇人民政府文件\n\n湖塘镇2024年河道保洁工作方案\n\n为进一步改善水环境，制定本方案。\n\n"
                     "一、工作目标\n\n全镇河道保洁率达到100%。\n")
    [d] = plain.drafts
    assert d.title_text == "湖塘镇2024年河道保洁工作方案" and d.body[0].text == "湖塘镇人民政府文件"


def _policy_page(folder, body: str):
    return write_page(folder / "page.html", "关于印发《武进区优化营商环境若干措施》的通知", body, date="2024-03-06")


def test_a_page_that_is_only_its_attachment_gets_the_attachments_text(tmp_path):
    """An old CMS's 政策文件 page: title, date and 附件：….pdf — the text comes from the PDF, the
    link stays after it, and the editor is asked to compare."""
    shutil.copy(OFFICE / "policy.pdf", tmp_path / "措施.pdf")
    page = _policy_page(tmp_path, '<p>附件：<a href="措施.pdf">措施.pdf</a></p>')
    [d] = run(page).drafts
    assert d.title_text == "关于印发《武进区优化营商环境若干措施》的通知"
    # the PDF's own title differs from the page's: it opens the text
    assert [b.text for b in d.body[:4]] == [TITLE + "（征求意见稿）", "武进区人民政府文件", "武政发〔2024〕12号",
                                            "各镇人民政府、街道办事处，区各委办局："]
    assert d.body[-1].text == "附件：措施.pdf" and d.body[-1].links          # the link, kept last
    assert d.type == "政策文件" and d.document["number"] == "武政发〔2024〕12号"
    assert d.date.value.isoformat() == "2024-03-06"                          # the page's own date
    assert any(w.startswith("正文取自附件「措施.pdf」") for w in d.warnings), d.warnings


def test_a_page_with_text_of_its_own_keeps_it_and_an_unreadable_attachment_is_named(tmp_path):
    shutil.copy(OFFICE / "policy.pdf", tmp_path / "措施.pdf")
    own = "为进一步优化营商环境，区政府制定了若干措施，现予印发，全文见附件，请各单位认真贯彻执行。"
    [d] = run(_policy_page(tmp_path, f'<p>{own}</p><p>附件：<a href="措施.pdf">措施.pdf</a></p>')).drafts
    assert [b.text for b in d.body] == [own, "附件：措施.pdf"]
    assert not any("正文取自附件" in w for w in d.warnings)
    scans = tmp_path / "scan"
    scans.mkdir()
    shutil.copy(OFFICE / "scanned.pdf", scans / "扫描.pdf")
    [d] = run(_policy_page(scans, '<p>附件：<a href="扫描.pdf">扫描.pdf</a></p>')).drafts
    assert any(w.startswith("正文只有附件「扫描.pdf」，其中的文字未能读入（PDF 中没有可提取的文字") for w in d.warnings), d.warnings


def test_radicals_of_a_browser_printed_pdf_become_the_characters_they_look_like():
    """Chromium's PDF maps some Noto CJK glyphs to radicals: its text reads ⽜塘镇⼈⺠政府. The
    article has 牛塘镇人民政府 (searchable, right for screen readers), and the editor is told."""
    from govnews.common import radicals

    raw = read_clipping(str(OFFICE / "printed.pdf")).text
    assert "⼈⺠" in raw and "部⻔" in raw                   # what the PDF itself says
    result = run(OFFICE / "printed.pdf")
    [d] = result.drafts
    assert d.title_text == "关于做好秸秆禁烧工作的通知"
    assert d.document["number"] == "牛政发〔2023〕5号" and d.document["issuer"] == ["牛塘镇人民政府"]
    body = "".join(b.text for b in d.body)
    assert "牛塘镇人民政府文件" in body and "各村（社区）、镇各部门：" in body
    assert not radicals.examples(body + d.title_text)
    count = raw.count("⼈") + sum(raw.count(r) for r in radicals.EQUIVALENT if r != "⼈")
    assert f"原文有 {count} 个部首字符" in d.warnings[0] and "「⽜」→「牛」、「⼈」→「人」" in d.warnings[0]
    assert_nothing_lost(radicals.fix(raw)[0], result)


def test_a_pdfs_photos_come_with_it_where_they_stand():
    """A JPEG byte for byte, RGB pixels as a PNG, a 4-pixel rule left as layout."""
    import os

    import docx

    jpeg = (Path(os.path.dirname(docx.__file__)) / "templates" / "default-docx-template" / "docProps"
            / "thumbnail.jpeg").read_bytes()          # what make.py printed into photos.pdf
    pdf = read_pdf((OFFICE / "photos.pdf").read_bytes())
    assert [ext for _, _, ext in pdf.images] == [".jpg", ".png"] and pdf.pictures == 0
    assert pdf.images[0][1] == jpeg
    assert pdf.images[1][1].startswith(b"\x89PNG\r\n\x1a\n")
    [d] = run(OFFICE / "photos.pdf", year=2024).drafts
    kinds = [b.kind if b.kind == "image" else b.text[:4] for b in d.body]
    assert kinds == ["5月28", "image", "演练中，", "活动最后", "image"], kinds
    assert jpeg in d.pictures.values() and len(d.pictures) == 2


def test_a_picture_on_every_page_and_a_bar_are_layout():
    from types import SimpleNamespace

    from govnews.importer.readers import pdfpictures
    from govnews.importer.readers.pdftext import _drop_repeated_pictures, _Line

    def shown(data):
        return [_Line(0, 50, 0, 50, 0.0, "", (data, ".png"))]

    def text(words):
        return [_Line(0, 50, 60, 70, 10.0, words)]

    pages = [[[shown(b"logo"), text("第一页"), shown(b"photo")]], [[shown(b"logo"), text("第二页")]]]
    dropped = []
    _drop_repeated_pictures(pages, dropped)
    assert [[row[0].text or row[0].picture[0] for row in block] for page in pages for block in page] == [
        ["第一页", b"photo"], ["第二页"]]
    assert dropped == [("[图片] 每页都有的PNG图片", "页眉页脚")] * 2

    def image(width, height, points):
        return SimpleNamespace(stream=SimpleNamespace(attrs={"Width": width, "Height": height}),
                               width=points[0], height=points[1])

    assert pdfpictures.is_ornament(image(1000, 40, (400, 16)))       # too few points high
    assert pdfpictures.is_ornament(image(1200, 100, (500, 42)))      # a band twelve times longer than high
    assert pdfpictures.is_ornament(image(400, 4, (400, 4)))          # a rule
    assert not pdfpictures.is_ornament(image(512, 395, (226, 293)))  # a photo


def test_a_title_that_merely_ends_in_wenjian_is_no_issuers_mark():
    text = ("湖塘镇学习贯彻省政府文件\n\n本报讯 5月28日，湖塘镇召开会议，学习贯彻省政府有关文件精神。\n\n"
            "牛塘镇召开安全生产会议\n\n本报讯 5月29日，牛塘镇召开安全生产工作会议。\n")
    result = run_text(text, year=2024)
    assert [d.title_text for d in result.drafts] == ["湖塘镇学习贯彻省政府文件", "牛塘镇召开安全生产会议"]
