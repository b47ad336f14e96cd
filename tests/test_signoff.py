"""The closing sign-off (落款) of a notice is set flush right: the rule in-process, then the
sample site's 通告 in Chromium through the shipped nginx."""

from __future__ import annotations

import pytest

from govnews.site.signoff import mark_signoff

from browser_support import PageLog, browser, browser_site, new_page, served  # noqa: F401 (fixtures)

BODY = "<p>为做好工作，现将有关事项通知如下。</p>\n"


def marked(html: str) -> list[str]:
    import re
    return [re.sub(r"<[^>]+>", "|", m) for m in re.findall(r'<p class="gn-signoff">(.*?)</p>', mark_signoff(html), re.S)]


@pytest.mark.parametrize("tail,expected", [
    ("<p>中共常州市武进区委宣传部<br />\n2024年5月29日</p>", ["中共常州市武进区委宣传部|\n2024年5月29日"]),
    ("<p>湖塘镇人民政府</p>\n<p>2024年5月29日</p>", ["湖塘镇人民政府", "2024年5月29日"]),
    ("<p>湖塘镇人民政府</p>\n<p>湖塘镇财政所</p>\n<p>二〇二四年五月二十九日</p>",
     ["湖塘镇人民政府", "湖塘镇财政所", "二〇二四年五月二十九日"]),
    ("<p>湖塘镇人民政府<br />2024年5月29日（星期三）</p>", ["湖塘镇人民政府|2024年5月29日（星期三）"]),
    ("<p>湖塘镇人民政府<br />２０２４年５月２９日 星期三</p>", ["湖塘镇人民政府|２０２４年５月２９日 星期三"]),   # the importer's rule
    ("<p>湖塘镇人民政府</p>\n<p>二○二四年五月二十九日</p>", ["湖塘镇人民政府", "二○二四年五月二十九日"]),
    ("<p>特此通告</p>\n<p>湖塘镇人民政府</p>\n<p>2024年5月29日</p>", ["湖塘镇人民政府", "2024年5月29日"]),
    ("<p>联系电话：0519-12345678</p>\n<p>2024年5月29日</p>", ["2024年5月29日"]),
    # not a sign-off: prose, a list, a date inside a sentence, an attachment line, a styled paragraph
    ("<p>会议于2024年5月29日召开。</p>", []),
    ("<p>附件：1. 申报表</p>", []),
    ("<p>湖塘镇人民政府，2024年5月29日</p>", []),
    ("<ul>\n<li>2024年5月29日</li>\n</ul>", []),
])
def test_sign_off_at_the_end_is_marked(tail, expected):
    assert marked(BODY + tail) == expected


def test_a_date_alone_is_not_a_sign_off_nor_is_text_after_it():
    assert marked("<p>2024年5月29日</p>") == []
    assert marked(BODY + "<p>湖塘镇人民政府<br />2024年5月29日</p>\n<p>附件：申报表</p>") == []
    html = BODY + "<p>正文。</p>"
    assert mark_signoff(html) is html   # unchanged, not copied


def test_sample_notice_signs_off_on_the_right(served, browser):
    log = PageLog()
    page = new_page(browser, "phone", log)
    try:
        page.goto(served.url("articles/2024/tong-gao/"))
        sign = page.locator(".gn-body p.gn-signoff")
        assert sign.count() == 1 and sign.inner_text().split() == ["中共常州市武进区委宣传部", "2024年5月29日"]
        assert sign.evaluate("p => getComputedStyle(p).textAlign") == "right"
        first = page.locator(".gn-body p").first
        assert first.evaluate("p => getComputedStyle(p).textAlign") in ("start", "left", "justify")
        assert log.errors == []
    finally:
        page.context.close()
