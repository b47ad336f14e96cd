"""Saved and copied article pages of government CMS sites (tests/fixtures/pages, invented
text in common layouts): title, date, source, bylines, staff lines, signatures, contact
lines, and what is removed as page chrome — with nothing lost."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from govnews.importer.output.frontmatter_out import render
from govnews.importer.readers.clipping import read_clipping
from govnews.importer.text import cmspage
from govnews.importer.text.dates import find_date
from govnews.importer.text.mdbody import render_body

from conftest import ROOT
from importer_helpers import assert_nothing_lost, run, run_text, write_page

PAGES = ROOT / "tests" / "fixtures" / "pages"
EXPECTED = yaml.safe_load((PAGES / "expected.yml").read_text(encoding="utf-8"))


def test_corpus_has_fifteen_layouts_of_both_kinds():
    files = [p for p in PAGES.iterdir() if p.suffix in (".html", ".txt")]
    assert sorted(p.name for p in files) == sorted(EXPECTED)
    assert len(files) >= 15
    assert sum(p.suffix == ".html" for p in files) >= 6 and sum(p.suffix == ".txt" for p in files) >= 6


@pytest.fixture(scope="module")
def results():
    return {name: run(PAGES / name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page(results, name):
    want = EXPECTED[name]
    result = results[name]
    assert not result.error, result.error
    [d] = result.drafts
    assert d.title_text == want["title"] and not d.title_from_text
    assert d.subtitle_text == want.get("subtitle", "")
    assert d.date.value == want["date"], d.date
    assert d.date.exact is want["date_exact"], d.date.note
    assert d.source == want["source"]
    assert d.type == want["type"]
    assert d.authors == want["author"]
    assert d.editors == want["editor"]
    body = render_body(d)
    for text in want["keep"]:
        assert text in body, text
    for text in want["gone"]:
        assert text not in body, text
    paragraphs = [p.lstrip("# ") for p in body.split("\n\n")]
    assert want["title"] not in paragraphs                # the title is printed once, above the body
    assert_nothing_lost(read_clipping(str(PAGES / name)).text, result)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_front_matter_has_what_the_page_says(results, name):
    want = EXPECTED[name]
    [d] = results[name].drafts
    fm = yaml.safe_load(render(d, "x").strip("-\n"))
    assert fm["date"] == want["date"]
    assert fm.get("editor", []) == want["editor"]
    assert fm.get("author", []) == want["author"]
    assert fm.get("source", "") == want["source"]
    assert fm.get("keywords", []) == want.get("keywords", [])


def test_today_line_is_never_title_nor_date():
    text = "今天是:2025年6月17日 星期二\n\n当前位置：首页 > 新闻\n\n某镇开展夏季消防演练\n\n6月3日，某镇开展夏季消防演练。\n"
    [d] = run_text(text, year=2024).drafts
    assert d.title_text == "某镇开展夏季消防演练"
    assert d.date.value == date(2024, 6, 3) and not d.date.exact
    assert "今天是" not in render_body(d)


def test_meta_line_gives_date_and_source():
    info = cmspage.parse_info("发布日期:2018-09-26    来源:经开区  浏览次数:379  字号:〖大 中 小〗")
    assert info.date == date(2018, 9, 26) and info.source == "经开区" and info.strong
    info = cmspage.parse_info("时间：2023年1月10日 | 来源：县市场监管局 | 作者：孟晓 | 阅读：142")
    assert (info.date, info.source, info.authors) == (date(2023, 1, 10), "县市场监管局", ["孟晓"])
    info = cmspage.parse_info("2021-11-30 17:20  来源：区融媒体中心  【打印】【关闭】")
    assert info.date == date(2021, 11, 30) and info.source == "区融媒体中心"
    assert cmspage.parse_info("（责任编辑：韦丽）").staff == ["责任编辑 韦丽"]
    assert cmspage.parse_info("编辑：杨帆 审核：吴建国").staff == ["编辑 杨帆", "审核 吴建国"]
    # sentences and event details of a notice are not meta lines
    assert cmspage.parse_info("来源：据统计，全镇共有农户三千余户。") is None
    assert cmspage.parse_info("时间：2024年5月6日上午9时，地点：镇政府三楼会议室") is None


@pytest.mark.parametrize("text,expected", [
    ("2021-11-30 17:20", date(2021, 11, 30)),
    ("2016-7-25", date(2016, 7, 25)),
    ("2022/09/21", date(2022, 9, 21)),
    ("2021.11.30", date(2021, 11, 30)),
    ("2021年11月30日", date(2021, 11, 30)),
    ("二〇二三年三月八日", date(2023, 3, 8)),
    ("二○二一年十二月三十一日", date(2021, 12, 31)),
    ("2021-02-30", None),
    ("电话 0356-3846005", None),
])
def test_date_forms(text, expected):
    found = find_date(text)
    assert (found[0] if found else None) == expected


def test_month_day_takes_the_year_from_the_title():
    text = "当前位置：首页 > 动态\n\n某街道2020年冬季征兵体检工作完成\n\n来源：某街道武装部\n\n12月9日下午，某街道征兵体检工作完成。\n"
    [d] = run_text(text).drafts
    assert d.date.value == date(2020, 12, 9) and not d.date.exact
    assert "2020年" in d.date.note


def test_page_title_suffix_is_the_site_name():
    assert cmspage.strip_site_suffix("石门镇召开审计反馈会_石门镇人民政府") == "石门镇召开审计反馈会"
    assert cmspage.strip_site_suffix("标题 - 某某县人民政府网") == "标题"
    assert cmspage.strip_site_suffix("柳岸街道为老年人体检 | 北湖区融媒体中心") == "柳岸街道为老年人体检"


# ---- never delete article text: signatures, contact lines, end bylines --------------------

def test_notice_signature_and_phone_at_the_end_are_kept():
    text = ("关于做好秋季防火工作的通知\n\n各村（社区）：\n\n请各村做好秋季防火巡查工作。\n\n"
            "泽州县大阳镇人民政府\n监督电话:0356——3846005\n")
    result = run_text(text, year=2024)
    [d] = result.drafts
    body = render_body(d)
    assert "泽州县大阳镇人民政府" in body and "监督电话:0356——3846005" in body
    assert not any(r.reason == "版面标语" for r in result.removed)
    assert_nothing_lost(text, result)


@pytest.mark.parametrize("byline,authors", [
    ("（王鹏）", ["王鹏"]),
    ("(武民宗)", ["武民宗"]),
    ("(记者 罗晓东 通讯员 廖春梅)", ["记者 罗晓东", "通讯员 廖春梅"]),
    ("（通讯员：欧阳明）", ["通讯员 欧阳明"]),
])
def test_end_bylines_become_authors_like_top_bylines(byline, authors):
    text = f"某镇召开会议\n\n6月3日，某镇召开安全生产会议，部署夏季安全工作。\n\n{byline}\n"
    result = run_text(text, year=2024)
    [d] = result.drafts
    assert d.authors == authors
    assert byline not in render_body(d)          # like a byline at the top: in author, not in the body
    assert not result.removed
    assert_nothing_lost(text, result)


def test_parenthesised_words_that_are_no_names_stay_text():
    text = "某镇召开会议\n\n6月3日，某镇召开安全生产会议。\n\n（待续）\n"
    [d] = run_text(text, year=2024).drafts
    assert d.authors == [] and "（待续）" in render_body(d)


def test_end_byline_and_top_byline_name_the_author_once():
    text = "某镇召开会议\n\n记者 王鹏\n\n6月3日，某镇召开安全生产会议。\n\n（王鹏）\n"
    [d] = run_text(text, year=2024).drafts
    assert d.authors == ["记者 王鹏"]


def test_staff_lines_go_to_editor_not_the_void():
    text = "某镇召开会议\n\n6月3日，某镇召开安全生产会议。\n\n责任编辑：张三  审核：李四\n"
    result = run_text(text, year=2024)
    [d] = result.drafts
    assert d.editors == ["责任编辑 张三", "审核 李四"]
    assert "editor: [责任编辑 张三, 审核 李四]" in render(d, "x")
    assert not result.removed
    assert_nothing_lost(text, result)


def test_trailing_slogan_still_removed_but_not_short_text_lines():
    slogan = "某镇召开会议\n\n6月3日，某镇召开安全生产会议。\n\n聚力万亿之城\n彰显绿建担当\n"
    assert [r.reason for r in run_text(slogan, year=2024).removed] == ["版面标语", "版面标语"]
    office = "某镇召开会议\n\n6月3日，某镇召开安全生产会议。\n\n某某镇安全生产委员会办公室\n"
    result = run_text(office, year=2024)
    assert not result.removed and "某某镇安全生产委员会办公室" in render_body(result.drafts[0])


def test_html_header_holding_the_title_is_not_dropped(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><div class='header'>某县人民政府</div><div class='article-header'><h1>某镇召开会议</h1>"
                    "<p>发布时间：2024-06-03</p></div><div><p>6月3日，某镇召开安全生产会议。</p></div></body></html>",
                    encoding="utf-8")
    [d] = run(page).drafts
    assert d.title_text == "某镇召开会议" and d.date.value == date(2024, 6, 3) and d.date.exact


def test_page_whose_text_a_script_loads_is_not_imported_blank(tmp_path):
    """Saved before its script fetched the text, a page holds a title and an empty box: no
    blank article, but a failure that says how to get the text."""
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta name='ArticleTitle' content='关于做好2024年防汛工作的通知'>"
                    "<meta name='PubDate' content='2024-05-06 10:20'></head><body><div class='nav'><a href='/'>首页</a></div>"
                    "<h1>关于做好2024年防汛工作的通知</h1><div class='info'>发布时间：2024-05-06</div><div id='zoom'></div>"
                    "<script>load('/api/article?id=1')</script></body></html>", encoding="utf-8")
    result = run(page)
    assert result.drafts == []
    assert result.error.startswith("只找到标题「关于做好2024年防汛工作的通知」，没有正文，未导入")
    assert "复制正文存为 .txt" in result.error
    page.write_text(page.read_text(encoding="utf-8").replace("<div id='zoom'></div>", "<div id='zoom'><p>各镇：请做好防汛。</p></div>"),
                    encoding="utf-8")
    [d] = run(page).drafts   # the same page with its text is an article
    assert d.title_text == "关于做好2024年防汛工作的通知"


def test_column_name_suggests_the_type(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta name='ColumnName' content='通知公告'><meta name='ArticleTitle' content='某镇停水安排'>"
                    "</head><body><p>某镇停水安排</p><p>发布日期：2024-06-03</p><p>6月5日某镇部分区域停水。</p></body></html>",
                    encoding="utf-8")
    [d] = run(page).drafts
    assert d.title_text == "某镇停水安排" and d.type == "通知公告"


def test_event_notice_keeps_its_organiser_lines():
    text = ("当前位置：首页 > 通知公告\n关于举办青年创业大赛的通知\n发布日期：2024-04-02  来源：团县委\n\n"
            "为激发青年创业热情，决定举办青年创业大赛。\n\n主办单位：共青团某某县委员会\n\n承办单位：县青年创业协会\n\n"
            "技术支持：县就业服务中心\n\n联系我们：0599-1234567\n\n【打印】【关闭】\n上一篇：关于开展植树活动的通知\n"
            "主办：某某县人民政府  网站标识码：9999000001\n")
    result = run_text(text)
    [d] = result.drafts
    body = render_body(d)
    for line in ("主办单位：共青团某某县委员会", "承办单位：县青年创业协会", "技术支持：县就业服务中心", "联系我们：0599-1234567"):
        assert line in body, line
    assert "上一篇" not in body and "网站标识码" not in body
    assert_nothing_lost(text, result)


def test_footer_without_other_markers_is_cut_at_the_organiser_line():
    text = ("您现在的位置：首页 > 动态\n某镇开展消防演练\n发布时间：2024-05-06\n\n5月6日，某镇开展消防演练。\n\n"
            "主办：某镇人民政府\n网站标识码：9999000001  ICP备00000001号\n")
    [d] = run_text(text).drafts
    assert render_body(d) == "5月6日，某镇开展消防演练。\n"


def test_meta_line_above_the_title_is_still_read():
    text = "当前位置：首页 > 动态\n发布时间：2024-05-06  来源：某镇\n某镇开展消防演练\n\n5月6日上午，某镇开展消防演练。\n"
    result = run_text(text)
    [d] = result.drafts
    assert d.title_text == "某镇开展消防演练" and d.date.value == date(2024, 5, 6) and d.source == "某镇"
    assert_nothing_lost(text, result)


def test_prose_above_the_title_is_kept_and_flagged():
    text = "本文转载自某某日报，转载请注明出处。\n当前位置：首页 > 动态\n某镇开展消防演练\n发布时间：2024-05-06\n\n5月6日，某镇开展消防演练。\n"
    [d] = run_text(text).drafts
    assert "本文转载自某某日报，转载请注明出处。" in render_body(d)
    assert any("标题前的文字" in w for w in d.warnings)


def test_event_time_after_the_meta_line_stays_in_the_body():
    text = ("当前位置：首页 > 通知公告\n关于召开防汛工作会议的通知\n发布日期：2024-05-02  来源：某镇\n"
            "时间：2024年5月6日上午9时\n地点：镇政府三楼会议室\n\n请各村党支部书记准时参加。\n")
    [d] = run_text(text).drafts
    body = render_body(d)
    assert "时间：2024年5月6日上午9时\n\n地点：镇政府三楼会议室" in body
    assert d.date.value == date(2024, 5, 2)


def test_bare_date_in_brackets_under_the_title():
    text = "您的位置：首页 > 动态\n某镇开展消防演练\n[2024-05-06]\n\n5月6日，某镇开展消防演练。\n\n扫一扫在手机打开当前页\n"
    [d] = run_text(text).drafts
    assert d.date.value == date(2024, 5, 6) and d.date.exact
    assert render_body(d) == "5月6日，某镇开展消防演练。\n"


def _mht(html: str, charset: str = "gb18030") -> bytes:
    import quopri

    body = quopri.encodestring(html.encode(charset)).decode("ascii")
    return ("From: <Saved by Blink>\r\nSubject: page\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/related; type="text/html"; boundary="----=_NextPart_000"\r\n\r\n'
            "------=_NextPart_000\r\n"
            f'Content-Type: text/html; charset="{charset}"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            "Content-Location: http://www.example.gov.cn/a.html\r\n\r\n" + body + "\r\n"
            "------=_NextPart_000\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
            "------=_NextPart_000--\r\n").encode("ascii")


def test_pages_saved_as_mht_shtml_or_without_extension(tmp_path):
    html = (PAGES / "hanweb_notice.html").read_text(encoding="utf-8")
    (tmp_path / "a.mht").write_bytes(_mht(html.replace("charset=utf-8", "charset=gb18030")))
    (tmp_path / "t20211130_1.shtml").write_text(html, encoding="utf-8")
    (tmp_path / "index").write_text(html, encoding="utf-8")
    for name in ("a.mht", "t20211130_1.shtml", "index"):
        [d] = run(tmp_path / name).drafts
        assert d.title_text == EXPECTED["hanweb_notice.html"]["title"], name
        assert d.date.value == date(2021, 11, 30) and d.source == "青石镇人民政府", name
        assert "监督电话：0599——7612345" in render_body(d)


def test_gbk_page_without_charset_declaration(tmp_path):
    html = ("<html><body><div>当前位置：首页 &gt; 动态</div><h1>某镇开展消防演练</h1><p>发布时间：2024-05-06 来源：某镇</p>"
            "<p>5月6日，某镇开展消防演练，全镇干部群众三百余人参加。</p></body></html>")
    (tmp_path / "p.html").write_bytes(html.encode("gbk"))
    [d] = run(tmp_path / "p.html").drafts
    assert d.title_text == "某镇开展消防演练" and d.source == "某镇"


def test_meta_title_naming_the_site_is_not_taken_from_the_page_head(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta property='og:title' content='某某县人民政府'></head><body><div>某某县人民政府</div>"
                    "<div>当前位置：首页 &gt; 动态</div><div>喜报！某镇获评省级卫生镇</div><div>发布日期：2024-06-03</div>"
                    "<p>近日，某镇获评省级卫生镇。</p></body></html>", encoding="utf-8")
    [d] = run(page).drafts
    assert d.title_text == "喜报！某镇获评省级卫生镇" and d.date.value == date(2024, 6, 3)


def test_meta_line_without_year_takes_it_from_the_page():
    text = "当前位置：首页 > 动态\n某镇2023年冬季征兵工作完成\n发布时间：11-30 17:20  来源：某镇\n\n某镇今年冬季征兵工作顺利完成。\n"
    [d] = run_text(text).drafts
    assert d.date.value == date(2023, 11, 30) and not d.date.exact
    assert "发布时间" not in render_body(d) and any("只有月日" in w for w in d.warnings)


def test_hidden_elements_are_not_article_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><div>当前位置：首页 &gt; 动态</div><h1>某镇开展消防演练</h1><p>发布日期：2024-06-03</p>"
                    "<p>5月6日，某镇开展消防演练。</p><div style='display: none'>某镇 消防 演练 关键词</div>"
                    "<p hidden>打印版正文</p></body></html>", encoding="utf-8")
    result = run(page)
    [d] = result.drafts
    assert render_body(d) == "5月6日，某镇开展消防演练。\n"
    assert {r.reason for r in result.removed if r.text in ("某镇 消防 演练 关键词", "打印版正文")} == {"网页隐藏内容"}


def test_a_source_line_deep_in_a_long_text_makes_no_web_page():
    paras = "\n\n".join(f"第{i}段，某镇持续推进各项工作。" for i in range(20))
    text = f"某镇召开会议\n\n记者 王鹏\n\n{paras}\n\n（完）\n\n来源：某某日报\n\n某村开展义诊\n\n记者 李四\n\n某村开展义诊活动，群众纷纷点赞。\n"
    result = run_text(text, year=2024)
    assert [d.title_text for d in result.drafts] == ["某镇召开会议", "某村开展义诊"]


@pytest.mark.parametrize("variant", ["shown", "ct-only", "dom-saved"])
def test_wechat_article_date_from_what_the_saved_page_holds(tmp_path, variant):
    """Saved as plain HTML the date is only in script variables (createTime, else the ct
    timestamp); saved by a browser after its script ran, it is printed in #publish_time and
    the text is no longer hidden. The same article either way."""
    page = (PAGES / "wechat_article.html").read_text(encoding="utf-8")
    if variant in ("shown", "dom-saved"):
        page = page.replace('<em id="publish_time" class="rich_media_meta rich_media_meta_text"></em>',
                            '<em id="publish_time" class="rich_media_meta rich_media_meta_text">2024年05月16日 15:22</em>')
        page = page.replace("var createTime = '2024-05-16 15:22';", "")
    if variant == "ct-only":
        page = page.replace("var createTime = '2024-05-16 15:22';", "")     # ct 1715844122 = 2024-05-16 15:22 CST
    if variant == "dom-saved":
        page = page.replace('id="js_content" style="visibility: hidden;"', 'id="js_content" style=""')
        page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    path = tmp_path / "wx.html"
    path.write_text(page, encoding="utf-8")
    result = run(path)
    [d] = result.drafts
    assert d.date.value == date(2024, 5, 16) and d.date.exact
    assert d.title_text == "青石镇举办“乡村好手艺”竹编技能大赛" and d.source == "青石发布"
    assert "竹编是我们祖辈传下来的手艺" in render_body(d)
    assert_nothing_lost(read_clipping(str(path)).text, result)


def test_related_list_above_a_footer_with_an_address_is_still_chrome():
    """A contact line in the site footer does not make the related-news list above it article text."""
    text = ("当前位置：首页 > 乡镇动态\n\n某镇召开秋收工作会议\n\n发布日期：2024-09-20 来源：某镇\n\n"
            "9月19日，某镇召开秋收工作会议，部署秋收秋种工作。\n\n相关新闻\n\n某镇开展秋季防火宣传\n\n某镇举办农民丰收节\n\n"
            "主办：某县人民政府办公室\n\n地址：某县人民路1号 电话：0771-1234567\n\n网站标识码：9999000001\n")
    result = run_text(text)
    [d] = result.drafts
    body = render_body(d)
    assert "相关新闻" not in body and "农民丰收节" not in body and "人民路" not in body
    assert_nothing_lost(text, result)


def test_a_menu_of_links_in_a_table_is_not_a_data_table(tmp_path):
    page = ("<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='某镇召开秋收工作会议'></head><body>"
            "<table><tr><td><a href='/'>首页</a></td><td><a href='/a'>政务公开</a></td><td><a href='/b'>办事服务</a></td></tr>"
            "<tr><td><a href='/c'>互动交流</a></td><td><a href='/d'>乡镇动态</a></td><td><a href='/e'>通知公告</a></td></tr></table>"
            "<h1>某镇召开秋收工作会议</h1><p>发布日期：2024-09-20 来源：某镇</p>"
            "<p>9月19日，某镇召开秋收工作会议，部署秋收秋种工作。</p></body></html>")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    text = read_clipping(str(path)).text
    assert "|" not in text and "政务公开" in text
    [d] = run(path).drafts
    assert "政务公开" not in render_body(d)


def _page(tmp_path, html: str, name: str = "p.html"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


_RELATED = ("<h3>相关新闻</h3><ul><li><a href='/a/1.html'>某镇召开秋收工作推进会议</a> 2024-09-20</li>"
            "<li><a href='/a/2.html'>某镇举办第三届农民丰收节</a> 2024-09-22</li>"
            "<li><a href='/a/3.html'>某镇开展秋季森林防火宣传</a> 2024-09-25</li></ul>")


@pytest.mark.parametrize("head,body", [
    ("<meta name='PubDate' content='2024-03-28 08:00'>", "<p>游客在油菜花田中赏花。</p>"),
    ("", "<h1>油菜花开春意浓</h1><p>发布时间：2024-03-28 来源：某镇</p><p>游客在油菜花田中赏花。</p>"),
    ("", "<h1>油菜花开春意浓</h1><p>3月27日，游客在洛阳镇万亩油菜花田中赏花拍照，春意正浓。</p>"),
    ("", "<h1>停水通知</h1><p>定于5月6日全天停水，请游客在前一日储水。</p><p>某镇人民政府</p>"),   # short, undated
])
def test_an_article_with_a_short_text_and_related_links_is_not_a_list_page(tmp_path, head, body):
    path = _page(tmp_path, f"<html><head><meta charset='utf-8'>{head}</head><body>{body}{_RELATED}</body></html>")
    result = run(path)
    assert not result.skipped and not result.error
    assert "游客在" in render_body(result.drafts[0])


_TABLE_LIST = ("<html><head><meta charset='utf-8'><title>图片新闻</title></head><body><table class='list'>"
               "<tr><td><a href='/a/1.html'>湖塘镇举办消防安全知识培训</a></td><td>2024-03-12</td></tr>"
               "<tr><td><a href='/a/2.html'>湖塘镇开展夏季消防安全检查</a></td><td>2024-06-05</td></tr>"
               "<tr><td><a href='/a/3.html'>湖塘镇召开营商环境座谈会</a></td><td>2024-05-08</td></tr></table>"
               "<div><a href='/b/1.html'>西岑村：小菜园变身“共富田”</a><p>走进当湖街道西岑村，一块块整齐的小菜园里，"
               "茄子、辣椒长势喜人。今年以来，村里将房前屋后的…<a href='/b/1.html'>[详细]</a></p></div></body></html>")


@pytest.mark.parametrize("variant", ["list", "table-with-teaser"])
def test_a_list_page_is_skipped_with_its_count(tmp_path, variant):
    from test_importer_migrate import LIST_PAGE

    result = run(_page(tmp_path, LIST_PAGE if variant == "list" else _TABLE_LIST))
    assert not result.drafts and not result.error
    assert result.skipped.startswith("栏目列表页（4 条文章链接）")


_UNDATED = ("<html><head><meta charset='utf-8'><title>湖塘镇举办消防安全知识培训</title></head><body>"
            "<h2>湖塘镇举办消防安全知识培训</h2><p>为提高辖区企业消防安全意识，湖塘镇邀请消防救援大队教官开展培训。</p>"
            "{extra}</body></html>")


@pytest.mark.parametrize("where,url,quoted,day", [
    ("comment", "http://www.wj.gov.cn/art/2023/11/20/art_1234_567890.html", "2023/11/20", date(2023, 11, 20)),
    ("comment", "https://www.pinghu.gov.cn/art/2023/1/5/art_1_2.html", "2023/1/5", date(2023, 1, 5)),
    ("canonical", "http://www.example.gov.cn/xwzx/202405/t20240506_4567890.html", "t20240506_4567890",
     date(2024, 5, 6)),
    ("path", "www.gov.cn/zhengce/content/2019-04/18/content_5384134.htm", "2019-04/18", date(2019, 4, 18)),
    ("path", "mirror/www.x.gov.cn/news/20240506/123.html", "20240506", date(2024, 5, 6)),
])
def test_a_page_without_a_date_is_dated_from_its_address_for_an_editor_to_confirm(tmp_path, where, url, quoted, day):
    page = _UNDATED.format(extra="")
    if where == "comment":
        page = f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n" + page
    elif where == "canonical":
        page = page.replace("</head>", f"<link rel='canonical' href='{url}'></head>")
    path = _page(tmp_path, page, url if where == "path" else "p.html")
    [d] = run(path).drafts
    assert d.date.value == day and not d.date.exact
    assert f"据网址中的“{quoted}”推断" in d.date.note
    assert any("日期为推断" in w for w in d.warnings)
    assert "date_confirmed: false" in render(d, "x")


def test_an_address_date_never_beats_the_page_own_dates(tmp_path):
    url = "http://www.wj.gov.cn/art/2023/11/20/art_1234_567890.html"
    saved = f"<!-- saved from url=({len(url):04d}){url} -->\n"
    signed = _UNDATED.format(extra="<p>湖塘镇人民政府</p><p>2023年11月18日</p>")
    [d] = run(_page(tmp_path, saved + signed, "a.html")).drafts
    assert d.date.value == date(2023, 11, 18) and d.date.exact
    stated = _UNDATED.format(extra="").replace("</head>", "<meta name='PubDate' content='2023-11-21 09:00'></head>")
    [d] = run(_page(tmp_path, saved + stated, "b.html")).drafts
    assert d.date.value == date(2023, 11, 21) and d.date.exact
    # an editor's own folder named by the day of the import is not the article's date
    [d] = run(_page(tmp_path, _UNDATED.format(extra=""), "导入/20250530/old/art.html")).drafts
    assert d.date.value is None
    future = "http://www.wj.gov.cn/art/2031/1/2/art_1.html"          # after today (2025-06-01 in run())
    [d] = run(_page(tmp_path, f"<!-- saved from url=(0040){future} -->\n" + _UNDATED.format(extra=""), "c.html")).drafts
    assert d.date.value is None


def test_a_section_heading_keeps_its_own_paragraph_above_an_indented_line():
    text = ("关于开展农村危房改造申报工作的通知\n\n各村（社区）：\n　　为保障农村低收入群体住房安全，现通知如下：\n"
            "　　一、申报对象\n　　农村低保户、分散供养特困人员等重点对象。\n二、申报时间\n　　2024年3月15日至4月15日。\n"
            "　　三、工作要求\n各村要高度重视，\n认真组织申报。\n")
    result = run_text(text, year=2024)
    body = render_body(result.drafts[0])
    paragraphs = [p.strip() for p in body.split("\n\n")]
    for heading in ("一、申报对象", "二、申报时间"):
        assert heading in paragraphs, body
    assert "三、工作要求各村要高度重视，认真组织申报。" in paragraphs, body     # a wrapped line has no indent
    assert_nothing_lost(text, result)


def test_video_and_audio_in_a_page_are_named_not_dropped_silently(tmp_path):
    page = ("<html><head><meta charset='utf-8'><meta name='PubDate' content='2024-06-18'></head><body>"
            "<h1>西岑村：小菜园变身“共富田”</h1><video controls><source src='media/0618.mp4'></video>"
            "<p>走进西岑村，一块块整齐的小菜园里，茄子、辣椒长势喜人。</p>"
            "<audio src='https://example.cn/a.mp3'></audio>"
            "<iframe src='https://v.qq.com/txp/iframe/player.html?vid=x1'></iframe>"
            "<iframe src='/weather.html'></iframe></body></html>")
    [d] = run(_page(tmp_path, page)).drafts
    notes = [w for w in d.warnings if "未导入" in w]
    assert any("视频「media/0618.mp4」" in w for w in notes)
    assert any("音频「https://example.cn/a.mp3」" in w for w in notes)
    assert any("v.qq.com" in w for w in notes)
    assert not any("weather" in w for w in notes) and len(notes) == 3


def test_a_title_broken_by_br_or_split_in_spans_reads_as_one_line(tmp_path):
    page = ("<html><head><meta charset='utf-8'><meta name='PubDate' content='2024-01-15T10:20:00+08:00'></head><body>"
            "<h1>关于印发《湖塘镇2024年度安全生产<br>工作要点》的<span>通知</span></h1>"
            "<p>现将《湖塘镇2024年度安全生产工作要点》印发给你们，请认真贯彻执行。</p><h2>Smart<br>City 建设</h2>"
            "<p>全镇推进智慧社区建设，年内覆盖所有村（社区）。</p></body></html>")
    [d] = run(_page(tmp_path, page)).drafts
    assert d.title_text == "关于印发《湖塘镇2024年度安全生产工作要点》的通知"
    assert d.date.value == date(2024, 1, 15) and d.date.exact
    assert "Smart City 建设" in render_body(d)


@pytest.mark.parametrize("caption,authors", [
    ("3月27日，游客在洛阳镇万亩油菜花田中赏花拍照。（通讯员 顾卫东 摄）", ["通讯员 顾卫东"]),
    ("游客在油菜花田中赏花拍照。（顾卫东/摄）", ["摄影 顾卫东"]),
    ("游客在油菜花田中赏花拍照。（记者 王强 李明 摄）", ["记者 王强", "记者 李明"]),
    ("游客在油菜花田中赏花拍照。 通讯员 顾卫东 摄", ["通讯员 顾卫东"]),
])
def test_a_bracketed_photo_credit_with_a_role_names_the_photographer(tmp_path, caption, authors):
    page = ("<html><head><meta charset='utf-8'><meta name='PubDate' content='2024-03-28 08:00'></head><body>"
            f"<h1>油菜花开春意浓</h1><p>{caption}</p></body></html>")
    path = _page(tmp_path, page)
    result = run(path)
    [d] = result.drafts
    assert d.authors == authors
    assert "游客在" in render_body(d)
    assert_nothing_lost(read_clipping(str(path)).text, result)


def test_an_mht_archive_is_dated_from_its_address(tmp_path):
    """A .mht (网页，单个文件) names its page's address in the HTML part's Content-Location."""
    html = _UNDATED.format(extra="")
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
           "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n"
           "Content-Location: http://www.wj.gov.cn/art/2023/11/20/art_1234_567890.html\r\n\r\n"
           + __import__("base64").b64encode(html.encode("utf-8")).decode("ascii") + "\r\n--B--\r\n")
    path = tmp_path / "p.mht"
    path.write_bytes(mht.encode("ascii"))
    [d] = run(path).drafts
    assert d.date.value == date(2023, 11, 20) and not d.date.exact and "2023/11/20" in d.date.note
    assert d.title_text == "湖塘镇举办消防安全知识培训"


def test_a_page_nested_thousands_deep_is_read(tmp_path):
    """Old pages leave <font>/<div> unclosed: nesting thousands deep once broke the reader's recursion."""
    page = ("<html><body><h1>湖塘镇召开安全生产工作会议</h1>" + "<div><font>" * 3000
            + "<p>会议部署了全年安全生产重点工作。</p>" + "</font></div>" * 3000 + "</body></html>")
    path = _page(tmp_path, page)
    result = run(path)
    assert not result.error, result.error
    [d] = result.drafts
    assert d.title_text == "湖塘镇召开安全生产工作会议"
    assert "会议部署了全年安全生产重点工作。" in render_body(d)


@pytest.mark.parametrize("line, pages", [("共3页 首页 上一页 1 2 3 下一页 尾页", 3), ("第1页 共 5 页", 5),
                                         ("[1] [2] [3] 下一页", 3), ("<< 上一页 1 2 >> 下一页 跳转到 页 GO", 2),
                                         ("上一页 下一页", 1), ("上一篇：湖塘镇召开会议", 0),
                                         ("下一页将介绍申报条件", 0), ("全文共有3页", 0)])
def test_page_navigators_are_told_from_text(line, pages):
    assert cmspage.page_count(line) == pages


def test_an_article_split_into_pages_says_the_rest_is_elsewhere(tmp_path):
    """An old CMS split a long report into pages: the navigator is chrome, and the editor is told
    that the other pages' text is not in this file (never lost in silence)."""
    page = write_page(tmp_path / "t20240120_1.html", "牛塘镇2023年政府工作报告", date="2024-01-20", body=
                    "<div class='info'>发布时间：2024-01-20 10:20:33　信息来源：牛塘镇</div><div class='content'>"
                    "<p>各位代表：</p><p>现在，我代表牛塘镇人民政府，向大会报告工作，请予审议。</p>"
                    "<p>一、2023年工作回顾</p><p>过去一年，全镇地区生产总值增长6.5%，一般公共预算收入完成5.2亿元。</p></div>"
                    "<div class='page'>共3页&nbsp;<a href='t20240120_1.html'>首页</a> <a href='#'>上一页</a> <span>1</span> "
                    "<a href='t20240120_1_1.html'>2</a> <a href='t20240120_1_2.html'>3</a> <a href='t20240120_1_1.html'>下一页</a>"
                    "</div>")
    result = run(page)
    [d] = result.drafts
    assert "原网页分 3 页，这里只有其中一页的正文：请打开原网页的其余各页，把正文补到本文中（或把各页保存在同一文件夹后一起导入）" in d.warnings
    body = render_body(d)
    assert "下一页" not in body and "共3页 首页" in " ".join(r.text for r in result.removed)
    # 一、2023年工作回顾 is a section of its own, not run into the paragraph below it
    assert "一、2023年工作回顾\n\n过去一年" in body, body
    assert_nothing_lost(read_clipping(str(page)).text, result)


def _split_report(folder, missing: int | None = None) -> None:
    """A report an old CMS split into three pages, saved (mirrored) side by side."""
    names = ["t20240120_1.html", "t20240120_1_1.html", "t20240120_1_2.html"]
    bodies = ["<p>各位代表：</p><p>现在，我代表牛塘镇人民政府，向大会报告工作，请予审议。</p>",
              "<p>二、2024年主要目标</p><p>今年全镇地区生产总值增长6%左右。</p><p><img src='p_files/a.gif' alt='会场'></p>",
              "<p>三、重点工作</p><p>让我们团结一心，奋力谱写牛塘高质量发展新篇章！</p>"]
    folder.mkdir()
    (folder / "p_files").mkdir()
    (folder / "p_files" / "a.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
                                                b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x01D\x00;")
    for k, name in enumerate(names):
        if k == missing:
            continue
        nav = " ".join(f"<span>{i + 1}</span>" if i == k else f"<a href='{names[i]}'>{i + 1}</a>" for i in range(3))
        write_page(folder / name, "牛塘镇2023年政府工作报告",
                   f"<div class='content'>{bodies[k]}</div><div class='page'>共3页 {nav}</div>", date="2024-01-20")


def test_the_pages_of_a_split_article_saved_together_become_one_article(tmp_path):
    from conftest import make_project

    _split_report(tmp_path / "old")
    proj = make_project(tmp_path / "proj")
    imported = proj.govnews("import", str(tmp_path / "old"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    [article] = (proj.docs / "articles").rglob("*.md")
    body = article.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    order = ["请予审议。", "二、2024年主要目标", "增长6%左右。", "![会场](", "三、重点工作", "新篇章！"]
    assert [body.find(t) for t in order] == sorted(body.find(t) for t in order) and body.find(order[0]) > 0, body
    assert "分页并入 2 个" in imported.stdout and "原网页分" not in imported.stdout
    assert "t20240120_1_1.html,,已并入" in (proj.root / "import-report.csv").read_text(encoding="utf-8-sig")

    # one page was not saved: nothing is joined, and the editor is told
    _split_report(tmp_path / "partial", missing=2)
    [d] = run(tmp_path / "partial" / "t20240120_1.html").drafts
    assert "新篇章" not in render_body(d) and any(w.startswith("原网页分 3 页") for w in d.warnings)

    # a file under a page's name holds another article: it is not joined
    _split_report(tmp_path / "other")
    last = tmp_path / "other" / "t20240120_1_2.html"
    last.write_text(last.read_text(encoding="utf-8").replace("政府工作报告", "防汛工作会议"), encoding="utf-8")
    [d] = run(tmp_path / "other" / "t20240120_1.html").drafts
    assert "增长6%左右" in render_body(d) and "新篇章" not in render_body(d)
    assert "原网页第 3 页（t20240120_1_2.html）未能并入（标题不同，不是同一篇文章），请把它的正文补到本文中" in d.warnings


def test_a_picture_badge_after_the_title_and_a_close_button_are_page_chrome():
    text = ("当前位置：首页 > 乡镇快讯\n\n石门乡第三届人民代表大会第二次会议召开[图]\n\n"
            "发布时间:2017-10-26 11:46:39 来源:本站 阅读次数:1407\n\n"
            "3月28日，石门乡第三届人民代表大会第二次会议召开，58名乡人大代表出席。（黄一鸣）\n\n关闭×\n")
    result = run_text(text, year=2017)
    assert_nothing_lost(text, result)
    [d] = result.drafts
    assert d.title_text == "石门乡第三届人民代表大会第二次会议召开"
    assert "关闭" not in render_body(d)
    assert {(r.text, r.reason) for r in result.removed} >= {("[图]", "标题后的“有图/视频”标记"), ("关闭×", "网页导航")}


@pytest.mark.parametrize("closing, authors", [("（袁传仓）", ["袁传仓"]), ("(袁传仓 李明)", ["袁传仓", "李明"]),
                                              ("（通讯员 袁传仓）", ["通讯员 袁传仓"]), ("（完）", []), ("（2024年）", [])])
def test_names_closing_the_last_paragraph_are_its_writers(closing, authors):
    text = f"某镇开展防汛演练\n\n发布时间：2024-05-06 来源：镇应急办\n\n5月5日，某镇开展防汛演练，群众踊跃参加。{closing}\n"
    result = run_text(text)
    assert_nothing_lost(text, result)
    [d] = result.drafts
    assert d.authors == authors
    assert (closing in render_body(d)) is (not authors)
