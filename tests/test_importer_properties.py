"""Property tests (hypothesis): whatever the page looks like, nothing is lost — every
character of the input is in an article (body, title, kicker, subtitle, byline) or in the
reported boilerplate, body text in input order — and Markdown escaping round-trips."""

from __future__ import annotations

from datetime import date

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govnews.importer.text.mdbody import escape, plain

from importer_helpers import assert_nothing_lost, run_text

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PUNCT = st.sampled_from(list("，、；：“”‘’（）《》—…·%") + ["——", "1", "2024", "3.8", "PM2.5", "A", "b"])
SPECIAL = st.sampled_from(list("*_`[]{}<>#|&\\!+-=.") + ["&lt;", "1. ", "- ", "> ", "{: .x}", "<b>", "](x)"])
END = st.sampled_from(["。", "！", "？", "”", "。”", "；"])

word = st.text(CJK, min_size=1, max_size=6)
# what readers deliver: no control characters (readers._normalize drops them), no surrogates
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
sentence = st.builds(lambda parts, end: "".join(parts) + end,
                     st.lists(st.one_of(word, word, word, PUNCT, SPECIAL), min_size=1, max_size=12), END)
paragraph = st.builds("".join, st.lists(sentence, min_size=1, max_size=4))
heading = st.builds(lambda a, b: a + (" " + b if b else ""), st.text(CJK, min_size=2, max_size=10),
                    st.one_of(st.just(""), st.text(CJK, min_size=2, max_size=8)))
byline = st.builds(lambda marker, roles: marker + "  ".join(f"{r} {n}" for r, n in roles),
                   st.sampled_from(["□ ", "■", ""]),
                   st.lists(st.tuples(st.sampled_from(["记者", "通讯员", "见习记者", "摄影"]),
                                      st.text(CJK, min_size=2, max_size=3)), min_size=1, max_size=2))
boilerplate = st.sampled_from(["返回 顶部", "相关推荐", "热点", "版权所有 某某日报社 苏ICP备12345678号",
                               "导 读\n\n深1度·铁军打造\n从一线来,到“新一线”去\n\n»»»»» 详见二版", "|", "分享到："])


@st.composite
def broken(draw, text: str) -> str:
    """A paragraph as OCR/e-paper gives it: broken at random places, blank lines between."""
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=3))))
    pieces, last = [], 0
    for c in cuts:
        if c > last:
            pieces.append(text[last:c])
            last = c
    pieces.append(text[last:])
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps))


cell = st.one_of(st.just(""), word, st.builds("".join, st.lists(st.one_of(word, PUNCT), min_size=1, max_size=4)))


@st.composite
def table(draw) -> str:
    """A data table as readers write it (tables.py), sometimes pasted with its |---| row."""
    width = draw(st.integers(2, 4))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=4))
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    if draw(st.booleans()):
        lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)


@st.composite
def article(draw) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(draw(heading) + draw(st.sampled_from(["", "——"])))
    parts.append(draw(st.sampled_from(["", "# ", "## "])) + draw(heading))
    if draw(st.booleans()):
        parts.append(draw(byline))
    paras = draw(st.lists(paragraph, min_size=1, max_size=4))
    if draw(st.booleans()):
        paras[0] = "本报讯 " + paras[0]
    for k, para in enumerate(paras):
        if k and draw(st.integers(0, 4)) == 0:
            parts.append(draw(heading))
        parts.append(draw(broken(para)))
        if draw(st.integers(0, 5)) == 0:
            parts.append(draw(table()))
    return "\n\n".join(parts)


@st.composite
def page(draw) -> str:
    chunks = []
    for art in draw(st.lists(article(), min_size=1, max_size=4)):
        if draw(st.integers(0, 3)) == 0:
            chunks.append(draw(boilerplate))
        chunks.append(art)
    if draw(st.booleans()):
        chunks.append(draw(boilerplate))
    return draw(st.sampled_from(["", "\n", "\n\n"])) + "\n\n\n".join(chunks) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page())
@example("返回 顶部\n\n\n本报记者 一一\n\n一一\n\n一。\n")   # byline before the title
@example("返回 顶部\n\n\n一一\n\n一！\n")                     # one-sentence paragraph is no heading
@example("返回 顶部\n\n\n一一\n\n一”\n")                      # nor is the end of a quotation
@example("返回 顶部\n\n\n# 公安备案\n\n一。\n")                # a removed footer line written as a heading
def test_nothing_lost_on_any_page(text):
    assert_nothing_lost(text, run_text(text, year=2024))


# ---- short lines: signatures, bylines, phone numbers, staff lines; CMS page chrome ----------

name = st.builds(lambda s, g: s + g, st.sampled_from(list("王李张刘陈杨黄赵吴周")),
                 st.text(CJK, min_size=1, max_size=2))
office = st.builds(lambda w, suffix: w + suffix, st.text(CJK, min_size=2, max_size=8),
                   st.sampled_from(["人民政府", "办公室", "委员会", "便民服务中心", "管委会", "社区居委会"]))
phone = st.builds(lambda label, a, b: f"{label}{a}{b}",
                  st.sampled_from(["监督电话：", "联系电话:", "咨询电话：", "电话 ", "举报电话：", ""]),
                  st.sampled_from(["0356——", "0599-", "010-", "1"]), st.integers(1000000, 99999999).map(str))
dateline = st.one_of(st.dates(date(1995, 1, 1), date(2035, 12, 31)).map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
                     st.sampled_from(["二〇二三年三月八日", "二〇二四年十二月三十一日"]))
end_byline = st.one_of(name.map(lambda n: f"（{n}）"), name.map(lambda n: f"({n})"),
                       st.tuples(name, name).map(lambda p: f"（记者 {p[0]} 通讯员 {p[1]}）"))
staff = st.tuples(st.sampled_from(["责任编辑", "编辑", "责编", "审核"]), name).map(lambda p: f"{p[0]}：{p[1]}")
contact = st.one_of(phone, st.text(CJK, min_size=2, max_size=12).map(lambda w: "地址：" + w),
                    st.just("邮箱：office@example.gov.cn"), name.map(lambda n: "联系人：" + n))
short_line = st.one_of(office, phone, dateline, end_byline, staff, contact, name)
meta_line = st.builds(lambda d, src, n: f"发布日期:{d.isoformat()}    来源:{src}  浏览次数:{n}  字号:〖大 中 小〗",
                      st.dates(date(1995, 1, 1), date(2035, 12, 31)), st.text(CJK, min_size=2, max_size=6),
                      st.integers(0, 9999))
head_chrome = st.sampled_from(["今天是:2025年6月17日 星期二", "首页  政务公开  政务服务  互动交流", "网站首页 | 新闻动态",
                               "当前位置：首页 > 新闻中心 > 乡镇动态 > 正文", "您当前的位置：首页 > 通知公告"])
tail_chrome = st.sampled_from(["【打印】【关闭】", "上一篇：某镇召开会议", "下一篇：没有了", "相关链接",
                               "主办：某某县人民政府办公室  承办：某某县大数据中心\n网站标识码：9999000001  ICP备00000001号",
                               "网站标识码：9999000001  ICP备00000001号\n技术支持：某某公司", "分享到："])


@st.composite
def ending(draw) -> list[str]:
    """The last lines of an article: any mix of short lines, with or without blank lines."""
    return draw(st.lists(short_line, min_size=1, max_size=5))


@st.composite
def text_with_short_lines(draw) -> tuple[str, list[str]]:
    shorts = draw(ending())
    body = draw(st.lists(paragraph, min_size=1, max_size=3))
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    parts = [draw(heading)] + body + [sep.join(shorts)]
    if draw(st.booleans()):
        parts.append(draw(heading) + "\n\n" + draw(paragraph))      # another article after it
    return "\n\n".join(parts) + "\n", shorts


# Hypothesis also draws strings it finds in the code under test, so generated "article text"
# can be the very page chrome the importer removes (浏览次数, 公安机关备案): such text is chrome.
CHROME = ("今天是", "当前位置", "浏览次数", "字号", "上一篇", "下一篇", "网站标识码", "技术支持", "【打印】")


def _not_chrome(text: str) -> bool:
    from govnews.importer.text.cmspage import FOOTER

    return not any(c in text for c in CHROME) and not FOOTER.search(text)


@st.composite
def cms_page(draw) -> tuple[str, list[str]]:
    shorts = draw(st.lists(short_line.filter(_not_chrome), min_size=1, max_size=5))
    lines = draw(st.lists(head_chrome, max_size=3))
    lines += [draw(heading.filter(_not_chrome)), draw(meta_line), ""]
    for para in draw(st.lists(paragraph.filter(_not_chrome), min_size=1, max_size=3)):
        lines += [para, ""]
    lines += shorts + [""]
    lines += draw(st.lists(tail_chrome, max_size=4))
    return "\n".join(lines) + "\n", shorts


def _kept(result, line: str) -> bool:
    """The short line is article text: in a body, an author or an editor — not removed."""
    from govnews.importer.text.accounting import essence
    from govnews.importer.text.mdbody import plain, render_body

    want = essence(line)
    removed = {essence(r.text) for r in result.removed}
    in_meta = any(want in essence("".join(s.text for b in (*d.bylines, *d.staff) for s in b.spans))
                  for d in result.drafts)
    in_body = any(want in essence(plain(render_body(d))) for d in result.drafts)
    return (in_body or in_meta) and want not in removed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_with_short_lines())
@example(("关于秋季防火的通知\n\n请各村做好秋季防火巡查工作。\n\n泽州县大阳镇人民政府\n监督电话:0356——3846005\n",
          ["泽州县大阳镇人民政府", "监督电话:0356——3846005"]))
@example(("某镇召开会议\n\n某镇召开安全生产会议。\n\n(王鹏)\n", ["(王鹏)"]))
# a contact line without a colon (电话 86123456) was taken for the title of a second article
@example(("一一\n\n一。\n\n电话 11000000\n（王一）\n\n一一\n\n一。\n", ["电话 11000000", "（王一）"]))
def test_short_lines_at_the_end_are_never_lost(case):
    text, shorts = case
    result = run_text(text, year=2024)
    assert_nothing_lost(text, result)
    for line in shorts:
        assert _kept(result, line), line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cms_page())
@example(("一一\n发布日期:2000-01-01    来源:一一  浏览次数:0  字号:〖大 中 小〗\n\n一。\n\n湖塘镇人民政府\n\n",
          ["湖塘镇人民政府"]))
def test_cms_pages_lose_no_short_line_and_keep_no_chrome(case):
    text, shorts = case
    result = run_text(text, year=2024)
    assert_nothing_lost(text, result)
    [d] = result.drafts
    for line in shorts:
        assert _kept(result, line), line
    from govnews.importer.text.mdbody import render_body

    body = render_body(d)
    for chrome in CHROME:
        assert chrome not in body, chrome
    assert d.date.exact and d.date.value is not None


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=200))
@example("# ")
@example("□ 记者 张三")
def test_nothing_lost_on_arbitrary_text(text):
    result = run_text(text)
    if result.error:        # only "no body text" is acceptable (naming what was found), never a lost character
        assert result.error.startswith(("没有找到正文", "只找到标题")), result.error
    else:
        assert_nothing_lost(text, result)


@settings(max_examples=300, deadline=None)
@given(st.builds("".join, st.lists(st.one_of(word, PUNCT, SPECIAL, st.text(PRINTABLE, max_size=3)), max_size=15)))
@example("&#1")           # a character reference without its ";" is still one in HTML
@example("版权 &copy 2024")
def test_escape_round_trips_and_renders_as_text(text):
    text = " ".join(text.split())      # a paragraph is one line without outer spaces
    md = escape(text)
    assert plain(md) == text
    html = markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html", "admonition", "toc"])
    rendered = BeautifulSoup(html, "lxml").get_text()
    assert " ".join(rendered.split()) == text.strip()


# ---- saved web pages: any nesting of tables, pictures, hidden and chrome elements ----------

_HTML_TEXT = st.one_of(word, PUNCT, st.sampled_from([
    "。", "发布日期：2024-01-02", "来源：某镇", "相关文件：", "附件：1.a.pdf", "上一篇：x", "网站标识码：1", "一、背景",
    "电话：0519-86000000", "|", "| a | b |", "<", "&amp;", "\ue000", " ", "\n", "责任编辑：张三", "点击蓝字 关注我们"]))
_ATTRS = st.sampled_from(["", ' colspan="2"', ' rowspan="3"', ' colspan="x"', ' rowspan="0"', ' colspan="99999"',
                          ' style="visibility:hidden"', ' class="share"', ' id="js_content"', " hidden"])
_IMG = st.builds(lambda src, alt: f'<img src="{src}" alt="{alt}">',
                 st.sampled_from(["a.png", "http://x/y.jpg", "", "data:,", "/i/b.gif", "c.emf", "%zz.png"]),
                 st.text(CJK, max_size=3))


def _element(child):
    def wrap(tag):
        return st.builds(lambda a, kids: f"<{tag}{a}>" + "".join(kids) + f"</{tag}>", _ATTRS, st.lists(child, max_size=4))
    return st.one_of(child, _IMG, *(wrap(t) for t in ("p", "div", "td", "tr", "table", "span", "h1", "th", "script",
                                                      "section", "footer", "a")))


saved_page = st.builds(
    lambda head, body: f"<html><head><meta charset='utf-8'>{head}</head><body>{''.join(body)}</body></html>",
    st.sampled_from(["", "<meta name='ArticleTitle' content='某镇召开会议'>",
                     "<meta property='og:url' content='https://mp.weixin.qq.com/s?x'>"]),
    st.lists(st.recursive(_HTML_TEXT, _element, max_leaves=12), min_size=1, max_size=6))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saved_page)
@example("<html><head><meta charset='utf-8'></head><body>一一<p>发布日期：2024-01-02</p></body></html>")   # a title only
def test_nothing_lost_on_any_saved_page(tmp_path_factory, html):
    """Every character the HTML reader reads is in an article or in the report, whatever the
    page's structure (data and layout tables, merged cells, pictures, WeChat markup)."""
    from govnews.importer.readers.clipping import read_clipping

    from importer_helpers import run

    path = tmp_path_factory.mktemp("page") / "p.html"
    path.write_text(html, encoding="utf-8")
    result = run(path, year=2024)
    if result.error:
        assert result.error.startswith(("没有找到正文", "文件中没有文字", "只找到标题")), result.error
        return
    if result.skipped:          # a column's list page: the whole file is reported as skipped
        assert result.skipped.startswith("栏目列表页") and not result.drafts
        return
    assert_nothing_lost(read_clipping(str(path)).text, result)
