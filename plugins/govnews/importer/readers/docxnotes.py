"""Word footnotes, endnotes and text boxes: text python-docx does not return.

`Paragraph.text` holds neither a footnote's text (it lives in footnotes.xml; the paragraph only
has a reference) nor the text of a text box drawn inside it (a red-header title, a boxed
sign-off). Imported without them, an explainer loses its sources and notes silently. Here a
reference becomes 〔注1〕 where it stands, the notes follow the body under 注释 in the same
numbering, and a text box's paragraphs follow the paragraph it is anchored in.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml  # python-docx's parser: no entities resolved (no XXE)
from lxml import etree

_W_T = qn("w:t")
_W_P = qn("w:p")
_TXBX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REFS = {qn("w:footnoteReference"): "footnotes", qn("w:endnoteReference"): "endnotes"}


def _para_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_W_T))


class Notes:
    """The document's footnotes and endnotes, numbered in the order the text refers to them."""

    def __init__(self, document) -> None:
        self.texts: dict[tuple[str, str], str] = {}
        self.damaged = False         # a notes part that cannot be read: the editor is told
        for kind, reltype in (("footnotes", RT.FOOTNOTES), ("endnotes", RT.ENDNOTES)):
            for rel in document.part.rels.values():
                if rel.reltype != reltype or rel.is_external:
                    continue
                try:
                    root = parse_xml(rel.target_part.blob)
                except (etree.XMLSyntaxError, AttributeError, ValueError):
                    self.damaged = True
                    continue   # a damaged notes part: the body still imports
                for note in root:
                    if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                        continue
                    text = "\n".join(t for t in (_para_text(p).strip() for p in note.iter(_W_P)) if t)
                    if text:
                        self.texts[(kind, note.get(qn("w:id"), ""))] = text
        self.used: list[str] = []    # note texts in reference order
        self.referred: set[tuple[str, str]] = set()

    def has_refs(self, paragraph) -> bool:
        return bool(self.texts) and any(next(paragraph._element.iter(tag), None) is not None for tag in _REFS)

    def text_with_refs(self, paragraph) -> str:
        """The paragraph's text with 〔注N〕 where each footnote or endnote is referred to."""
        parts: list[str] = []
        for item in paragraph.iter_inner_content():   # runs and hyperlinks, in order
            parts.append(item.text)
            element = getattr(item, "_r", None)
            if element is None:
                continue
            for child in element:
                kind = _REFS.get(child.tag)
                text = self.texts.get((kind, child.get(qn("w:id"), ""))) if kind else None
                if text is not None:
                    self.used.append(text)
                    self.referred.add((kind, child.get(qn("w:id"), "")))
                    parts.append(f"〔注{len(self.used)}〕")
        return "".join(parts)

    def closing_lines(self) -> list[str]:
        """注释 and each note, to follow the body ([] when there are none). Notes referred to
        from where no marker is written (a table cell, a header) come last: text is never lost."""
        rest = [text for key, text in self.texts.items() if key not in self.referred]
        if not self.used and not rest:
            return []
        lines = ["注释", ""]
        for n, text in enumerate(self.used + rest, 1):
            lines += [f"〔注{n}〕{text}", ""]
        return lines


def text_box_lines(paragraph) -> list[str]:
    """Paragraph texts of the text boxes anchored in a paragraph, each box once (Word stores a
    modern box and a legacy copy of it in mc:Fallback; the copy is skipped)."""
    lines: list[str] = []
    for box in paragraph._element.iter(_TXBX):
        if any(a.tag == _FALLBACK or a.tag == _TXBX for a in box.iterancestors()):
            continue
        for p in box.iter(_W_P):
            text = _para_text(p).strip()
            if text:
                lines.append(text)
    return lines
