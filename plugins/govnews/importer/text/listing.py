"""Is a saved page a column's list of articles (栏目列表页) rather than an article?

A mirrored old site holds list pages beside its articles (col/col123.html, index_2.html).
Imported, one would become an "article" made of other articles' titles and dated with the
last date of the list: a forged date on the new site. A list page is one whose text is
titles linking elsewhere — each on its own line, perhaps with a date — and no sentence
of its own, no publication date of its own (PubDate, 发布时间：…): a photo with a short
caption above three related links is still an article.
"""

from __future__ import annotations

import re

from govnews.importer.text.cmspage import FOOTER, WEAK_FOOTER, parse_info

MIN_ENTRIES = 3            # a page of one or two links is an article with related links
MIN_TITLE = 6              # "更多", "首页", "下一页" are not article titles
PROSE_HAN = 20             # a line of the page's own with this many Han characters is text
SENTENCE_HAN = 4           # … or this many, ending a sentence

_HAN = re.compile(r"[\u4e00-\u9fff]")
# what a list entry may carry besides its title: a date, its column, a bullet, brackets
_DECOR = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\b\d{1,2}-\d{1,2}\b|"
                    r"[\[\]【】()（）·•●◆◇■□▪>»›\-—|｜\s]")


# "…近日，某镇召开…[详细]": the first words of an article under its title in a news list
_EXCERPT = re.compile(r"(?:…|\.{3}|。{3})\s*[\[【(（]?\s*(?:详细|详情|更多|全文|阅读全文|查看全文|查看详情|more)?\s*"
                      r"[\]】)）]?\s*[>》»]*\s*$", re.I)


def _entry(line: str, titles) -> bool:
    """`标题 2024-03-12`, `[通知公告] 标题`, `· 标题 (03-12)`: a linked title and nothing of its own."""
    found = max((title for _, title in titles.iter(line)), key=len, default="")
    if not found:
        return False
    rest = _DECOR.sub("", line.replace(found, "", 1))
    return len(_HAN.findall(rest)) <= 6 and not re.search(r"[。；！？]", rest)


def _prose(line: str) -> bool:
    """A line of the page's own text: long, or a short sentence (定于5月6日停水。特此通知。)."""
    han = len(_HAN.findall(line))
    return han >= PROSE_HAN or han >= SENTENCE_HAN and bool(re.search(r"[。！？；]", line))


def list_page(lines: list[str], links: list[tuple[str, str]], dated: bool = False) -> int:
    """The number of article links when the page is a list of them, else 0. `dated`: the
    page's meta tags give its publication date (an article's)."""
    if dated:
        return 0
    titles = {text for text, href in links
              if len(_HAN.findall(text)) >= MIN_TITLE and not href.lower().startswith(("javascript:", "#"))}
    if len(titles) < MIN_ENTRIES:
        return 0
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for title in titles:
        automaton.add_word(title, title)
    automaton.make_automaton()
    entries = 0
    for line in lines:
        line = line.lstrip("#").strip()
        if not line:
            continue
        if _entry(line, automaton):
            entries += 1
        elif _EXCERPT.search(line):
            continue            # an entry's teaser, cut short by the list: not the page's own text
        elif _prose(line) and not FOOTER.search(line) and not WEAK_FOOTER.search(line):
            return 0
        elif ("：" in line or ":" in line) and (info := parse_info(line)) is not None and info.date:
            return 0            # 发布时间：2024-03-28 — an article's meta line
    return entries if entries >= MIN_ENTRIES else 0
