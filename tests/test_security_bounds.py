"""Issue 33, item 4: every import is bounded. Each limit gives a message naming the file part
and the limit, never a traceback or gigabytes; text passes are linear; a fuzz pass over every
reader ends in a result or a message, each file within seconds.

The limits are lowered here (monkeypatch) so that the files stay small and the tests fast;
the mechanism is the one the real limits use."""

from __future__ import annotations

import io
import pickle
import random
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from test_importer_formats import make_docx

from govnews.importer import limits
from govnews.importer.readers.clipping import ReadError, read_clipping, read_html

from conftest import ROOT, make_project
from importer_helpers import run

OFFICE = ROOT / "tests" / "fixtures" / "office"


def make_pdf(content: bytes, extra: tuple[bytes, ...] = (), resources: bytes = b"/Font << /F1 4 0 R >>",
             attrs: bytes = b"/Filter /FlateDecode", packed: bytes | None = None) -> bytes:
    """A one-page PDF: `content` its (deflated) page stream, or `packed` as it stands with
    `attrs` (its /Filter …); `extra` objects 6, 7 …"""
    stream = zlib.compress(content, 1) if packed is None else packed
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << "
            + resources + b" >> >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< %s /Length %d >>\nstream\n" % (attrs, len(stream)) + stream + b"\nendstream", *extra]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


TEXT = b"BT /F1 12 Tf 72 700 Td (Notice of the town government on safety work this year.) Tj ET\n"


def _read(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_clipping(str(path))


def test_a_pdf_stream_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "STREAM_BYTES", 2 * 1024 * 1024)
    assert _read(tmp_path, "ok.pdf", make_pdf(TEXT)).text.strip()
    start = time.monotonic()
    with pytest.raises(ReadError, match=r"PDF 中有一段数据解压后超过 2 MB（上限）"):
        _read(tmp_path, "spaces.pdf", make_pdf(TEXT + b" " * (8 * 1024 * 1024)))     # 8 MB of spaces, 8 KB file
    assert time.monotonic() - start < 10


def test_a_huge_picture_in_a_pdf_is_left_out_unpacked(tmp_path, monkeypatch):
    side = 400
    pixels = zlib.compress(b"\x80" * side * side * 3, 9)
    image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
             b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(pixels))
             + pixels + b"\nendstream")
    pdf = make_pdf(TEXT + b"q 300 0 0 300 100 300 cm /Im1 Do Q\n", (image,),
                   b"/Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >>")
    assert _read(tmp_path, "photo.pdf", pdf).meta.images            # under the limit: a picture
    monkeypatch.setattr(limits, "PICTURE_PIXELS", side * side - 1)
    clipping = _read(tmp_path, "photo.pdf", pdf)
    assert clipping.meta is None or not clipping.meta.images       # over it: never unpacked


def _docx_with(tmp_path: Path, extra: dict[str, bytes]) -> bytes:
    base = make_docx(tmp_path / "base.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, extra.pop(info.filename, None) or src.read(info))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def test_a_docx_part_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "ZIP_PART_BYTES", 1024 * 1024)
    data = _docx_with(tmp_path, {"word/media/image1.png": b"\x00" * (3 * 1024 * 1024)})
    assert len(data) < 100 * 1024
    with pytest.raises(ReadError, match=r"「word/media/image1.png」解压后有 3 MB，超过每部分 1 MB 的上限"):
        _read(tmp_path, "bomb.docx", data)
    monkeypatch.setattr(limits, "ZIP_PART_BYTES", 10 * 1024 * 1024)
    monkeypatch.setattr(limits, "ZIP_TOTAL_BYTES", 2 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"解压后共 3 MB，超过 2 MB 的上限"):
        _read(tmp_path, "bomb.docx", data)


def test_a_docx_with_thousands_of_styles_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DOCX_STYLES", 50)
    base = make_docx(tmp_path / "base.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        styles = z.read("word/styles.xml")
    many = b"".join(b'<w:style w:type="paragraph" w:styleId="s%d"><w:name w:val="s%d"/></w:style>' % (k, k)
                    for k in range(200))
    data = _docx_with(tmp_path, {"word/styles.xml": styles.replace(b"</w:styles>", many + b"</w:styles>")})
    with pytest.raises(ReadError, match=r"Word 文档有 \d+ 个样式，超过上限 50"):
        _read(tmp_path, "styles.docx", data)


def test_a_doc_piece_table_that_repeats_its_text_is_refused():
    from govnews.importer.readers.worddoc import DocError, _Reader

    class Fib:
        fc_clx, lcb_clx = 0, 0

    def reader(pieces: list[tuple[int, int, int]], word_len: int):
        n = len(pieces)
        cps = [p[0] for p in pieces] + [pieces[-1][1]]
        plc = struct.pack(f"<{n + 1}I", *cps) + b"".join(struct.pack("<HIH", 0, p[2], 0) for p in pieces)
        clx = b"\x02" + struct.pack("<I", len(plc)) + plc
        fib = Fib()
        fib.lcb_clx = len(clx)
        r = _Reader.__new__(_Reader)
        r.word, r.table, r.fib = b"\x00" * word_len, clx, fib
        return r

    assert len(reader([(0, 100, 0)], 1000)._pieces()) == 1
    repeated = [(k * 400, (k + 1) * 400, 0) for k in range(500)]      # the same 800 bytes, 500 times
    with pytest.raises(DocError, match="比文件中的文字流"):
        reader(repeated, 1000)._pieces()


def test_text_passes_are_linear(tmp_path):
    rnd = random.Random(7)
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    lines = ["".join(rnd.choice(chars) for _ in range(rnd.randint(15, 40))) for _ in range(4000)]
    path = tmp_path / "no-stops.txt"          # 330 KB of lines without 。: 35 s before (quadratic)
    path.write_text("关于开展工作的通知\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    result = run(path)
    assert not result.error and time.monotonic() - start < 8, time.monotonic() - start

    nested = 20000                            # 94 s before (bs4's `decomposed` searched each subtree)
    html = ("<html><head><title>t</title></head><body><h1>标题</h1>" + "<div>" * nested + "<p>正文内容。</p>"
            + "</div>" * nested + "<p>尾段。</p></body></html>").encode()
    start = time.monotonic()
    text = read_html(html)[0]
    assert "正文内容" in text and "尾段" in text and time.monotonic() - start < 10


def test_a_file_over_its_time_is_reported_and_the_rest_imported(tmp_path):
    proj = make_project(tmp_path / "proj")
    rnd = random.Random(3)
    slow = tmp_path / "in" / "slow.txt"
    slow.parent.mkdir()
    slow.write_text("关于开展工作的通知\n\n" + "\n".join("".join(rnd.choice("政府工作报告全文各村社区") for _ in range(30))
                                                    for _ in range(30000)) + "\n", encoding="utf-8")
    (tmp_path / "in" / "ok.txt").write_text("湖塘镇召开安全生产会议\n\n3月5日，湖塘镇召开安全生产工作会议。\n",
                                            encoding="utf-8")
    out = proj.govnews("import", "--dry-run", "--timeout", "0.5", str(slow), str(tmp_path / "in" / "ok.txt"))
    assert "slow.txt: 读取超过 0.5 秒（每个文件的上限），此文件未导入" in out.stderr, out.stdout + out.stderr
    assert "将新建 1 篇" in out.stdout and "Traceback" not in out.stderr


def _pdf_of_streams(count: int, size: int) -> bytes:
    """A one-page PDF whose contents are the text and `count` streams of `size` spaces each
    (each under the stream cap; pdfminer keeps every one unpacked)."""
    spaces = zlib.compress(b" " * size, 9)
    streams = tuple(b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(spaces) + spaces + b"\nendstream"
                    for _ in range(count))
    pdf = make_pdf(TEXT, streams)
    return pdf.replace(b"/Contents 5 0 R", b"/Contents [5 0 R " + b" ".join(b"%d 0 R" % (6 + k) for k in range(count)) + b"]")


def _import_measured(proj, *args: str):
    """`govnews import` as the editor runs it, and the largest memory (KB) any of its
    processes reached (RUSAGE_CHILDREN of a parent that only runs it: the forked readers too)."""
    import subprocess
    import sys

    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print('peak', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(r.returncode)")
    out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "govnews.cli", "import", *args],
                         cwd=proj.root, capture_output=True, text=True, timeout=600)
    peak = int(out.stderr.rsplit("peak ", 1)[1].split()[0])
    return out, peak


def test_a_file_over_its_memory_is_reported_and_the_rest_imported(tmp_path):
    proj = make_project(tmp_path / "proj")
    folder = tmp_path / "in"
    folder.mkdir()
    # 400 MB of page streams in a 400 KB PDF; a 4 MB page of 600,000 empty <b> (bs4: ~1 KB each)
    (folder / "streams.pdf").write_bytes(_pdf_of_streams(10, 40 * 1024 * 1024))
    (folder / "tags.html").write_bytes(b"<html><head><title>t</title></head><body><h1>\xe6\xa0\x87</h1><div>"
                                       + b"<b></b>" * 600_000 + b"</div></body></html>")
    (folder / "ok.txt").write_text("湖塘镇召开安全生产会议\n\n3月5日，湖塘镇召开安全生产工作会议。\n", encoding="utf-8")
    out, peak = _import_measured(proj, "--memory", "300", *(str(folder / f) for f in ("streams.pdf", "tags.html", "ok.txt")))
    for name in ("streams.pdf", "tags.html"):
        assert f"{name}: 读取时内存超过 300 MB（每个文件的上限），此文件未导入" in out.stderr, out.stdout + out.stderr
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "新建 1 篇" in out.stdout and "失败 2 个文件" in out.stdout
    written = list((proj.root / "docs" / "articles").rglob("*.md"))
    assert len(written) == 1 and "安全生产" in written[0].read_text(encoding="utf-8")
    assert peak < 330 * 1024, peak          # each file read within its 300 MB; the run itself ~100 MB
    too_small = proj.govnews("import", "--memory", "100", str(folder / "ok.txt"))
    assert too_small.returncode == 2 and "--memory: 至少 256 MB" in too_small.stderr, too_small.stderr


def test_a_reading_process_that_dies_or_hangs_in_c_is_ended_and_said():
    from govnews.importer.model import FileResult

    plain, limit = ("govnews.importer.model",), _here_mb() + 200
    assert limits.isolated(FileResult, ("a.txt",), 10, limit, plain) == FileResult("a.txt")
    with pytest.raises(limits.OutOfMemory) as died:             # the kernel's OOM killer, a crash
        limits.isolated(_die, (), 10, limit, plain)
    assert died.value.how == "SIGKILL"
    with pytest.raises(limits.OutOfMemory) as over:
        limits.isolated(bytearray, (300 * 1024 * 1024,), 10, limit, plain)
    assert over.value.how == ""                                  # MemoryError, said by the child
    start = time.monotonic()
    with pytest.raises(limits.TimeUp):                           # SIGALRM would not end it
        limits.isolated(_sleep_deaf, (30,), 1, limit, plain)
    assert time.monotonic() - start < 10
    with pytest.raises(pickle.UnpicklingError):                  # only plain data comes back
        limits.isolated(Path, ("a.txt",), 10, limit, plain)
    with pytest.raises(pickle.UnpicklingError):
        limits.isolated(_exception, (), 10, limit, plain)


def test_one_reading_process_serves_file_after_file_until_it_has_grown():
    import os
    import signal

    reader = limits.Reader(_pid_after, _here_mb() + 200, ())
    try:
        first = reader.call((0,), 10)
        assert first != os.getpid() and reader.call((0,), 10) == first        # no fork per file
        assert reader.call((100,), 10) == first                               # 100 MB more: it ends after it
        assert reader.call((150,), 10) not in (first, os.getpid())             # a new child, its whole limit
        with pytest.raises(limits.OutOfMemory):
            reader.call((250,), 10)
        assert reader.call((0,), 10) > 0                                      # and again after a failure
        os.kill(reader.pid, signal.SIGKILL)                                    # killed while it waits
        time.sleep(0.2)
        assert reader.call((0,), 10) not in (0, os.getpid())                   # the next file: a new one
    finally:
        reader.close()


_KEPT: list = []


def _here_mb() -> int:
    """The address space of this (test) process in MB: a child starts with it."""
    import os

    with open("/proc/self/statm", "rb") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") // 1024 // 1024


def _pid_after(mb: int) -> int:
    import os

    _KEPT.append(bytearray(mb * 1024 * 1024))
    return os.getpid()


def _die() -> None:
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def _sleep_deaf(seconds: float) -> None:
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)


def _exception():
    return ValueError("not plain")


# -- PDF layout: work linear in the lines of a page (3,000 overlapping lines took minutes) ----
def crowded_page(n: int, overlap: bool) -> bytes:
    """A one-page PDF of `n` short lines: 0.25 pt apart, each overlapping its neighbours, or
    scattered over the page, each a text box of its own (two letters: under the character
    count that skipped pdfminer's box grouping)."""
    rnd = random.Random(n)
    parts = [b"BT /F1 12 Tf\n"]
    for i in range(n):
        if overlap:
            parts.append(b"1 0 0 1 72 %.2f Tm (L%d ab) Tj\n" % (800 - i * 0.25, i))
        else:
            parts.append(b"1 0 0 1 %.2f %.2f Tm (ab) Tj\n" % (rnd.uniform(10, 560), rnd.uniform(10, 830)))
    return make_pdf(b"".join(parts) + b"ET\n")


def _calls(data: bytes) -> int:
    """Python and C function calls made reading `data`: the work, whatever the machine's load."""
    import sys

    from govnews.importer.readers.pdftext import read_pdf

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        read_pdf(data)
    finally:
        sys.setprofile(None)
    return count


def test_pdf_layout_work_grows_linearly_with_the_lines_on_a_page():
    for overlap in (True, False):
        small, large = _calls(crowded_page(200, overlap)), _calls(crowded_page(800, overlap))
        # four times the lines: linear work ≤ 4× (less, with the fixed cost of a PDF); quadratic 16×
        assert large < 5 * small, ("overlapping" if overlap else "scattered", small, large)


# -- fuzz: damaged copies of every kind of file each give a result or a message, quickly ----
def _samples(tmp_path: Path) -> dict[str, bytes]:
    docx = make_docx(tmp_path / "f.docx").read_bytes()
    mht = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
           b"Content-Type: text/html; charset=utf-8\r\nContent-Location: http://x.gov.cn/a.html\r\n\r\n"
           + "<html><body><h1>标题</h1><p>正文。</p></body></html>".encode() + b"\r\n--b--\r\n")
    return {"notice.doc": (OFFICE / "notice.doc").read_bytes(), "policy.pdf": (OFFICE / "policy.pdf").read_bytes(),
            "f.docx": docx, "page.html": (ROOT / "tests" / "fixtures" / "clippings" / "web_page.html").read_bytes(),
            "gbk.txt": (ROOT / "tests" / "fixtures" / "clippings" / "gbk_page.txt").read_bytes(), "page.mht": mht,
            "made.pdf": make_pdf(TEXT)}


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    data = bytearray(data)
    how = rnd.randrange(4)
    if how == 0:                                   # flip bytes
        for _ in range(rnd.randint(1, 30)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
    elif how == 1:                                 # cut short
        data = data[: rnd.randrange(1, len(data))]
    elif how == 2:                                 # repeat a slice
        a = rnd.randrange(len(data))
        data[a:a] = data[a: a + rnd.randint(1, 4096)] * rnd.randint(2, 50)
    else:                                          # big numbers where sizes and counts stand
        for _ in range(rnd.randint(1, 8)):
            at = rnd.randrange(max(1, len(data) - 4))
            data[at: at + 4] = struct.pack("<I", rnd.choice((0, 0x7FFFFFFF, 0xFFFFFFFF, 0x10000, len(data) * 7)))
    return bytes(data)


def test_fuzz_every_reader_gives_a_result_or_a_message_within_seconds(tmp_path):
    rnd = random.Random(33)
    slowest, seen = 0.0, 0
    deadline = time.monotonic() + 40
    # as `govnews import` reads: in a child process, with a time and a memory limit
    reader = limits.Reader(_fuzz_read, _here_mb() + 1024, ())
    try:
        for name, data in _samples(tmp_path).items():
            for k in range(12):
                if time.monotonic() > deadline:
                    break
                path = tmp_path / f"m{k}-{name}"
                path.write_bytes(_mutate(data, rnd))
                start = time.monotonic()
                try:
                    reader.call((str(path),), 15)
                except limits.TimeUp:
                    pytest.fail(f"{path.name}: over 15 s")
                except limits.OutOfMemory:
                    pytest.fail(f"{path.name}: over 1 GB")
                except limits.ChildError as exc:
                    pytest.fail(f"{path.name}: {exc}")
                slowest = max(slowest, time.monotonic() - start)
                seen += 1
    finally:
        reader.close()
    assert seen >= 40, seen
    assert slowest < 15


def _fuzz_read(path: str) -> str:
    """What reading a file gives, as plain data: its text's length, or the reader's message."""
    try:
        return str(len(read_clipping(path).text))
    except ReadError as exc:
        return str(exc)


# -- .docx text python-docx does not read ---------------------------------------------------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_text_in_insertions_content_controls_fields_smart_tags_and_custom_xml(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("湖塘镇召开安全生产工作会议")
    body = document.element.body
    paragraphs = [
        f'<w:p {W}><w:r><w:t>会议要求，</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>修订插入的文字</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="a"><w:r><w:delText>已删除的文字</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>',
        f'<w:p {W}><w:r><w:t>联系人：</w:t></w:r><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件中的张三</w:t></w:r>'
        f'</w:sdtContent></w:sdt><w:r><w:t>。</w:t></w:r></w:p>',
        f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>块级控件中的一段正文。</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:p {W}><w:r><w:t>日期：</w:t></w:r><w:fldSimple w:instr=" DATE "><w:r><w:t>域结果2024年3月5日</w:t></w:r>'
        f'</w:fldSimple></w:p>',
        f'<w:p {W}><w:smartTag w:uri="u" w:element="place"><w:r><w:t>智能标记中的湖塘镇</w:t></w:r></w:smartTag></w:p>',
        f'<w:p {W}><w:customXml w:element="x"><w:r><w:t>自定义XML中的文字</w:t></w:r></w:customXml></w:p>',
    ]
    paragraphs.append(f'<w:tbl {W}><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:ins w:id="9" '
                      f'w:author="a"><w:r><w:t>表格中插入的金额</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>')
    sect = body[-1]
    for xml in paragraphs:
        sect.addprevious(parse_xml(xml))
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    text = read_clipping(str(path)).text
    for words in ("修订插入的文字", "控件中的张三", "块级控件中的一段正文", "域结果2024年3月5日", "智能标记中的湖塘镇",
                  "自定义XML中的文字", "表格中插入的金额"):
        assert words in text, (words, text)
    assert "已删除的文字" not in text
    assert "会议要求，修订插入的文字。" in text


def test_a_damaged_notes_part_is_said(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("正文一段。")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                blob = blob.replace(b"</Relationships>", b'<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            dst.writestr(info, blob)
        dst.writestr("word/footnotes.xml", b"<w:footnotes broken")
    path.write_bytes(out.getvalue())
    clipping = read_clipping(str(path))
    assert "正文一段" in clipping.text
    assert any("脚注/尾注部分已损坏" in n for n in clipping.meta.notices), clipping.meta


def test_lzw_streams_are_capped_too(monkeypatch):
    def lzw_literals(data: bytes) -> bytes:      # clear, each byte as its own 9-bit code, end
        bits = "".join(format(c, "09b") for c in [256, *data, 257])
        bits += "0" * (-len(bits) % 8)
        return int(bits, 2).to_bytes(len(bits) // 8, "big")

    stream = lzw_literals(b"abc" * 60)
    assert limits.bounded_lzwdecode(stream) == b"abc" * 60
    monkeypatch.setattr(limits, "STREAM_BYTES", 100)
    with pytest.raises(limits.TooLarge, match="超过 0 MB（上限）"):
        limits.bounded_lzwdecode(stream)


# -- every PDF decoder that unpacks more than it reads is capped (issue 33: RunLength was not) --
def pdf_with_stream(attrs: bytes, stream: bytes) -> bytes:
    """A one-page PDF whose page stream is `stream` as it stands, with `attrs` (/Filter …)."""
    return make_pdf(b"", attrs=attrs, packed=stream)


def runlength(data: bytes, spaces_runs: int = 0) -> bytes:
    """`data` as literal runs, then `spaces_runs` runs of 128 spaces (two bytes each), then EOD."""
    out = b"".join(bytes([len(data[i:i + 128]) - 1]) + data[i:i + 128] for i in range(0, len(data), 128))
    return out + b"\x81 " * spaces_runs + b"\x80"


def test_runlength_streams_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "STREAM_BYTES", 1024 * 1024)
    assert "Notice of the town" in _read(tmp_path, "rl.pdf", pdf_with_stream(b"/Filter /RunLengthDecode",
                                                                             runlength(TEXT, 100))).text
    bomb = runlength(TEXT, 20_000)                         # 40 KB that unpack to 2.5 MB of spaces
    with pytest.raises(ReadError, match=r"PDF 中有一段数据解压后超过 1 MB（上限）"):
        _read(tmp_path, "rl-bomb.pdf", pdf_with_stream(b"/Filter /RunLengthDecode", bomb))


def test_ascii85_streams_are_capped(tmp_path, monkeypatch):
    import base64

    monkeypatch.setattr(limits, "STREAM_BYTES", 1024 * 1024)
    a85 = base64.a85encode(TEXT + b" " * 1000, adobe=False)
    ok = pdf_with_stream(b"/Filter [/FlateDecode /ASCII85Decode]", zlib.compress(a85 + b"~>"))
    assert "Notice of the town" in _read(tmp_path, "a85.pdf", ok).text
    # each z is four zero bytes: 600 KB of them (under the cap as inflated) are 2.4 MB
    bomb = pdf_with_stream(b"/Filter [/FlateDecode /ASCII85Decode]", zlib.compress(a85 + b"z" * 600_000 + b"~>", 9))
    with pytest.raises(ReadError, match=r"PDF 中有一段数据解压后超过 1 MB（上限）"):
        _read(tmp_path, "a85-bomb.pdf", bomb)


def test_ccitt_streams_are_capped(tmp_path, monkeypatch):
    from pdfminer.ccitt import ccittfaxdecode

    monkeypatch.setattr(limits, "STREAM_BYTES", 256 * 1024)
    # group 4: a 1 bit repeats the row above (all white), a 2048-dot row of 256 bytes each
    bomb = pdf_with_stream(b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 2048 >>", b"\xff" * 200)
    with pytest.raises(ReadError, match=r"PDF 中有一段数据解压后超过 0 MB（上限）"):
        _read(tmp_path, "ccitt-bomb.pdf", bomb)
    wide = pdf_with_stream(b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 200000 >>", b"\xff")
    with pytest.raises(ReadError, match=r"每行 200000 点，超过 100000 点（上限）"):
        _read(tmp_path, "ccitt-wide.pdf", wide)
    rnd = random.Random(5)                  # otherwise the same pixels as pdfminer's own decoder
    for columns, black_is_1 in ((8, False), (17, True), (64, False)):
        for _ in range(30):
            data = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 40)))
            params = {"K": -1, "Columns": columns, "BlackIs1": black_is_1}
            try:
                want = ccittfaxdecode(data, params)
            except Exception as exc:         # noqa: BLE001 - a damaged stream: the same error
                want = type(exc)
            try:
                got = limits.bounded_ccittfaxdecode(data, params)
            except Exception as exc:         # noqa: BLE001
                got = type(exc)
            assert got == want, (columns, data)


def test_a_png_predictor_row_wider_than_the_limit_is_refused(tmp_path):
    # /Columns alone made pdfminer allocate the row above: 10 M dots, a list of 80 MB
    wide = pdf_with_stream(b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 10000000 >>",
                           zlib.compress(b"\x00" + TEXT))
    with pytest.raises(ReadError, match=r"每行 10000000 点，超过 100000 点（上限）"):
        _read(tmp_path, "predictor.pdf", wide)
