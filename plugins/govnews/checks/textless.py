"""Bodies with nothing to read. A blank one (empty, or only comments) is not published. One
that is only pictures — a 图解 explainer, a poster, a photographed notice — says nothing to a
screen reader (适老化: 读屏/朗读), nothing to search, and shows a blank page to a reader on a
slow link until the pictures arrive: inspectors and elderly readers need its words, the text
under the pictures (a 图解 comes with its 文字版) or at least a description of each. One that is
only its attachments (附件：关于印发….pdf, as old CMSs published 政策文件) is the same to them: the
words are in a file a phone may not open.
"""

from __future__ import annotations

import re

from govnews.model.attachments import EXTENSIONS

_IMAGE = re.compile(r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\([^)]*\)|<img\b(?P<attrs>[^>]*)>", re.I)
_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")
_TEXT = re.compile(r"[^\W_]")     # a letter, digit or Han character
# a Markdown or HTML link to a file (a document, a spreadsheet, an archive)
_FILE_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\(\s*<?[^)\s>]+?(?:%s)>?(?:\s+\"[^\"]*\")?\s*\)|<a\b[^>]*\bhref\s*=\s*[\"'][^\"']+?(?:%s)[\"'][^>]*>.*?</a\s*>"
                        % ((r"|".join(re.escape(e) for e in EXTENSIONS),) * 2), re.I | re.S)
_ANY_LINK = re.compile(r"\]\(|<a\b", re.I)
# what stands around such links: 附件：, 附件1., 相关附件, 点击下载, 下载
_FILE_LABEL = re.compile(r"(?:相关)?附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:.．、]?|点击(?:此处)?下载|下载|全文见附件|详见附件")


def blank(body: str) -> bool:
    """Nothing to read at all: no body, or only whitespace and <!-- comments -->."""
    body = body.strip()
    return not body or body.startswith("<!--") and not _COMMENT.sub("", body).strip()


def scan(body: str, first_line: int = 1) -> tuple[int, str] | None:
    """(file line of the first picture, Chinese message) when the body is pictures and no text,
    and some picture has no description either; else None."""
    if "![" not in body and "<img" not in body.lower():
        return None           # the usual case, at no cost
    pictures = list(_IMAGE.finditer(body))
    if not pictures:
        return None
    rest = _TAG.sub("", _IMAGE.sub("", _COMMENT.sub("", body)))
    if _TEXT.search(rest):
        return None
    if all(_described(m) for m in pictures):
        return None
    return first_line + body[: pictures[0].start()].count("\n"), ("正文只有图片、没有文字，图片也没有说明：读屏软件朗读不出，搜索也搜不到，网速慢时读者只看到空白。"
                  "请在图片下写出图中的文字（图解稿件附上文字版），或为每张图片写说明，如 ![图中文字……](图片地址)")


def attachments_only(body: str, first_line: int = 1) -> tuple[int, str] | None:
    """(file line of the first file link, Chinese message) when the body's only words are links
    to files and their labels; else None."""
    if not _ANY_LINK.search(body):
        return None           # no link at all: the usual case, at little cost
    links = list(_FILE_LINK.finditer(body))
    if not links:
        return None
    rest = _FILE_LABEL.sub("", _TAG.sub("", _IMAGE.sub("", _FILE_LINK.sub("", _COMMENT.sub("", body)))))
    if _TEXT.search(rest):
        return None
    return first_line + body[: links[0].start()].count("\n"), (
        "正文只有附件链接、没有文字：读屏软件朗读不出，搜索也搜不到，手机上读者未必打得开附件。"
        "请把附件的正文（或要点）写在页面上；govnews import 能从 .pdf、.doc、.docx 附件读出正文")


def _described(m: re.Match) -> bool:
    if m.group("attrs") is None:
        alt = m.group("alt")
    else:
        found = _ALT.search(m.group("attrs"))
        alt = next((g for g in found.groups() if g is not None), "") if found else ""
    return bool(_TEXT.search(alt or ""))
