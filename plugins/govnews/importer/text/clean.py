"""Page and web boilerplate: navigation, copyright lines, 导读 teasers, e-paper labels.

Works line by line before anything else; whatever it removes is returned (line, text,
reason) so the report can list it. Page slogans at the very end of a page are recognised
later (split.py), since they look like headings.
"""

from __future__ import annotations

import re

from govnews.importer.model import Removed
from govnews.importer.readers.tables import is_separator
from govnews.importer.text.cmspage import TODAY, chrome_only
from govnews.importer.text.marks import TABLE_ROW

# Whole lines that are web-page chrome.
_WEB_LINES = re.compile(
    r"^[|｜\s]*(?:返回(?:\s*顶部)?|顶部|回到顶部|返回首页|首页|上一篇|下一篇|上一版|下一版|相关推荐|相关阅读|相关新闻|"
    r"热点|热门|热门推荐|推荐阅读|分享到?[:：]?|打印|关闭|关闭窗口|【?打印本页】?|【?关闭窗口】?|收藏|"
    r"扫一扫|扫码|评论|我要评论|字号[:：]?\s*(?:大\s*中\s*小)?|[【\[]?\s*(?:大|中|小)\s*[】\]]?)[|｜\s]*$"
)
_WEB_PREFIX = re.compile(r"^(?:当前位置|您的位置|你的位置|所在位置|您现在的位置|您当前的位置|您当前位置|您所在的位置|当前栏目)\s*[:：]|"
                         r"^[【\[]?(?:上一篇|下一篇|上一条|下一条)\s*[:：]")
# a WeChat account's prompts inside the article: 点击蓝字 关注我们, 长按识别二维码关注, - END -
_FOLLOW_PROMPT = re.compile(r"^[▲△↑☝👆\s]*(?:点击|点)(?:上方|下方)?\s*[“\"]?(?:蓝字|名片)[”\"]?\s*(?:一键)?\s*关注(?:我们)?[!！~～。]*$|"
                            r"^长按(?:识别)?(?:二维码|图片).{0,12}关注.{0,12}$|^(?:扫码|扫描二维码)关注.{0,12}$|^[-—－_\s]*END[-—－_\s]*$")
_ORPHAN_MARKS = re.compile(r"^[|｜·•>»«<\-_=~*\s]+$")  # separators left over from a web page
_COPYRIGHT = re.compile(r"版权所有|copyright|©|ICP备|公网安备|京ICP|增值电信|网站标识码|公安备案", re.I)
_TEASER_START = re.compile(r"^导\s*读$")
_TEASER_END = re.compile(r"详见\s*[第]?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版")
_PAGE_LABEL = re.compile(
    r"^(?:第?\s*[A-ZＡ-Ｚ]?\s*[0-9０-９]{1,3}\s*版[:：]?.{0,12}|[A-Z]?[0-9]{1,2}\s*版|版面[:：].*|"
    r"\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天].*|本版(?:编辑|责编|主编)[:：].*|"
    r"[□■]?\s*(?:版面编辑|本版编辑|责任编辑|责编|编辑|校对|美编|组版|审核|监制)\s*[:：]\s*\S{2,4}(?:\s+\S{2,4})*)$"
)
_PAPER = re.compile(r"(?:版权所有|©|copyright)\s*[:：]?\s*(?:[\u4e00-\u9fff]{2,3}省)?"
                    r"(?P<org>[\u4e00-\u9fff]{2,20}?(?:日报|晚报|快报|晨报|商报|报)?)(?:传媒|报业|新闻|社|集团|有限|股份|网)", re.I)
_PROVINCES = ("江苏", "浙江", "上海", "安徽", "山东", "广东", "福建", "北京", "天津", "河北", "河南", "湖北",
              "湖南", "江西", "四川", "重庆", "陕西", "山西", "辽宁", "吉林", "黑龙江", "云南", "贵州", "广西",
              "海南", "甘肃", "青海", "宁夏", "新疆", "西藏", "内蒙古")
TEASER_MAX_LINES = 12


def clean_lines(lines: list[str], protect: set[int] = frozenset()) -> tuple[list[str | None], list[Removed], str]:
    """Return the lines with boilerplate replaced by None, what was removed, the paper named.
    Lines in `protect` (0-based: a web page's title, meta and staff lines) are left alone."""
    kept: list[str | None] = list(lines)
    removed: list[Removed] = []
    paper = ""

    def drop(i: int, reason: str) -> None:
        if kept[i] is not None and kept[i].strip():
            removed.append(Removed(i + 1, kept[i].strip(), reason))
        kept[i] = None

    i = 0
    while i < len(lines):
        text = lines[i].strip()
        if not text or i in protect:
            i += 1
            continue
        if _TEASER_START.match(text):
            end = _teaser_end(lines, i)
            if end is not None:
                for j in range(i, end + 1):
                    drop(j, "导读")
                i = end + 1
                continue
        if _TEASER_END.search(text) and len(text) <= 20:
            drop(i, "导读")
        elif _COPYRIGHT.search(text):
            m = _PAPER.search(text)
            if m and not paper:
                paper = paper_name(m.group("org"))
            drop(i, "版权信息")
        elif is_separator(text) and i and TABLE_ROW.match(lines[i - 1].strip()):
            pass                    # |---|---| under a table's first row (a pasted Markdown table)
        elif _WEB_LINES.match(text) or _ORPHAN_MARKS.match(text) or _WEB_PREFIX.match(text) or chrome_only(text):
            drop(i, "网页导航")
        elif _FOLLOW_PROMPT.match(text):
            drop(i, "公众号关注提示")
        elif TODAY.match(text):
            drop(i, "网页页头日期")
        elif _PAGE_LABEL.match(text):
            drop(i, "版面标记")
        i += 1
    removed.sort(key=lambda r: r.line)
    return kept, removed, paper


def _teaser_end(lines: list[str], start: int) -> int | None:
    for j in range(start + 1, min(len(lines), start + TEASER_MAX_LINES)):
        if _TEASER_END.search(lines[j]):
            return j
    return None


def paper_name(org: str) -> str:
    """江苏现代快报 → 现代快报 (the province prefix is the company's, not the paper's)."""
    for prov in _PROVINCES:
        if org.startswith(prov) and len(org) > len(prov) + 1:
            return org[len(prov):]
    return org
