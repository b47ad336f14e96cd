"""`govnews import` of Word 97–2003 binary documents (.doc, and .wps in that format): the text,
tables, notes, text boxes and file links of real .doc files (made by LibreOffice from the
sources in tests/fixtures/office/make.py), and one message — never a traceback — for each kind
of .doc that cannot be read."""

from __future__ import annotations

import random
import shutil
import struct
import sys

import pytest

from govnews.importer.readers.clipping import ReadError, read_clipping
from govnews.importer.readers.worddoc import DocError, read_doc

from conftest import ROOT, make_project
from importer_helpers import assert_nothing_lost, run, split_front_matter

WORD = ROOT / "tests" / "fixtures" / "office"
sys.path.insert(0, str(WORD))


def _lines(path) -> list[str]:
    return [line for line in read_clipping(str(path)).text.split("\n") if line.strip()]


def test_a_doc_notice_reads_like_its_docx():
    lines = _lines(WORD / "notice.doc")
    assert lines == [
        "湖塘镇关于开展2024年安全生产大检查的通知",
        "武政发〔2024〕12号",
        "各村（社区）、各有关单位：",
        "为切实做好安全生产工作，", "现将有关事项通知如下。",      # a line break inside the paragraph
        "一、检查范围",
        "| 序号 | 单位 | 联系电话 |",
        "| 1 |  | 0519-86123456 |",                                # an empty cell is not a row's end
        "| 2 | 牛塘镇 | 0519-86654321 |",
        "二、工作要求",
        "附件：申报表",                                            # a HYPERLINK field: its words
        "湖塘镇人民政府", "2024年3月5日"]


def test_notes_text_boxes_nested_cells_and_many_pages_of_paragraphs():
    clipping = read_clipping(str(WORD / "complex.doc"))
    lines = [line for line in clipping.text.split("\n") if line.strip()]
    assert lines[:8] == [
        "关于印发《武进区优化营商环境若干措施》的通知",
        "根据《条例》〔注1〕规定，现印发如下〔注2〕。",              # footnote and endnote, numbered as .docx
        "联系人：张三，电话：0519-86123456，详见办法全文。",
        "图片如下：（图1）",
        "第1页",                                                   # a page-number field: its result
        "见方框：",
        "方框里的提示文字",                                         # the text box, after its anchor
        "| 合并标题 | 备注 |  |"]
    assert "| 甲 第二行 | 内1 内2 | 清单 |" in lines                # a cell's paragraphs, a nested table
    numbered = [line for line in lines if line.startswith("第") and "段：" in line]
    assert numbered == [f"第{i}段：湖塘镇推进重点项目建设，项目编号{i}。" for i in range(1, 301)]
    assert lines[-5:] == ["武进区人民政府办公室", "2024年3月5日", "注释",
                          "〔注1〕指《优化营商环境条例》（国务院令第722号）。", "〔注2〕本通知自印发之日起施行。"]
    # the picture is brought, the text box is not taken for one: nothing to report
    assert clipping.meta.notices == []
    assert [(line, src) for line, src, _ in clipping.meta.images] == [(7, "image1.png")]
    assert clipping.text.split("\n")[6] == "图片如下：（图1）"
    assert [(href, words) for _, href, words in clipping.meta.files] == [
        ("http://www.wj.gov.cn/files/办法.pdf", "办法全文"), ("http://www.wj.gov.cn/files/清单.xls", "清单")]


def test_nothing_of_a_doc_is_lost():
    result = run(WORD / "complex.doc", source="武进区人民政府")
    assert_nothing_lost(read_clipping(str(WORD / "complex.doc")).text, result)
    [d] = result.drafts
    assert d.title_text == "关于印发《武进区优化营商环境若干措施》的通知"
    assert d.date.value.isoformat() == "2024-03-05"


def test_pictures_in_the_text_and_floating_are_brought_where_they_stand():
    from make import ONE_JPEG  # tests/fixtures/office/make.py: the JPEG the fixture was made with

    doc = read_doc((WORD / "pictures.doc").read_bytes())
    assert doc.paragraphs == ["湖塘镇举行消防演练", "行内图片：后文。", "浮动图片：段落文字。", "第二张行内：",
                              "矢量图：", "画的方框：", "结尾。"]
    assert [(index, ext) for index, _, ext, _ in doc.images] == [(1, ".png"), (2, ".jpg"), (3, ".png"), (4, ".png")]
    assert doc.images[1][1] == ONE_JPEG                          # the floating JPEG, byte for byte
    assert all(blob.startswith(b"\x89PNG\r\n\x1a\n") for i, blob, ext, _ in doc.images if ext == ".png")
    assert doc.pictures == 1                                     # the drawn rectangle: nothing to bring
    result = run(WORD / "pictures.doc", year=2024)
    [d] = result.drafts
    pictures = [b for b in d.body if b.kind == "image"]
    assert len(pictures) == 4 and len(d.pictures) == 4      # four files: the two PNGs differ
    assert any(w.startswith("Word 文档中有 1 处图形、图表或网页无法显示格式的图片未能导入") for w in d.warnings), d.warnings


def test_a_shapes_alt_text_is_read_from_its_properties():
    """[MS-ODRAW] FOPT: a simple property (pib) and a complex one (wzDescription, its UTF-16 text
    after the property table), as Word writes a picture's 可选文字."""
    from govnews.importer.readers.docpictures import _alt, _properties

    text = "消防演练现场\x00".encode("utf-16-le")
    table = struct.pack("<HI", 0x4104, 3) + struct.pack("<HI", 0x8000 | 0x0381, len(text))
    props = _properties(table + text, 0, len(table) + len(text), 2)
    assert props[0x0104] == 3 and _alt(props) == "消防演练现场"
def test_govnews_import_of_a_doc_links_its_attachment(tmp_path):
    """The real command: a folder with a .doc, a .wps (the same format) and the .xlsx the notice
    links to; the article links the copied file, the table keeps its empty cell."""
    proj = make_project(tmp_path / "proj")
    inbox = tmp_path / "收件"
    inbox.mkdir()
    shutil.copy(WORD / "notice.doc", inbox / "通知.doc")
    shutil.copy(WORD / "complex.doc", inbox / "措施.wps")
    (inbox / "申报表.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    proc = proj.govnews("import", str(inbox), "--source", "湖塘镇人民政府")
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr + proc.stdout
    written = {p.name: p.read_text(encoding="utf-8") for p in (proj.root / "docs" / "articles").rglob("*.md")}
    assert len(written) == 2, written.keys()
    notice = next(t for t in written.values() if "安全生产大检查" in t)
    fm, body = split_front_matter(notice)
    assert "date: 2024-03-05" in fm
    assert "| 1 |  | 0519-86123456 |" in body
    assert "附件：[申报表](../../files/imported/" in body and "/申报表.xlsx)" in body
    other = next(t for t in written.values() if "营商环境若干措施" in t)
    assert "| 甲 第二行 | 内1 内2 | [清单](http://www.wj.gov.cn/files/清单.xls) |" in other
    assert "未能导入" not in proc.stdout + proc.stderr        # its one picture came with it


def _stream_start(data: bytes) -> int:
    """Where the WordDocument stream (its FIB, 0xA5EC) begins in the compound file: the
    fixtures are made by one LibreOffice, whose FIB starts on a sector of its own."""
    for offset in range(512, len(data), 512):
        if data[offset:offset + 2] == b"\xec\xa5":
            return offset
    raise AssertionError("no FIB")


def _patched(offset_in_fib: int, fmt: str, value: int) -> bytes:
    data = bytearray((WORD / "notice.doc").read_bytes())
    struct.pack_into(fmt, data, _stream_start(bytes(data)) + offset_in_fib, value)
    return bytes(data)


@pytest.mark.parametrize("data, message", [
    (lambda: _patched(0x0A, "<H", struct.unpack_from("<H", (WORD / "notice.doc").read_bytes(),
                                                     _stream_start((WORD / "notice.doc").read_bytes()) + 0x0A)[0] | 0x0100),
     "设有打开密码"),
    (lambda: _patched(0x02, "<H", 104), "Word 95 或更早版本"),
    (lambda: _patched(0x00, "<I", 0xA5DC | 101 << 16), "Word 95 或更早版本"),     # Word 6's own ident
    (lambda: _patched(0x00, "<H", 0x1234), "文件头不正确"),
    (lambda: _patched(0x01A2, "<I", 0x7FFFFF00), "文字索引已损坏"),
    (lambda: (WORD / "notice.doc").read_bytes().replace("WordDocument".encode("utf-16-le"),
                                                        "WordDocumenX".encode("utf-16-le")), "这不是 Word 文档"),
    (lambda: (WORD / "notice.doc").read_bytes()[:3000], "Word 文档已损坏"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 文档已损坏"),
])
def test_a_doc_that_cannot_be_read_gets_one_message(tmp_path, data, message):
    path = tmp_path / "坏.doc"
    path.write_bytes(data())
    with pytest.raises(ReadError, match=message) as err:
        read_clipping(str(path))
    assert "另存为” .docx 后再导入" in str(err.value)


def test_damaged_docs_never_raise_anything_but_a_message():
    """Random damage to a real .doc: it reads, or it gets a DocError; nothing else escapes."""
    good = (WORD / "complex.doc").read_bytes()
    rnd = random.Random(16)
    outcomes = set()
    for _ in range(300):
        data = bytearray(good)
        for _ in range(rnd.choice((1, 8, 64))):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        try:
            read_doc(bytes(data))
            outcomes.add("read")
        except DocError:
            outcomes.add("message")
    assert outcomes == {"read", "message"}
