"""Question-and-answer text (问：… 答：…) in an article body → a readable FAQ block.

Works on the HTML Python-Markdown produced: a paragraph starting with 问: opens a question,
the paragraphs from the next 答: up to the following question (or heading, or the end) are
its answer. Returns the new HTML and the (question, answer) pairs as plain text for the
FAQPage JSON-LD. Text is moved, never rewritten, so the editor's markup stays as it was.
"""

from __future__ import annotations

import html as htmllib
import re

_Q = re.compile(r"<p>\s*(?:<strong>)?\s*问\s*[:：]\s*(?:</strong>)?\s*")
_A = re.compile(r"<p>\s*(?:<strong>)?\s*答\s*[:：]\s*(?:</strong>)?\s*")
_BLOCK_END = re.compile(r"<h[1-6][\s>]")
_TAGS = re.compile(r"<[^>]+>")
# 问 and 答 on consecutive lines of one paragraph (no blank line between them)
_SAME_PARAGRAPH = re.compile(r"(<p>\s*问\s*[:：][^\n]*?)\n(\s*答\s*[:：])")


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(_TAGS.sub("", fragment))).strip()


def _paragraph_end(html: str, start: int) -> int:
    """Index just after the </p> closing the paragraph that opens at `start`."""
    end = html.find("</p>", start)
    return len(html) if end < 0 else end + 4


def faq_html(html: str) -> tuple[str, list[tuple[str, str]]]:
    """(html with Q&A wrapped, [(question, answer)]); unchanged when there is no 问/答 pair."""
    if "问" not in html:
        return html, []
    html = _SAME_PARAGRAPH.sub(r"\1</p>\n<p>\2", html)
    questions = list(_Q.finditer(html))
    items: list[tuple[int, int, str, str]] = []   # (start, end, question html, answer html)
    for i, q in enumerate(questions):
        q_end = _paragraph_end(html, q.end())
        limit = questions[i + 1].start() if i + 1 < len(questions) else len(html)
        heading = _BLOCK_END.search(html, q_end, limit)
        if heading:
            limit = heading.start()
        a = _A.match(html, _skip_space(html, q_end))
        if a is None or a.start() >= limit:
            continue  # a question without an answer right after it stays a paragraph
        items.append((q.start(), limit, html[q.end(): q_end - 4].strip(), "<p>" + html[a.end(): limit].strip()))
    if not items:
        return html, []
    out: list[str] = []
    pairs: list[tuple[str, str]] = []
    pos, open_group = 0, False
    for start, end, question, answer in items:
        gap = html[pos:start]
        if open_group and gap.strip():
            out.append("</section>")
            open_group = False
        out.append(gap)
        if not open_group:
            out.append('<section class="gn-faq" aria-label="问答">')
            open_group = True
        out.append(
            '<div class="gn-faq__item">'
            f'<p class="gn-faq__q"><span class="gn-faq__mark">问</span>{question}</p>'
            f'<div class="gn-faq__a"><span class="gn-faq__mark gn-faq__mark--a">答</span>{_more_answers(answer)}</div>'
            "</div>"
        )
        pairs.append((_plain(question), _plain(answer)))
        pos = end
    out.append("</section>")
    out.append(html[pos:])
    return "".join(out), pairs


def _more_answers(answer: str) -> str:
    """A second 答: in one answer (two officials answering) gets its own mark."""
    return _A.sub('<p><span class="gn-faq__mark gn-faq__mark--more">答</span>', answer)


def _skip_space(html: str, pos: int) -> int:
    while pos < len(html) and html[pos].isspace():
        pos += 1
    return pos
