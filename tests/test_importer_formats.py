"""`govnews import` on other shapes of input (Word, saved web page, GBK text), bad inputs,
re-import and --force, run as the real command in a real project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govnews.common import yamlio

from conftest import ROOT, make_project
from importer_helpers import assert_nothing_lost, run, run_text, split_front_matter

FIXTURES = ROOT / "tests" / "fixtures" / "clippings"

DOCX_PARAGRAPHS = [
    ("Title", "牛塘镇召开安全生产工作会议"),
    (None, "■记者 钱晓燕"),
    (None, "本报讯 2024年3月5日上午，牛塘镇召开安全生产工作会议，部署今年安全生产重点工作。"),
    (None, "会议要求，各村（社区）、各企业要压紧压实安全生产责任，"),
    (None, "开展隐患排查整治，确保全镇安全形势稳定。"),
    ("Heading 2", "织密网格 守牢底线"),
    (None, "今年，牛塘镇将把安全生产纳入网格化管理，1*2=2 这样的符号 <b> 和 [链接](x) 也原样保留。"),
]


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for style, text in DOCX_PARAGRAPHS:
        document.add_paragraph(text, style=style) if style else document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("import-project"))


def articles(proj) -> dict[str, str]:
    base = proj.docs / "articles"
    return {p.relative_to(base).as_posix(): p.read_text(encoding="utf-8") for p in sorted(base.rglob("*.md"))}


def meta_of(text: str) -> dict:
    fm, _ = split_front_matter(text)
    return yamlio.load(fm)


def test_word_file(tmp_path):
    path = make_docx(tmp_path / "稿件.docx")
    result = run(path, place="牛塘镇")
    assert_nothing_lost(_docx_text(path), result)
    [d] = result.drafts
    assert d.title_text == "牛塘镇召开安全生产工作会议"
    assert d.authors == ["记者 钱晓燕"]
    assert d.date.value.isoformat() == "2024-03-05" and not d.date.exact
    assert d.town.name == "牛塘镇"
    from govnews.importer.text.mdbody import render_body

    body = render_body(d)
    assert "压紧压实安全生产责任，开展隐患排查整治" in body      # Word line broken mid-sentence
    assert "\n\n## 织密网格 守牢底线\n\n" in body
    assert "1\\*2=2" in body and "&lt;b>" in body and "\\[链接\\](x)" in body


def _docx_text(path: Path) -> str:
    from govnews.importer.readers.clipping import read_clipping

    return read_clipping(str(path)).text


def _docx_lines(path: Path) -> tuple[str, list[str]]:
    """The text of a Word file and its non-blank lines."""
    text = _docx_text(path)
    return text, [line for line in text.split("\n") if line.strip()]


def test_saved_web_page_drops_navigation_and_reports_it():
    result = run(FIXTURES / "web_page.html", place="武进区", year=2024)
    [d] = result.drafts
    assert d.title_text == "西湖街道：老旧小区加装电梯进入“快车道”"
    assert d.kicker_text == "" and d.authors == ["记者 周文静", "通讯员 陆佳"]
    assert d.source == "武进日报"            # from the page footer's copyright line
    assert d.town.name == "西湖街道"
    assert d.date.value.isoformat() == "2024-06-12"
    from govnews.importer.text.mdbody import render_body

    body = render_body(d)
    assert "已完成加装电梯18部，惠及居民600余户" in body          # <strong> inline, source line wrap
    assert "## 资金有保障 流程更便捷" in body
    for chrome in ("首页", "相关推荐", "分享到", "当前位置", "ICP", "console.log", "_hmt"):
        assert chrome not in body
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["新闻 镇街 专题"] == "网页nav"
    assert any(t.startswith("版权所有 武进日报社") for t in reasons)
    assert reasons["当前位置：首页 > 镇街动态"] == "网页导航"


def test_gbk_file_is_detected():
    raw = (FIXTURES / "gbk_page.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    result = run(FIXTURES / "gbk_page.txt", place="武进区", year=2024)
    assert_nothing_lost(raw.decode("gbk"), result)
    [d] = result.drafts
    assert d.title_text == "一“链”帮扶解难题 南夏墅街道助企稳岗"
    assert d.authors == ["记者 沈晓东"] and d.town.name == "南夏墅街道"
    assert [r.text for r in result.removed] == ["□ 版面编辑：刘洋"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_or_without_its_mark_is_read(encoding):
    """Notepad's “Unicode” has a byte-order mark; some systems export UTF-16 without one."""
    from govnews.importer.readers.clipping import ReadError, decode_text

    text = (FIXTURES / "gbk_page.txt").read_bytes().decode("gbk").replace("\n", "\r\n")
    assert decode_text(text.encode(encoding)).replace("\r", "") == text.replace("\r", "")
    for binary in (bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50):
        with pytest.raises(ReadError, match="不是文本文件"):
            decode_text(binary)


def test_word_files_are_read_by_what_they_hold(tmp_path):
    """WPS and old CMS exports name a .docx “.doc” or “.wps”, and Word's web pages “.doc”:
    each is read as what it is; an RTF file gets a message that says what to do."""
    import docx

    document = docx.Document()
    document.add_paragraph("湖塘镇开展垃圾分类宣传活动")
    document.add_paragraph("5月28日，湖塘镇在花园街社区开展垃圾分类宣传活动，发放宣传册500余份。")
    document.save(str(tmp_path / "real.docx"))
    page = ("<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta charset='utf-8'></head><body>"
            "<p>湖塘镇开展垃圾分类宣传活动</p><p>5月28日，湖塘镇在花园街社区开展垃圾分类宣传活动。</p></body></html>")
    files = {"wps.wps": (tmp_path / "real.docx").read_bytes(), "docx.doc": (tmp_path / "real.docx").read_bytes(),
             "web.doc": page.encode("utf-8")}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        [d] = run(tmp_path / name, year=2024).drafts
        assert d.title_text == "湖塘镇开展垃圾分类宣传活动", name
    # a binary Word 97–2003 file under any of the three names is read as one (test_importer_worddoc.py)
    binary = (ROOT / "tests" / "fixtures" / "office" / "notice.doc").read_bytes()
    for name in ("binary.docx", "binary.wps"):
        (tmp_path / name).write_bytes(binary)
        [d] = run(tmp_path / name).drafts
        assert d.title_text == "湖塘镇关于开展2024年安全生产大检查的通知", name
    (tmp_path / "rtf.doc").write_bytes(b"{\\rtf1\\ansi \\'ba\\'fe}")
    assert run(tmp_path / "rtf.doc").error.startswith("这是 RTF 格式的文件（扩展名 .doc）：请在 Word 或 WPS 中“另存为” .docx 后再导入")


def test_year_needed_for_month_day_dates():
    result = run(FIXTURES / "gbk_page.txt", place="武进区")
    [d] = result.drafts
    assert d.date.value is None and any("原文无日期" in w for w in d.warnings)


BAD = {
    "empty.txt": (b"", "文件为空"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "不是文本文件"),
    "undecodable.txt": ("第一行正常\n".encode() + b"\xff\xfe\xff\x80\x80 abc\n", "无法识别文件编码"),
    "not-a-zip.docx": ("这其实是文本文件".encode(), "不是有效的 Word 文档"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Word 文档已损坏，无法打开"),
    "page.pdf": (b"%PDF-1.4", "PDF 文件已损坏"),
    "slides.pptx": (b"PK\x03\x04", "不支持的文件类型"),
    "only-chrome.txt": ("返回 顶部\n相关推荐\n".encode(), "没有找到正文"),
}


def test_bad_inputs_get_one_message_each_and_the_rest_is_imported(tmp_path):
    proj = make_project(tmp_path / "proj")
    files = []
    for name, (data, _) in BAD.items():
        path = tmp_path / name
        path.write_bytes(data)
        files.append(str(path))
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    files += [str(huge), str(tmp_path / "missing.txt")]
    files.insert(3, str(FIXTURES / "gbk_page.txt"))
    proc = proj.govnews("import", *files, "--year", "2024")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    for name, (_, message) in BAD.items():
        assert any(line.startswith(f"{tmp_path / name}: ") and message in line for line in lines), name
    assert any(line.startswith(f"{huge}: 文件过大") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'missing.txt'}: 无法读取文件") for line in lines)
    assert len(lines) == len(BAD) + 2
    assert list(articles(proj)) == ["2024/yi-lian-bang-fu-jie-nan.md"]
    assert "失败 10 个文件" in proc.stdout


def test_reimport_creates_nothing_and_force_overwrites(project):
    clip = str(FIXTURES / "gbk_page.txt")
    first = project.govnews("import", clip, "--year", "2024", "--place", "武进区")
    assert first.returncode == 0, first.stderr
    assert "新建 1 篇" in first.stdout
    written = articles(project)
    assert list(written) == ["2024/yi-lian-bang-fu-jie-nan.md"]
    text = written["2024/yi-lian-bang-fu-jie-nan.md"]
    assert meta_of(text)["date"] == "2024-03-08"
    assert "# 日期：原文未注明，据“3月8日”推断，年份据 --year 2024" in text

    again = project.govnews("import", clip, "--year", "2024", "--place", "武进区")
    assert again.returncode == 0 and "没有新建任何文件" in again.stdout
    assert articles(project) == written

    # the editor reviews the front matter: a re-import still recognises the article
    path = project.docs / "articles" / "2024" / "yi-lian-bang-fu-jie-nan.md"
    path.write_text(text.replace("town: 南夏墅街道", "town: 武进区"), encoding="utf-8")
    edited = path.read_text(encoding="utf-8")
    assert "已导入，跳过" in project.govnews("import", clip, "--year", "2024").stdout
    assert path.read_text(encoding="utf-8") == edited

    # the editor changes the text: same title, not overwritten without --force
    path.write_text(edited.replace("初步达成", "当场达成"), encoding="utf-8")
    changed = path.read_text(encoding="utf-8")
    proc = project.govnews("import", clip, "--year", "2024", "--place", "武进区")
    assert "未覆盖" in proc.stdout and "--force" in proc.stdout
    assert path.read_text(encoding="utf-8") == changed and len(articles(project)) == 1

    forced = project.govnews("import", clip, "--year", "2024", "--place", "武进区", "--force")
    assert forced.returncode == 0 and "覆盖 1 篇" in forced.stdout
    assert path.read_text(encoding="utf-8") == text


def test_dry_run_writes_nothing_and_same_input_gives_same_output(tmp_path):
    proj = make_project(tmp_path / "p")
    clip = str(FIXTURES / "web_page.html")
    dry = proj.govnews("import", clip, "--dry-run", "--year", "2024")
    assert dry.returncode == 0 and "将新建 1 篇" in dry.stdout and "试运行" in dry.stdout
    assert articles(proj) == {}
    outs = []
    for n in range(2):
        out = tmp_path / f"out{n}"
        assert proj.govnews("import", clip, "--year", "2024", "--out", str(out)).returncode == 0
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.md")})
    assert outs[0] == outs[1] and list(outs[0]) == ["2024/xi-hu-jie-dao-lao-jiu.md"]


def test_imported_articles_pass_check_once_the_editor_sets_the_date(tmp_path):
    proj = make_project(tmp_path / "p")
    for name in ("web_page.html", "gbk_page.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    proc = proj.govnews("import", str(tmp_path / "web_page.html"), str(tmp_path / "gbk_page.txt"))
    assert proc.returncode == 0
    assert "原文无日期" in proc.stdout
    check = proj.govnews("check")
    assert check.returncode == 1 and "缺少日期 date" in check.stdout     # undated: the editor must decide
    for path in (proj.docs / "articles" / "undated").glob("*.md"):
        text = path.read_text(encoding="utf-8").replace("\ndate:\n", "\ndate: 2024-06-12\n")
        target = proj.docs / "articles" / "2024" / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        path.unlink()
    check = proj.govnews("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_progress_bar_for_large_batches(tmp_path):
    proj = make_project(tmp_path / "p")
    files = []
    for i in range(20):
        path = tmp_path / f"c{i:02d}.txt"
        path.write_text(f"第{i}号稿件标题\n\n■记者 张三\n\n本报讯 3月{i % 28 + 1}日，某某活动第{i}次举行。\n", encoding="utf-8")
        files.append(str(path))
    proc = proj.govnews("import", *files, "--dry-run", "--year", "2024")
    assert proc.returncode == 0, proc.stderr
    assert "导入: 100%" in proc.stderr and "20/20" in proc.stderr
    assert "将新建 20 篇" in proc.stdout
    few = proj.govnews("import", *files[:3], "--dry-run", "--year", "2024")
    assert "导入:" not in few.stderr


def test_unknown_place_option_is_an_error(tmp_path):
    proj = make_project(tmp_path / "p")
    proc = proj.govnews("import", str(FIXTURES / "gbk_page.txt"), "--place", "湖堂镇")
    assert proc.returncode == 2 and "地名词表中没有「湖堂镇」" in proc.stderr and "湖塘镇" in proc.stderr


def test_word_table_stays_a_table_in_its_place(tmp_path):
    """A table between paragraphs: rows in order, between the paragraphs around it; a merged
    cell's text once; a layout-free table in Word is a data table."""
    import docx

    from govnews.importer.text.mdbody import render_body

    document = docx.Document()
    document.add_paragraph("某镇发放2024年度耕地地力保护补贴")
    document.add_paragraph("近日，某镇完成2024年度耕地地力保护补贴发放工作，标准如下。")
    table = document.add_table(rows=3, cols=3)
    for (r, c), text in {(0, 0): "补贴项目", (0, 1): "标准", (0, 2): "备注", (1, 0): "地力保护补贴",
                         (1, 1): "每亩120元", (1, 2): "按承包面积", (2, 2): "356万元"}.items():
        table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(2, 1)).text = "合计发放"
    document.add_paragraph("补贴资金已直接发放到农户账户。")
    path = tmp_path / "补贴.docx"
    document.save(str(path))
    result = run(path, year=2024)
    assert_nothing_lost(_docx_text(path), result)
    [d] = result.drafts
    body = render_body(d)
    assert ("标准如下。\n\n| 补贴项目 | 标准 | 备注 |\n| --- | --- | --- |\n| 地力保护补贴 | 每亩120元 | 按承包面积 |\n"
            "| 合计发放 |  | 356万元 |\n\n补贴资金") in body
    assert body.count("合计发放") == 1


def test_pasted_markdown_table_in_a_text_file_renders_as_one_table():
    from govnews.importer.text.mdbody import render_body

    text = ("某村公布2024年低保名单\n\n经村民代表会议评议，现将名单公示如下。\n\n"
            "| 姓名 | 人数 |\n|---|---|\n| 王某 | 3 |\n| 李某 | 2 |\n\n公示期为7天。\n")
    result = run_text(text, year=2024)
    assert_nothing_lost(text, result)
    [d] = result.drafts
    assert "| 姓名 | 人数 |\n| --- | --- |\n| 王某 | 3 |\n| 李某 | 2 |\n\n公示期为7天。" in render_body(d)


def test_epaper_page_label_and_a_date_taken_from_another_article_are_said():
    text = ("第A2版：镇街\n\n## 湖塘镇启动夏季消防安全大检查\n\n□记者 何晓丹\n\n"
            "本报讯 6月3日，湖塘镇启动夏季消防安全大检查，重点检查沿街商铺和出租房屋。\n\n"
            "## 牛塘镇举办青年人才招聘会\n\n□通讯员 王强\n\n本报讯 6月2日，牛塘镇举办青年人才招聘会，56家企业提供岗位800余个。\n")
    result = run_text(text, year=2024)
    first, second = result.drafts
    assert first.kicker_text == "" and any(r.text == "第A2版：镇街" for r in result.removed)
    assert first.date.note == "原文未注明，据“6月3日”推断，年份据 --year 2024"
    # the date is the page's latest; the second article's own lead says 6月2日
    assert second.date.value == first.date.value and "据同版文章的“6月3日”推断" in second.date.note


@pytest.mark.parametrize("text,authors,source", [
    ("某镇开展垃圾分类宣传\n\n5月6日，某镇开展垃圾分类宣传活动，发放宣传册2000余份。\n\n（来源：武进日报）\n", [], "武进日报"),
    ("某镇开展垃圾分类宣传\n\n文/图 张三\n\n5月6日，某镇开展垃圾分类宣传活动，发放宣传册2000余份。\n", ["文/图 张三"], ""),
    ("某镇开展垃圾分类宣传\n\n记者 张三 通讯员 李四 报道\n\n5月6日，某镇开展垃圾分类宣传活动，发放宣传册2000余份。\n",
     ["记者 张三", "通讯员 李四"], ""),
    ("湖塘镇召开防汛工作会议\n\n6月10日，湖塘镇召开防汛工作会议，部署今年防汛防台工作。\n\n（湖塘镇党政办）\n", [], "湖塘镇党政办"),
    ("湖塘镇召开防汛工作会议\n\n6月10日，湖塘镇召开防汛工作会议，部署今年防汛防台工作。\n\n供稿：湖塘镇应急管理办\n", [],
     "湖塘镇应急管理办"),
    ("湖塘镇召开防汛工作会议\n\n6月10日，湖塘镇召开防汛工作会议，部署今年防汛防台工作。\n\n（王鹏）\n", ["王鹏"], ""),
])
def test_credits_as_reposts_print_them(text, authors, source):
    """文/图 is one author with both roles; 报道 is no name; a closing 来源 line names the source
    (and stays in the text)."""
    result = run_text(text, year=2024)
    [d] = result.drafts
    assert d.authors == authors and d.source == source
    assert_nothing_lost(text, result)


@pytest.mark.parametrize("lead,authors,source", [
    ("新华社北京6月3日电（记者 张三）", ["记者 张三"], "新华社"),
    ("武进新闻网讯（记者 张三 通讯员 李四）", ["记者 张三", "通讯员 李四"], "武进新闻网"),
    ("本报常州6月3日讯（记者 张三）", ["记者 张三"], ""),
    ("本报讯", [], ""),
])
def test_report_leads_name_their_authors_and_who_sent_them(lead, authors, source):
    text = f"某镇开展垃圾分类宣传\n\n{lead}6月3日，某镇开展垃圾分类宣传活动，发放宣传册2000余份。\n"
    result = run_text(text, year=2024)
    [d] = result.drafts
    assert d.authors == authors and d.source == source
    assert_nothing_lost(text, result)


def test_words_that_only_look_like_a_lead_are_text():
    from govnews.importer.text.bylines import is_lead

    assert not is_lead("社区网格员讯问了当事人。") and not is_lead("他通过网络发布讯息。")


def test_full_width_digits_in_a_date_are_a_date():
    text = "关于暂停供水的通知\n\n因管网维修，5月8日全天暂停供水。\n\n某镇自来水厂\n２０２４年５月６日\n"
    [d] = run_text(text).drafts
    assert d.date.exact and d.date.value.isoformat() == "2024-05-06"
    from govnews.importer.text.dates import find_date

    assert find_date("发布时间：２０２４－０５－０６ 来源：某镇") == (__import__("datetime").date(2024, 5, 6), "２０２４－０５－０６")


def _numbered_docx(path: Path) -> Path:
    """A policy explainer whose section numbers are Word's automatic numbering, not typed text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))

    def numbered(text: str, num: int, level: int, style: str | None = None):
        paragraph = document.add_paragraph(text, style=style)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
        return paragraph

    document.add_paragraph("《湖塘镇促进民营经济发展若干措施》政策解读", style="Title")
    numbered("出台背景", 90, 0)
    document.add_paragraph("为进一步激发民营经济活力，制定本措施。")
    numbered("主要内容", 90, 0)
    numbered("降低经营成本", 90, 1)
    numbered("减免房租三个月。", 90, 2)
    numbered("提供贷款贴息。", 90, 2)
    numbered("优化政务服务", 90, 1)
    numbered("推行企业开办一件事。", 90, 2)
    numbered("适用范围", 90, 0)
    document.add_paragraph("附件目录：")
    numbered("申请表", 91, 0)                       # a second list of the same kind starts again at 一
    document.add_paragraph("第一项", style="List Number")   # numbered by its style: 1.
    document.add_paragraph("第二项", style="List Number")
    numbered("要点", 0, 0)                          # numId 0: numbering switched off
    document.save(str(path))
    return path


def test_word_automatic_numbering_is_kept(tmp_path):
    path = _numbered_docx(tmp_path / "解读.docx")
    text, lines = _docx_lines(path)
    assert lines[1:] == [
        "一、出台背景", "为进一步激发民营经济活力，制定本措施。", "二、主要内容", "（一）降低经营成本",
        "1.减免房租三个月。", "2.提供贷款贴息。", "（二）优化政务服务", "1.推行企业开办一件事。", "三、适用范围",
        "附件目录：", "一、申请表", "1.第一项", "2.第二项", "要点"], lines
    result = run(path)
    from govnews.importer.text.mdbody import render_body

    body = render_body(result.drafts[0])
    assert body.startswith("一、出台背景\n\n") and "\n\n（一）降低经营成本\n\n" in body
    assert_nothing_lost(text, result)


def test_damaged_word_numbering_keeps_the_text(tmp_path):
    """ilvl="x" or a level without a number: the paragraphs come in unnumbered, never a traceback."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="95">'
                                  '<w:lvl w:ilvl="zero"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                                  '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="95"><w:abstractNumId w:val="95"/></w:num>'))
    document.add_paragraph("湖塘镇召开安全生产工作会议", style="Title")
    paragraph = document.add_paragraph("会议部署了全年安全生产重点工作。")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="x"/><w:numId w:val="95"/></w:numPr>'))
    path = tmp_path / "坏编号.docx"
    document.save(str(path))
    result = run(path)
    assert not result.error
    from govnews.importer.text.mdbody import render_body

    assert "会议部署了全年安全生产重点工作。" in render_body(result.drafts[0])


def _noted_docx(path: Path) -> Path:
    """An explainer with Word footnotes, an endnote and a text box (a boxed sign-off)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def notes_part(kind: str, notes: dict[str, str]) -> None:
        tag = kind[:-1]
        body = "".join(f'<w:{tag} w:id="{i}"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:{tag}>' for i, t in notes.items())
        xml = (f'<w:{kind} {w}><w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
               f'{body}</w:{kind}>').encode()
        part = Part(PackURI(f"/word/{kind}.xml"),
                    f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml", xml,
                    document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES if kind == "footnotes" else RT.ENDNOTES)

    def ref(paragraph, kind: str, note_id: str) -> None:
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:{kind}Reference w:id="{note_id}"/></w:r>'))

    document = docx.Document()
    notes_part("footnotes", {"1": "见《湖塘镇促进民营经济发展若干措施》（湖政发〔2024〕8号）。",
                             "2": "数据来源：湖塘镇统计站，截至2024年4月底。"})
    notes_part("endnotes", {"1": "本解读由湖塘镇经济发展局负责解释。", "2": "表中数据为初步统计。"})   # 2: from a table
    document.add_paragraph("《湖塘镇促进民营经济发展若干措施》政策解读", style="Title")
    p = document.add_paragraph("为进一步激发民营经济活力，湖塘镇出台若干措施")
    ref(p, "footnote", "1")
    p.add_run("，共十条。全镇现有民营企业3200余家")
    ref(p, "footnote", "2")
    p.add_run("。")
    p = document.add_paragraph("政策自发布之日起施行。")
    ref(p, "endnote", "1")
    box = document.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        '<w:p><w:r><w:t>湖塘镇人民政府</w:t></w:r></w:p><w:p><w:r><w:t>2024年5月29日</w:t></w:r></w:p>'
        '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>'
        '<w:p><w:r><w:t>湖塘镇人民政府</w:t></w:r></w:p><w:p><w:r><w:t>2024年5月29日</w:t></w:r></w:p>'
        '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    document.save(str(path))
    return path


def test_word_footnotes_endnotes_and_text_boxes_are_kept(tmp_path):
    path = _noted_docx(tmp_path / "解读.docx")
    text, lines = _docx_lines(path)
    assert lines[1:] == [
        "为进一步激发民营经济活力，湖塘镇出台若干措施〔注1〕，共十条。全镇现有民营企业3200余家〔注2〕。",
        "政策自发布之日起施行。〔注3〕",
        "湖塘镇人民政府", "2024年5月29日",            # the text box, once (not its legacy copy too)
        "注释",
        "〔注1〕见《湖塘镇促进民营经济发展若干措施》（湖政发〔2024〕8号）。",
        "〔注2〕数据来源：湖塘镇统计站，截至2024年4月底。",
        "〔注3〕本解读由湖塘镇经济发展局负责解释。",
        "〔注4〕表中数据为初步统计。"], lines        # referred to where no marker is written: still kept
    result = run(path)
    assert_nothing_lost(text, result)
    from govnews.importer.text.mdbody import render_body

    body = render_body(result.drafts[0])
    assert "〔注2〕数据来源：湖塘镇统计站" in body and "3200余家〔注2〕。" in body
