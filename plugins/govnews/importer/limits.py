"""What one imported file may cost: time, and the sizes its compressed parts expand to.

A hostile or broken file must not hold a migration for minutes or take the machine's memory:
a .docx whose 1 MB zip holds a 1 GB part, a PDF stream of 500 MB of spaces, a 12000×12000
picture, a .doc whose piece table repeats its text, 20,000 nested <div>s. Each reader checks
the sizes it meets against these limits and says which limit a file broke (ReadError, in
Chinese); `time_limit` ends whatever else runs too long.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import zlib

SECONDS = 120                         # one file, read and imported (govnews import --timeout)
ZIP_PART_BYTES = 200 * 1024 * 1024    # one part of a .docx, unpacked (a scanned picture: tens of MB)
ZIP_TOTAL_BYTES = 400 * 1024 * 1024   # all parts of a .docx, unpacked
ZIP_PARTS = 5000                      # parts of a .docx (a long report with pictures: a few hundred)
DOCX_STYLES = 5000                    # styles of a .docx (Word's own: a few hundred)
STREAM_BYTES = 100 * 1024 * 1024      # one PDF stream, unpacked
PICTURE_PIXELS = 40_000_000           # one picture (a 7000×5700 scan); larger ones are left out


class TooLarge(Exception):
    """A file part over a limit; str() is the Chinese message."""


class TimeUp(BaseException):
    """A file took longer than its time. A BaseException, so that a reader's `except
    Exception` (a damaged file) does not turn it into another message."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TimeUp in this thread after `seconds` (the main thread of a Unix process;
    elsewhere no limit is set)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeUp()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def mb(n: int) -> str:
    return f"{n // 1024 // 1024} MB"


class BoundedZlib:
    """zlib as pdfminer uses it, with the output of one stream capped: a stream that unpacks to
    more than `limit` bytes raises TooLarge instead of filling the memory."""

    error = zlib.error

    def __init__(self, limit: int | None = None) -> None:
        self.limit = STREAM_BYTES if limit is None else limit

    def decompress(self, data: bytes, *args) -> bytes:
        d = zlib.decompressobj(*args[:1])
        out = d.decompress(data, self.limit + 1)
        if len(out) > self.limit or d.unconsumed_tail:
            raise TooLarge(f"PDF 中有一段数据解压后超过 {mb(self.limit)}（上限），不像一篇稿件：未导入")
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args, **kwargs):
        return _BoundedObj(zlib.decompressobj(*args, **kwargs), self.limit)

    def __getattr__(self, name):
        return getattr(zlib, name)


class _BoundedObj:
    def __init__(self, obj, limit: int) -> None:
        self.obj, self.left, self.limit = obj, limit, limit

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        cap = self.left + 1 if not max_length else min(max_length, self.left + 1)
        out = self.obj.decompress(data, cap)
        self.left -= len(out)
        if self.left < 0:
            raise TooLarge(f"PDF 中有一段数据解压后超过 {mb(self.limit)}（上限），不像一篇稿件：未导入")
        return out

    def flush(self, *args) -> bytes:
        out = self.obj.flush(*args)
        self.left -= len(out)
        if self.left < 0:
            raise TooLarge(f"PDF 中有一段数据解压后超过 {mb(self.limit)}（上限），不像一篇稿件：未导入")
        return out

    def __getattr__(self, name):
        return getattr(self.obj, name)


def bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's lzwdecode with its output capped like a zlib stream (LZW codes expand a
    thousandfold)."""
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    out, size = [], 0
    for chunk in LZWDecoder(BytesIO(data)).run():
        size += len(chunk)
        if size > STREAM_BYTES:
            raise TooLarge(f"PDF 中有一段数据解压后超过 {mb(STREAM_BYTES)}（上限），不像一篇稿件：未导入")
        out.append(chunk)
    return b"".join(out)
