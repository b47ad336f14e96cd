"""A hyperlink in a python-docx document, as Word writes one (w:hyperlink with an external
relationship): shared by the tests and tests/fixtures/office/make.py."""

from __future__ import annotations


def add_link(document, target: str, words: str) -> None:
    """A paragraph holding one link to `target` that reads `words`."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.shared import OxmlElement, qn

    paragraph = document.add_paragraph()
    rid = document.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = words
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
