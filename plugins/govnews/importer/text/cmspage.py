"""Article pages of government CMS sites (政府网站集约化 platforms), saved or copied as text.

Such a page is one article framed by chrome: site header and menus, 今天是…, the breadcrumb
(当前位置：首页 > … > 正文), the title, a meta line (发布日期 / 来源 / 作者 / 浏览次数 / 字号 大 中 小
/ 打印 / 关闭), the body, staff lines (责任编辑：…), then 上一篇/下一篇, related lists and the
footer (主办, 网站标识码, ICP, 公网安备, 技术支持).

`detect` finds the title and the end of the article from those anchors; everything before
the title and after the end is chrome (reported), the meta line and staff lines are read
into front matter (and accounted as such), the body keeps every other line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from govnews.config.settings import FIELD_ALIASES
from govnews.importer.text.bylines import is_person_name, parse_byline
from govnews.importer.text.dates import find_date
from govnews.importer.text.marks import ATTACHMENT, CONTACT_LINE, TABLE_ROW
from govnews.model.attachments import EXTENSIONS

# ---- the meta line ------------------------------------------------------------------------

_FIELDS = {
    "date": ("发布日期", "发布时间", "发表时间", "发文日期", "成文日期", "更新时间", "更新日期", "发稿时间",
             "上传时间", "录入时间", "时间", "日期"),
    "source": ("信息来源", "文章来源", "稿件来源", "消息来源", "新闻来源", "来源单位", "供稿单位", "发布机构",
               "发布单位", "发布部门", "信息提供", "来源", "供稿", "稿源", "出处"),
    "author": ("文章作者", "作者", "撰稿人", "撰稿", "记者"),
    "staff": ("责任编辑", "网络编辑", "值班编辑", "本文编辑", "编辑", "责编", "审核人", "审核", "审稿", "校对",
              "签发", "核稿", "初审", "复审", "终审", "编审", "审校", "发布者", "发布人", "录入者", "录入人", "录入员",
              "录入", "上传者"),
    "views": ("浏览次数", "浏览量", "阅读次数", "阅读量", "点击次数", "点击数", "点击量", "点击率", "访问次数",
              "访问量", "浏览", "阅读", "点击", "人气", "热度", "关注度"),
    "chrome": ("字号", "字体", "文字大小", "分享到", "分享至", "分享"),
    # the metadata table of 政府信息公开 documents: read for the date, kept in the body
    "index": ("信息索引号", "索引号", "主题分类", "主题词", "发文机关", "发文机构", "发文单位", "发文字号",
              "信息名称", "文件名称", "名称", "标题", "文号", "有效性", "公开方式",
              "公开范围", "组配分类", "体裁分类", "服务对象", "生成日期", "信息分类", "所属机构", "统一编号"),
}
# labels of a 政府信息公开 metadata table → a policy document's fields (documents.py): the
# Chinese field names editors may write (settings.FIELD_ALIASES), and two more pages print
_DOCUMENT_FIELDS = {**{label: key for label, key in FIELD_ALIASES.items()
                       if key in ("number", "written", "index_no", "issuer", "subject")},
                    "信息索引号": "index_no", "发文日期": "written", "发文机构": "issuer", "发文单位": "issuer"}
_DATE_RANK = {"发布日期": 0, "发布时间": 0, "发表时间": 0, "发稿时间": 0, "成文日期": 2, "发文日期": 2}
_LABEL_FIELD = {label: f for f, labels in _FIELDS.items() for label in labels}
_LABELS = sorted(_LABEL_FIELD, key=len, reverse=True)
_OPEN = "【〖[［(（<《"
_CLOSE = "】〗]］)）>》"
# no left boundary: saved pages glue <span>s together ("09:04:41浏览次数："); a label inside a
# word ("数据来源：") leaves a lead that is no date, so the line is not taken for a meta line
_LABEL_RX = re.compile(r"(?P<label>" + "|".join(_LABELS) + r")(?:\s*[:：]|\u2003)")
# words of the toolbar around the meta line: 【打印】【关闭窗口】 字号：〖大 中 小〗 ……
_CHROME_WORD = (r"打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|收藏本页|收藏|加入收藏|我要纠错|纠错|返回顶部|"
                r"返回列表|返回|顶部|分享到|分享|大|中|小|默认|[Tt]|A\+|A-|A|微信|微博|QQ空间|QQ|"
                r"扫一扫|手机扫码|手机阅读|在手机打开当前页|扫一扫在手机(?:上)?打开(?:当前页|本页)?|用手机扫描二维码|"
                r"手机扫描二维码(?:打开|阅读)?本页|字号|字体|文字大小|保护视力色|视力保护色|背景色|"
                r"下载|朗读|听全文|语音播报|阅读模式|超大|T\+|T-|我要打印|保存本页|复制链接|分享至|微信扫一扫|"
                r"扫码分享|扫码阅读|扫描二维码|手机版|二维码")
_CHROME_TOKEN = re.compile(r"^(?:" + _CHROME_WORD + r")$")
_SEPARATORS = re.compile(r"[\s|｜丨/·•:：×✕✖" + re.escape(_OPEN + _CLOSE) + r"]+")   # 关闭× : a close button
_SENTENCE = re.compile(r"[。！？；]")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?!\d)")
_VIEWS_VALUE = re.compile(r"^[\d,，]*\s*(?:次|人次)?$|^[^\u4e00-\u9fff]{0,12}$|^加载中")
# what may follow the date of a meta line: 17:20, 10时20分, 星期二
_TIME_TAIL = re.compile(r"^(?:上午|下午)?[\d:：\s时分秒点]*(?:(?:星期|周)[一二三四五六日天])?$")
_LEADING_DATE = re.compile(r"^\s*(?:(?:19|20)\d{2}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)")


@dataclass
class Info:
    """Fields read from a meta line (or a staff line)."""
    date: date | None = None
    date_text: str = ""
    source: str = ""
    authors: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)      # "责任编辑 张三"
    strong: bool = False       # a label only meta lines use (发布日期, 来源, 浏览次数…), or two fields
    month_day: tuple[int, int] | None = None   # the page printed no year
    date_rank: int = 9         # 0 发布日期, 1 时间/日期, 2 成文日期: the publication date wins
    index: bool = False        # a 政府信息公开 metadata line (索引号, 文号…): its text stays in the body
    document: dict[str, str] = field(default_factory=dict)   # its values: number, written, issuer …
    account: bool = False      # the source is a WeChat account's name: a 来源：… line says more


def chrome_only(text: str) -> bool:
    """A line of toolbar words only: 【打印】【关闭】, 字号：大 中 小, 分享到：, 扫一扫在手机打开当前页."""
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if not tokens or (len(tokens) == 1 and len(tokens[0]) == 1):     # a lone 大/中/小 may be text
        return False
    return all(_CHROME_TOKEN.match(t) for t in tokens)


def _filler(text: str) -> bool:
    """Nothing but separators and toolbar words."""
    return not _SEPARATORS.sub("", text) or chrome_only(text)


def _strip_chrome(value: str) -> str:
    """'经开区  【打印】【关闭】' → '经开区'; values end where the toolbar starts."""
    tokens = re.split(r"(\s+|[" + re.escape(_OPEN + _CLOSE) + r"|｜])", value)
    out = []
    for t in tokens:
        if _CHROME_TOKEN.match(t.strip()) and t.strip():
            break
        out.append(t)
    return "".join(out).strip(" \u3000\u2003|｜" + _OPEN + _CLOSE)


def parse_info(text: str) -> Info | None:
    """Fields of a meta line, or None when the line is not one (a body sentence, a heading)."""
    text = text.strip()
    if not text or len(text) > 240:
        return None
    matches = list(_LABEL_RX.finditer(text))
    lead = text[: matches[0].start()] if matches else text
    info = Info()
    m = _LEADING_DATE.match(lead)
    if m:                                    # "2021-11-30 17:20  来源：…" (a date without label)
        found = find_date(m.group(0))
        if found:
            info.date, info.date_text, info.date_rank = found[0], found[1], 1
        lead = lead[m.end():]
    if not matches:
        return None
    if not _filler(lead):
        return None
    kinds = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        raw = text[m.end():end]
        value = _strip_chrome(raw)
        rest = raw.strip()[len(value):].strip() if raw.strip().startswith(value) else ""
        if rest and not _filler(rest):
            return None
        kind = _LABEL_FIELD[m.group("label")]
        if value and _SENTENCE.search(value):
            return None
        kinds.append(kind)
        if kind == "date":
            found = find_date(value)
            if not found:
                md = _MONTH_DAY.match(value)
                if md and _TIME_TAIL.match(value[md.end():].strip()):
                    info.month_day = (int(md.group(1)), int(md.group(2)))   # 发布时间：11-30 17:20
                    continue
                return None
            rank = _DATE_RANK.get(m.group("label"), 1)
            if m.group("label") in _DOCUMENT_FIELDS:
                info.document.setdefault(_DOCUMENT_FIELDS[m.group("label")], found[0].isoformat())
            if info.date is not None and rank >= info.date_rank:
                continue
            info.date, info.date_text, info.date_rank = found[0], found[1], rank
            if m.group("label") in ("成文日期", "发文日期"):
                info.index = True          # the document's own date: shown in the body too
            tail = value.replace(found[1], "", 1).strip()
            if tail and not _TIME_TAIL.match(tail):
                return None
        elif kind == "source":
            if len(value) > 40:
                return None
            info.source = value
        elif kind == "author":
            if not value:
                continue
            if len(value) > 40:
                return None
            info.authors += list(parse_byline(value) or [a for a in re.split(r"[\s、，,/;；]+", value) if a])
        elif kind == "staff":
            if not value:
                continue
            if len(value) > 30:
                return None
            label = m.group("label")
            info.staff += [f"{label} {n}" for n in re.split(r"[\s、，,/;；]+", value) if n]
        elif kind == "views":
            if not _VIEWS_VALUE.match(value):
                return None
        elif kind == "index":
            info.index = True
            if value and m.group("label") in _DOCUMENT_FIELDS:
                info.document.setdefault(_DOCUMENT_FIELDS[m.group("label")], value)
            if _DOCUMENT_FIELDS.get(m.group("label")) == "issuer" and not info.source and len(value) <= 40:
                info.source = value
    strong_labels = {"发布日期", "发布时间", "发表时间", "更新时间", "发文日期", "成文日期", "发稿时间"}
    info.strong = (len(kinds) >= 2 or bool({"source", "views"} & set(kinds))
                   or any(m.group("label") in strong_labels for m in matches))
    return info


# ---- labels printed above their values --------------------------------------------------

# a label alone on its line, its value on the next: a page's metadata list (<li><span>发文字号:
# </span><span>…</span>) or table copied from a browser, or saved as text block by block
_LABEL_ALONE = re.compile(r"^[\s•·●○◆◇■□▪▸►\-*|｜【\[]*(?P<label>" + "|".join(_LABELS) + r")[\s】\]]*[:：]\s*$")
_ANY_LABEL = re.compile(r"^[\s•·●○◆◇■□▪▸►【\[]*[\u4e00-\u9fff]{1,8}[\s】\]]*[:：]")   # 上一篇：… is no value
STACK_GAP = 4                 # blank lines a copied list or a saved page puts between a label and its value


CELL = "\u2003"     # an em space: between a label and its value where the page had a table cell


def split_tab_fields(lines: list[str]) -> list[str]:
    """索引号<TAB>014…<TAB>主题分类<TAB>农业 (a metadata table copied from a browser: its cells
    come as tabs) → the cells with an em space between them, which ends a label as a colon does
    (_LABEL_RX): read like a meta line, not a character added. Only a row whose every other cell
    is a known label."""
    out = list(lines)
    for i, line in enumerate(lines):
        if "\t" not in line:
            continue
        cells = [c for c in (c.strip() for c in line.strip().split("\t")) if c]
        if len(cells) < 2 or not all(c.rstrip(":：") in _LABEL_FIELD for c in cells[0::2]):
            continue
        out[i] = line[: len(line) - len(line.lstrip())] + CELL.join(cells)
    return out


def join_stacked_labels(lines: list[str]) -> list[str]:
    """'• 发文字号:' + (blank lines) + '镇政发〔2024〕7号' → '• 发文字号: 镇政发〔2024〕7号' on the
    label's line, the value's line left blank: the same lines, the same line numbers for the
    editor, every character kept, and the meta and index lines read as if printed on one line.
    A value is one short line that is no label line and no sentence; a label followed by
    another label (an empty field, 有效性: then 发布日期:) is left as it is."""
    out = list(lines)
    for i, line in enumerate(lines):
        alone = _LABEL_ALONE.match(line)
        if not alone or _LABEL_FIELD[alone.group("label")] == "chrome":     # 分享到： is a toolbar
            continue
        j, gap = i + 1, 0
        while j < len(lines) and not lines[j].strip() and gap < STACK_GAP:
            j, gap = j + 1, gap + 1
        if j >= len(lines) or not out[j].strip() or out[j] != lines[j]:
            continue
        value = lines[j].strip()
        if (len(value) > 60 or _LABEL_ALONE.match(value) or _LABEL_RX.search(value) or _SENTENCE.search(value)
                or TABLE_ROW.match(value) or value.startswith("#") or value.endswith((":", "："))
                or _ANY_LABEL.match(value) or TAIL.match(value) or FOOTER.search(value) or BREADCRUMB.match(value)
                or chrome_only(value)):
            continue
        out[i] = line.rstrip() + " " + value
        out[j] = ""
    return out


# the head of a WeChat article copied as text: 原创 张三 湖塘发布 2024年06月12日 18:30 江苏 (原创, the
# writer, the account, the time, where it was posted from); no labels at all
_REGIONS = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|"
            "贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_WECHAT_META = re.compile(r"^(?P<original>原创\s+)?(?P<names>(?:[^\s\d，。,:：、；;！？]{1,16}\s+){0,3})"
                          r"(?P<date>(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2}))"
                          r"(?P<time>\s*\d{1,2}:\d{2}(?::\d{2})?)?"
                          r"(?:\s*(?:发表于\s*[\u4e00-\u9fff]{2,8}|(?:" + _REGIONS + r")(?:省|市|自治区)?))?\s*$")


def parse_wechat_head(text: str) -> Info | None:
    """The time, account (source) and writer of a copied WeChat article's head line, or None."""
    m = _WECHAT_META.match(text.strip())
    # a date alone is read as a bare date under the title (_meta_lines); a name and a date with
    # no time (湖塘镇 2024年6月12日) may be a signature
    if not m or not (m.group("original") or (m.group("names").strip() and m.group("time"))):
        return None
    found = find_date(m.group("date"))
    if not found:
        return None
    names = m.group("names").split()
    info = Info(date=found[0], date_text=found[1], strong=True, date_rank=0)
    if names:
        info.source, info.account = names[-1], True
        if len(names) >= 2 and names[0] != names[-1] and is_person_name(names[0]):
            info.authors = [names[0]]
    return info


def is_staff_line(info: Info | None) -> bool:
    return info is not None and bool(info.staff) and not (info.date or info.source or info.authors)


# ---- other chrome lines ---------------------------------------------------------------------

BREADCRUMB = re.compile(r"^[\s【\[]*(?:您当前的位置|您当前位置|您现在的位置|您所在的位置|您的位置|你的位置|你现在的位置|"
                        r"当前位置|所在位置|现在位置|当前栏目|位置)\s*[:：]|^首页\s*(?:[>＞»›→/]|&gt;)|"
                        r"^(?:网站首页|首页|主页)\s*(?:>>|[>＞»›→]|&gt;)\s*[\u4e00-\u9fff]")
TODAY = re.compile(r"^(?:今天是|今天|今日|当前日期|当前时间|现在时间|欢迎访问\S{0,20}[!！]?\s*今天是)\s*[:：]?\s*"
                   r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})"
                   r"\s*(?:星期[一二三四五六日天]|周[一二三四五六日天])?.{0,30}$")
TAIL = re.compile(r"^[\s【\[〖<《]*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|上一页|下一页|相关文章|相关链接|相关新闻|相关阅读|"
                  r"相关信息|相关推荐|相关稿件|相关文档|相关文件|相关政策|相关解读|相关附件|相关专题|热点新闻|热门文章|热门新闻|热点推荐|推荐阅读|猜你喜欢|"
                  r"更多新闻|最新新闻|最新文章|精彩推荐|友情链接|网站地图|网站声明|"
                  # a WeChat article copied as text: what its page prints under the article
                  r"预览时标签不可点|微信扫一扫|关注该公众号|继续滑动看下一个|向上滑动看下一个|轻触阅读原文|阅读原文|"
                  r"喜欢此内容的人还喜欢|写留言)"
                  r"(?:[\s】\]〗>》:：]|$)")
# the site footer; 主办/承办/技术支持 also head lines of event notices, so they end the article
# only right above a line that is surely the footer
FOOTER = re.compile(r"网站标识码|ICP\s*备|ICP\s*证|公网安备|公安备案|公安机关备案|版权所有|Copyright|©|"
                    r"建议使用.{0,20}浏览器|最佳分辨率", re.I)
WEAK_FOOTER = re.compile(r"^(?:主办|承办|协办|技术支持|维护|运维|网站维护)(?:单位)?\s*[:：]|"
                         r"(?:主办|承办)(?:单位)?\s*[:：].{2,40}(?:承办|维护|技术支持|联系电话|地址)")
_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜—–-]{1,2}|\s-\s)\s*[^_|｜—–-]{2,40}$")


HEAD_LINES = 15           # non-blank lines above a meta line that can still be the page head


@dataclass
class PageMeta:
    """What a saved page says about itself (<meta name=ArticleTitle …>, og:*, <title>)."""
    title: str = ""
    html_title: str = ""
    date: date | None = None
    date_text: str = ""
    source: str = ""
    authors: list[str] = field(default_factory=list)
    column: str = ""
    keywords: list[str] = field(default_factory=list)
    description: str = ""
    # <img> in the page text: (line of the text it stands on, src as written, alt)
    images: list[tuple[int, str, str]] = field(default_factory=list)
    embedded: dict[str, bytes] = field(default_factory=dict)     # src → bytes of pictures inside a .docx/.mht
    # <a href> to a file (附件 .pdf .docx …): (line of the text its link text starts on, href, link text)
    files: list[tuple[int, str, str]] = field(default_factory=list)
    url: str = ""                          # where the page was (canonical, og:url, <base>, meta Url)
    links: list[tuple[str, str]] = field(default_factory=list)   # (text, href) of the links in its text
    table_fields: list[str] = field(default_factory=list)        # '索引号：…' from label | value table cells
    media: list[tuple[str, str]] = field(default_factory=list)   # (视频/音频, src) of players in its text
    notices: list[str] = field(default_factory=list)             # what the reader could not bring, for the editor
    # (text, address) of a Word document's links to files on disk that are no attachment
    # (../../etc/passwd, /etc/passwd, file:///…): never copied, each named for the editor
    local_links: list[tuple[str, str]] = field(default_factory=list)


def strip_site_suffix(title: str) -> str:
    """'西湖街道：加装电梯_武进新闻网' → '西湖街道：加装电梯' (and '…-某某县人民政府')."""
    title = " ".join(title.split())
    while True:
        m = _TITLE_SUFFIX.search(title)
        if not m or m.start() < 2:
            return title
        title = title[: m.start()].rstrip()


@dataclass
class Layout:
    """Where a CMS article sits on the page (0-based line indexes)."""
    title: list[int]                       # title line(s)
    head: list[int]                        # chrome before the title
    tail: list[int]                        # chrome after the article
    info: list[int]                        # meta lines (read into front matter)
    staff: list[int]                       # 责任编辑：… lines (front matter `editor`)
    repeated: list[int]                    # the title printed again above the body
    kept_before: list[int] = field(default_factory=list)   # prose above the title, kept in the body
    subtitle: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)         # 索引号/文号… lines: kept in the body, read for the date
    infos: dict[int, Info] = field(default_factory=dict)
    column: str = ""                       # breadcrumb's column (通知公告…), suggests the type


def _essence(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", re.sub(r"^\s*#{1,6}\s+", "", text))


_GREETING = re.compile(r"^(?:欢迎您?(?:访问|光临|来到)|您好|设为首页|加入收藏|繁体|简体|无障碍|长者模式|登录|注册)")


def prose_like(text: str) -> bool:
    """A sentence, not a menu, a breadcrumb or a date line."""
    text = text.strip()
    if BREADCRUMB.match(text) or TODAY.match(text) or FOOTER.search(text) or (_GREETING.match(text) and len(text) <= 40):
        return False
    return bool(_SENTENCE.search(text)) or text.count("，") >= 2


def _titleish(text: str) -> bool:
    text = text.strip()
    text = re.sub(r"^#{1,6}\s+", "", text)       # titles may exclaim (喜报！…), they do not end sentences
    return 2 <= len(text) <= 100 and not text.endswith(("。", "：", ":", "，", ",")) and "。" not in text


def _chrome(text: str) -> bool:
    return bool(chrome_only(text) or TODAY.match(text) or BREADCRUMB.match(text))


def column_of(breadcrumb: str) -> str:
    """'当前位置：首页 > 政务公开 > 通知公告 > 正文' → '通知公告'."""
    parts = [p.strip() for p in re.split(r"[>＞»›→/]|&gt;", re.sub(r"^[^:：]*[:：]", "", breadcrumb)) if p.strip()]
    parts = [p for p in parts if p not in ("正文", "内容", "详情", "正文内容", "文章详情", "首页")]
    return parts[-1] if parts else ""


# 上一篇/下一篇 and the site footer always end the article; a "相关文件：" label may stand
# inside it (policy explainers cite their documents), so it ends the article only when no
# article text follows it
_PAGER = re.compile(r"^[\s【\[〖<《]*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|上一页|下一页)")


# the page navigator of a long article an old CMS split into pages:
# 共3页 首页 上一页 1 2 3 下一页 尾页 / 第1页 共3页 / [1] [2] [3] 下一页
_PAGE_TOKEN = re.compile(r"^(?:共\d+页|第\d+页|当前第\d+页|首页|上一页|下一页|尾页|末页|最后一页|\d{1,3}|[<>«»‹›]+|"
                         r"\.{2,}|…+|跳转到?|转到第?|到第|页|GO|Go|go|确定|/)$")
_PAGE_SPLIT = re.compile(r"[\s\[\]【】［］()（）|｜,，、]+")
_PAGE_WORD = re.compile(r"共\s*\d+\s*页|上一页|下一页|尾页|末页")
_PAGE_NO = re.compile(r"(共|第|当前第)\s*(\d+)\s*页")


def page_count(line: str) -> int:
    """The number of pages a page navigator line names (共3页, or its highest page number),
    1 for a navigator that names none (上一页 下一页), 0 for a line that is no navigator."""
    if not _PAGE_WORD.search(line) or len(line) > 200:
        return 0
    line = _PAGE_NO.sub(r"\1\2页", line)
    tokens = [t for part in _PAGE_SPLIT.split(line) for t in re.split(r"(?<=页)(?=\S)", part) if t]
    if not tokens or not all(_PAGE_TOKEN.match(t) for t in tokens):
        return 0
    total = re.search(r"共(\d+)页", line)
    numbers = [int(t) for t in tokens if t.isdigit()]
    return int(total.group(1)) if total else max(numbers, default=1)


def _labelled_row(line: str) -> bool:
    """A row of a metadata table with label cells (| 索引号 | 014… | 文号 | … |): kept, like 索引号：…"""
    return bool(TABLE_ROW.match(line)) and any(c.strip(" ：:") in _LABEL_FIELD for c in line.strip("|").split("|"))


def _label_in_body(line: str) -> bool:
    return bool(TAIL.match(line)) and not _PAGER.match(line) and not FOOTER.search(line)


# the article's own files, listed under the text: 相关附件：申报表.docx / 1. 名单.xls
_RELATED_FILES = re.compile(r"^[\s【\[]*(?:相关附件|附件下载|附件列表)\s*[】\]]?\s*[:：]?\s*\S")
_FILE_NAME = re.compile(r"(?:" + "|".join(re.escape(e) for e in EXTENSIONS) + r")\s*[)）]?$", re.I)


def _surely_text(line: str) -> bool:
    """A line no related-links list or footer holds: a contact line, an attachment, a sentence."""
    if FOOTER.search(line) or WEAK_FOOTER.search(line):
        return False
    return bool(CONTACT_LINE.search(line) or ATTACHMENT.match(line) or _FILE_NAME.search(line)
                or (len(line) >= 15 and _SENTENCE.search(line) and prose_like(line)))


def _text_follows(text: list[str], after: list[int]) -> bool:
    """Article text below a related-links label, before the next end of the article."""
    for k in after:
        t = text[k]
        if TAIL.match(t) or FOOTER.search(t) or WEAK_FOOTER.search(t):    # the footer begins
            return False
        if _surely_text(t):
            return True
    return False


def detect(lines: list[str], meta: PageMeta | None = None) -> Layout | None:
    """The layout of a CMS article page, or None when the text shows no CMS anchors: its
    title, the page head above it, the meta lines under it, where the article ends, and
    the staff lines and page tail around the body."""
    text = [ln.strip() for ln in lines]
    infos = {i: parse_info(t) for i, t in enumerate(text) if t and _LABEL_RX.search(t) and not TABLE_ROW.match(t)}
    infos.update({i: parse_wechat_head(t) for i, t in enumerate(text[:HEAD_LINES * 2]) if t and i not in infos})
    infos = {i: v for i, v in infos.items() if v is not None}
    crumbs = [i for i, t in enumerate(text) if t and BREADCRUMB.match(t) and len(t) <= 120]
    strong = sorted(i for i, v in infos.items() if v.strong)
    meta_titles = [t for t in ((meta.title, strip_site_suffix(meta.html_title)) if meta else ()) if t]

    title, subtitle = _find_title(text, infos, crumbs, strong, meta_titles)
    if title is None:
        return None
    if not crumbs and not meta_titles:
        # a meta line alone marks a CMS page only near the top: a "来源：…" deep in a newspaper
        # page or a long text is no page head
        if not strong or sum(1 for t in text[: strong[0]] if t) > HEAD_LINES:
            return None

    layout = Layout(title=[title], head=[], tail=[], info=[], staff=[], repeated=[], subtitle=subtitle)
    if crumbs and crumbs[0] < title:
        layout.column = column_of(text[crumbs[-1] if crumbs[-1] < title else crumbs[0]])
    _page_head(layout, text, infos, title)
    body_start = _meta_lines(layout, text, infos, title, subtitle)
    cut = _article_end(text, infos, body_start)
    _staff_and_tail(layout, text, infos, body_start, cut)
    layout.info.sort()
    layout.infos = {i: infos[i] for i in (*layout.info, *layout.staff, *layout.index) if i in infos}
    return layout


def _find_title(text: list[str], infos: dict, crumbs: list[int], strong: list[int],
                meta_titles: list[str]) -> tuple[int | None, list[int]]:
    """The title line (and a "——" subtitle under it), by the page's own title, the meta
    line's position, or the breadcrumb."""
    n = len(text)
    title: int | None = None
    start = crumbs[0] + 1 if crumbs else 0
    # 1. the page's own title (meta ArticleTitle, og:title, <title>) printed as a line
    for want in meta_titles:
        we = _essence(want)
        hits = [i for i in range(n) if text[i] and not _chrome(text[i]) and i not in infos and _essence(text[i]) == we]
        hits = [i for i in hits if i >= start] if crumbs else hits   # not the site name in the page head
        if hits:
            title = hits[0]
            break
    first_strong = next((i for i in strong if i >= start), strong[0] if strong else None)
    subtitle: list[int] = []
    # 2. the line above the meta lines (and the title above a "——" subtitle): above the
    # first strong one and any weaker ones printed before it (索引号, 作者：…)
    if title is None and first_strong is not None:
        j = first_strong - 1
        while j >= 0 and (not text[j] or chrome_only(text[j]) or j in infos):
            j -= 1
        if j >= 0 and _titleish(text[j]) and not _chrome(text[j]) and j not in infos:
            title = j
            up = j - 1
            while up >= 0 and not text[up]:
                up -= 1
            if re.match(r"^\s*(?:#{1,6}\s+)?(?:——|—|--)", text[j]) and up >= 0 and _titleish(text[up]) \
                    and not _chrome(text[up]) and up not in infos:
                title, subtitle = up, [j]
    # 2b. the meta line printed above the title, at the top of the page
    if title is None and first_strong is not None and all(not text[i] or _chrome(text[i]) for i in range(first_strong)):
        j = first_strong + 1
        while j < n and (not text[j] or _chrome(text[j]) or j in infos):
            j += 1
        if j < n and _titleish(text[j]) and len(text[j]) <= 60:
            title = j
    # 3. the first title-like line after the breadcrumb
    if title is None and crumbs:
        j = crumbs[0] + 1
        while j < n and (not text[j] or _chrome(text[j]) or j in infos):
            j += 1
        if j < n and _titleish(text[j]) and len(text[j]) <= 60:
            title = j
    return title, subtitle


def _page_head(layout: Layout, text: list[str], infos: dict, title: int) -> None:
    """Above the title: meta lines, index rows (索引号 …), chrome; a line that reads like prose
    is not chrome: it stays (flagged) in the body."""
    layout.info = [i for i in range(title) if i in infos and infos[i].strong and not is_staff_line(infos[i])
                   and not infos[i].index]
    layout.index = [i for i in range(title) if i in infos and infos[i].index]
    # a metadata table with label cells above the title: all its rows stay, like 索引号：… lines
    run: list[int] = []
    for i in range(title + 1):
        if i < title and TABLE_ROW.match(text[i]):
            run.append(i)
            continue
        if any(_labelled_row(text[k]) for k in run):
            layout.index += run
        run = []
    layout.index.sort()
    layout.head = [i for i in range(title) if text[i] and not prose_like(text[i]) and i not in layout.info
                   and i not in layout.index]
    layout.kept_before = [i for i in range(title) if text[i] and prose_like(text[i])]


def _meta_lines(layout: Layout, text: list[str], infos: dict, title: int, subtitle: list[int]) -> int:
    """The meta lines under the title; returns the first line of the body."""
    n = len(text)
    # a subtitle or kicker printed between the title and the meta line stays as text (no
    # loss); the meta lines: strong anywhere, weak (时间：…, 作者：…) or a bare date right under the title
    j = (subtitle[-1] if subtitle else title) + 1
    while j < n:
        if not text[j]:
            j += 1
            continue
        info = infos.get(j)
        if info is not None and not info.strong and info.date and any(infos[i].date for i in layout.info):
            break         # 时间：… after the meta line is the body's (an event's time), not the page's
        if info is not None and info.index:
            layout.index.append(j)
            j += 1
            continue
        bare = text[j].strip(" []［］【】()（）")
        if info is None and not layout.info and _LEADING_DATE.fullmatch(bare) and find_date(bare):
            found = find_date(bare)          # a date alone under the title: [2021-11-30]
            info = Info(date=found[0], date_text=found[1])
            infos[j] = info
        if info is not None and not is_staff_line(info):
            layout.info.append(j)
        elif chrome_only(text[j]):
            pass
        elif _essence(text[j]) == _essence(text[title]):
            layout.repeated.append(j)
        else:
            break
        j += 1
    return j


def _article_end(text: list[str], infos: dict, body_start: int) -> int:
    """The first 上一篇 / related list / footer line after some body text (or the end)."""
    n = len(text)
    cut = n
    seen_body = False
    following = [k for k in range(body_start, n) if text[k]]
    for pos, k in enumerate(following):
        t = text[k]
        nxt = text[following[pos + 1]] if pos + 1 < len(following) else ""
        if seen_body and _RELATED_FILES.match(t) and _FILE_NAME.search(t):
            continue          # 相关附件：申报表.docx: the article's own file, not a related-links list
        if TAIL.match(t) or (FOOTER.search(t) and len(t) <= 200) or (WEAK_FOOTER.search(t) and FOOTER.search(nxt)) \
                or page_count(t):
            if seen_body and not (_label_in_body(t) and _text_follows(text, following[pos + 1:])):
                cut = k
                break
            continue
        if k not in infos and not _chrome(t):
            seen_body = True
    return cut


def _staff_and_tail(layout: Layout, text: list[str], infos: dict, body_start: int, cut: int) -> None:
    """Staff, index and meta lines inside the body; everything after the end is the tail,
    but 责任编辑 printed under the 上一篇 links is still the editor."""
    n = len(text)
    for k in range(body_start, cut):
        info = infos.get(k)
        if info is None:
            continue
        if is_staff_line(info):
            layout.staff.append(k)
        elif info.index:
            if k not in layout.index:
                layout.index.append(k)
        elif info.strong and k not in layout.info:
            layout.info.append(k)
    for k in range(cut, n):
        if not text[k]:
            continue
        info = infos.get(k)
        if is_staff_line(info):
            layout.staff.append(k)       # 责任编辑 printed under the 上一篇 links is still the editor
        else:
            layout.tail.append(k)
