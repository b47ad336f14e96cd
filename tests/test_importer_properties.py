"""Property tests (hypothesis): whatever the page looks like, nothing is lost — every
character of the input is in an article (body, title, kicker, subtitle, byline) or in the
reported boilerplate, body text in input order — and Markdown escaping round-trips."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govnews.importer.mdbody import escape, plain

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
def test_nothing_lost_on_any_page(text):
    assert_nothing_lost(text, run_text(text, year=2024))


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=200))
@example("# ")
@example("□ 记者 张三")
def test_nothing_lost_on_arbitrary_text(text):
    result = run_text(text)
    if result.error:        # only "no body text" is acceptable, never a lost character
        assert result.error.startswith("没有找到正文"), result.error
    else:
        assert_nothing_lost(text, result)


@settings(max_examples=300, deadline=None)
@given(st.builds("".join, st.lists(st.one_of(word, PUNCT, SPECIAL, st.text(PRINTABLE, max_size=3)), max_size=15)))
def test_escape_round_trips_and_renders_as_text(text):
    text = " ".join(text.split())      # a paragraph is one line without outer spaces
    md = escape(text)
    assert plain(md) == text
    html = markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html", "admonition", "toc"])
    rendered = BeautifulSoup(html, "lxml").get_text()
    assert " ".join(rendered.split()) == text.strip()
