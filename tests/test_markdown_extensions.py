"""The site's two Markdown extensions for text pasted from Word, WeChat, PDFs and e-papers:
an indented paragraph (首行缩进 as spaces or a tab) stays a paragraph, never a grey monospaced
code block (`govnews.plain_indent`); a line break inside Chinese text is no space
(`govnews.chinese_breaks`). In-process, then in a real build with the shipped mkdocs.yml, and
in Chromium: what a reader sees."""

from __future__ import annotations

import markdown
import pytest

from browser_support import PageLog, browser, new_page, serve_with_nginx  # noqa: F401 (fixtures)
from conftest import make_project

BODY = ("    为进一步激发民营经济活力，湖塘镇出台若干措施。\n\n"
        "    全镇现有民营企业3200余家，\n    占全部企业的九成。\n\n"
        "\t第三段用制表符缩进。\n\n"
        "1. 第一条\n\n    第一条的说明。\n\n2. 第二条\n\n"
        "!!! note \"提示\"\n    申报截止日期为6月30日。\n")
WRAPPED = ("“小湖来帮办”品牌于2023年\n3月上线，累计办件\n3.8万余件，\n"
           "**PM2.5**\n浓度下降。截至目前，\n“小糖全知道”已服务企业\n`代码\n不变`。\n")


def test_indented_text_is_paragraphs_in_process():
    html = markdown.markdown(BODY, extensions=["govnews.plain_indent", "admonition"])
    assert "<pre" not in html and "<code" not in html
    assert "<p>为进一步激发民营经济活力，湖塘镇出台若干措施。</p>" in html
    assert "<p>第三段用制表符缩进。</p>" in html
    assert "<li>\n<p>第一条</p>\n<p>第一条的说明。</p>\n</li>" in html   # a list item's own paragraph
    assert '<div class="admonition note">' in html and "<p>申报截止日期为6月30日。</p>" in html
    # without the extension, Markdown makes code of the same text: the test can fail
    assert "<pre><code>为进一步激发" in markdown.markdown(BODY, extensions=["admonition"])


@pytest.mark.parametrize("text,expected", [
    ("全镇现有民营企业\n3200余家", "全镇现有民营企业\n3200余家"),        # a digit is narrow: the break stays a space
    ("3200余家，\n占全部企业的九成。", "3200余家，占全部企业的九成。"),
    ("于2023年\n“小湖来帮办”\n上线", "于2023年“小湖来帮办”上线"),     # Chinese quotes beside Han
    ("PM2.5\nAQI", "PM2.5\nAQI"),
    ("湖塘 \n  镇", "湖塘镇"),
])
def test_line_breaks_between_wide_characters_go(text, expected):
    html = markdown.markdown(text, extensions=["govnews.chinese_breaks"])
    assert html == f"<p>{expected}</p>"


def test_breaks_in_code_stay_and_markup_is_kept():
    html = markdown.markdown(WRAPPED, extensions=["govnews.chinese_breaks"])
    assert "累计办件\n3.8万余件，\n<strong>PM2.5</strong>" in html
    assert "截至目前，“小糖全知道”已服务企业\n<code>代码\n不变</code>。" in html
    assert "“小湖来帮办”品牌于2023年\n3月上线" in html


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("pasted") / "proj")
    proj.article("2024/indented.md", title="缩进的通知", slug="indented", body=BODY)
    proj.article("2024/wrapped.md", title="断行的稿件", slug="wrapped",
                 body="全镇现有民营企业3200余家，\n占全部企业的九成；\n小微企业\n占八成。\n")
    cells = "".join(f"<td>湖塘镇智能制造产业园第{i}期工程建设项目</td>" for i in range(10))
    proj.article("2024/table.md", title="重点项目表", slug="table", body=f"项目如下。\n\n<table><tr>{cells}</tr></table>\n")
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return proj


def test_site_config_switches_indented_code_off(built):
    body = built.html("articles/2024/indented/").select_one(".gn-body")
    assert body.select("pre, code") == []
    texts = [p.get_text(strip=True) for p in body.find_all("p", recursive=False)]
    assert texts[:3] == ["为进一步激发民营经济活力，湖塘镇出台若干措施。", "全镇现有民营企业3200余家，占全部企业的九成。",
                         "第三段用制表符缩进。"]


def test_reader_sees_pasted_text_as_written_on_a_phone(built, browser, tmp_path):
    log = PageLog()
    with serve_with_nginx(built.site, tmp_path / "nginx") as server:
        page = new_page(browser, "phone", log)
        try:
            page.goto(server.url("articles/2024/wrapped/"))
            assert page.locator(".gn-body p").first.inner_text() == "全镇现有民营企业3200余家，占全部企业的九成；小微企业占八成。"
            # a header-less table pasted from Word: columns keep Material's header width and the
            # table scrolls sideways, rather than one character a line
            page.goto(server.url("articles/2024/table/"))
            widths = page.locator(".gn-body td").evaluate_all("tds => tds.map(td => td.getBoundingClientRect().width)")
            rem = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
            assert len(widths) == 10 and min(widths) >= 5 * rem - 1, (widths, rem)
            assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
        finally:
            page.context.close()


def test_a_site_config_without_the_extensions_gets_them(tmp_path):
    """A site made from an older copy of mkdocs.yml lists neither extension (nor tables): the
    plugin adds them, so its pasted text and imported tables still read as written."""
    proj = make_project(tmp_path / "proj")
    config = proj.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    old = [ln for ln in lines if ln.startswith(("  - govnews.plain_indent", "  - govnews.chinese_breaks", "  - tables"))]
    assert len(old) == 3, old
    config.write_text("\n".join(ln for ln in lines if ln not in old), encoding="utf-8")
    proj.article("2024/indented.md", title="缩进的通知", slug="indented",
                 body="    全镇现有民营企业3200余家，\n    占全部企业的九成。\n\n| 项目 | 金额 |\n| --- | --- |\n| 补助 | 5万元 |\n")
    result = proj.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    body = proj.html("articles/2024/indented/").select_one(".gn-body")
    assert body.select("pre, code") == []
    assert body.find("p").get_text() == "全镇现有民营企业3200余家，占全部企业的九成。"
    assert [td.get_text() for td in body.select("table td")] == ["补助", "5万元"]
