"""What one imported file may cost: time, and the sizes its compressed parts expand to.

A hostile or broken file must not hold a migration for minutes or take the machine's memory:
a .docx whose 1 MB zip holds a 1 GB part, a PDF stream of 500 MB of spaces, a 12000×12000
picture, a .doc whose piece table repeats its text, 20,000 nested <div>s. Each reader checks
the sizes it meets against these limits and says which limit a file broke (ReadError, in
Chinese); `time_limit` ends whatever else runs too long.

`Reader` reads files in a forked child process with its own memory limit (RLIMIT_AS):
a reader that still allocates gigabytes (a C library's buffers, a structure no size check
foresaw) ends the child, not the run, and the parent ends a child that overruns its time
even inside a long C call, which SIGALRM cannot interrupt.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import selectors
import signal
import struct
import sys
import threading
import time
import zlib

SECONDS = 120                         # one file, read and imported (govnews import --timeout)
ZIP_PART_BYTES = 200 * 1024 * 1024    # one part of a .docx, unpacked (a scanned picture: tens of MB)
ZIP_TOTAL_BYTES = 400 * 1024 * 1024   # all parts of a .docx, unpacked
ZIP_PARTS = 5000                      # parts of a .docx (a long report with pictures: a few hundred)
DOCX_STYLES = 5000                    # styles of a .docx (Word's own: a few hundred)
STREAM_BYTES = 100 * 1024 * 1024      # one PDF stream, unpacked
PICTURE_PIXELS = 40_000_000           # one picture (a 7000×5700 scan); larger ones are left out
ROW_PIXELS = 100_000                  # one row of a PDF picture or predictor (an A0 scan at 600 dpi: 20,000)
# the address space of the process reading one file (govnews import --memory): ~125 MB of
# Python and the readers' libraries, the largest files the caps above let through (a .docx
# with 400 MB of parts, held once as read and once as sent back; a 100 MB PDF stream; a
# 40 M-pixel picture unpacked, 160 MB) and their parse trees; the hostile files of issue 33
# took 1.1–4.7 GB
MEMORY_MB = 1536
MEMORY_MIN_MB = 256                   # below this even a small file fails (Python and the libraries: ~130 MB)


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


class OutOfMemory(Exception):
    """The child reading a file ran out of its memory (MemoryError), or ended without a
    result: `how` then says how (a signal's name: the kernel's OOM killer, a C library that
    crashed when malloc failed)."""

    def __init__(self, how: str = "") -> None:
        super().__init__(how)
        self.how = how


class ChildError(Exception):
    """The child raised an exception it did not expect; str() is its type's name."""


def isolated(fn, args: tuple, seconds: float, memory_mb: int, plain: tuple[str, ...]):
    """`fn(*args)` once in a child of its own (Reader); without fork (Windows) here, under
    `time_limit`."""
    reader = Reader(fn, memory_mb, plain)
    try:
        return reader.call(args, seconds)
    finally:
        reader.close()


GROWTH_MB = 64      # a child whose address space grew more than this since its fork reads no more files


class Reader:
    """`fn(*args)` in a forked child whose address space is at most `memory_mb` MB (0: no
    limit), each call ended after its `seconds` (0: none) by the parent, which SIGKILLs the
    child (a SIGALRM in the child cannot interrupt a long C call). The child serves call after
    call (a fork per file costs ~15 ms of system time here), and ends itself after a call that
    left it more than GROWTH_MB larger, so every file is read with about its whole limit; a
    call over its time or memory ends the child too, and the next call forks a new one.
    `fn` and what it closes over are inherited by the fork; `args` go to the child pickled; the
    result comes back pickled through a pipe and is unpickled allowing only classes from the
    modules `plain` (the child reads hostile files, so the parent takes back plain data only).
    call() raises TimeUp, OutOfMemory or ChildError. Without fork (Windows) `fn` runs in this
    process under `time_limit`."""

    def __init__(self, fn, memory_mb: int, plain: tuple[str, ...]) -> None:
        self.fn, self.memory_mb, self.plain = fn, memory_mb, plain
        self.pid = 0
        self.to_child = self.from_child = -1

    def call(self, args: tuple, seconds: float):
        if not hasattr(os, "fork"):
            with time_limit(seconds):
                return self.fn(*args)
        request = pickle.dumps(args, pickle.HIGHEST_PROTOCOL)
        if self.pid:
            try:
                _send(self.to_child, request)
            except BrokenPipeError:     # it ended while it waited (the OOM killer): a new one
                self._reap()
        if not self.pid:
            self._fork()
            try:
                _send(self.to_child, request)
            except BrokenPipeError:
                raise OutOfMemory(self._reap()) from None
        try:
            data = _receive(self.from_child, seconds, self.memory_mb)
        except BaseException:           # over its time or its memory, or the parent interrupted
            self.close()
            raise
        if data is None:                # it ended without a word: killed, crashed
            raise OutOfMemory(self._reap())
        kind, value, retiring = _PlainUnpickler(io.BytesIO(data), self.plain).load()
        if retiring:
            self._reap()
        if kind == "ok":
            return value
        if kind == "memory":
            raise OutOfMemory()
        raise ChildError(str(value))

    def close(self) -> None:
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _fork(self) -> None:
        for stream in (sys.stdout, sys.stderr):        # nothing buffered twice
            with contextlib.suppress(Exception):
                stream.flush()
        requests, to_child = os.pipe()
        from_child, replies = os.pipe()
        pid = os.fork()
        if pid == 0:                                   # the child: never returns
            status = 1
            try:
                os.close(to_child)
                os.close(from_child)
                _serve(self.fn, self.memory_mb, requests, replies)
                status = 0
            finally:
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(Exception):
                        stream.flush()
                os._exit(status)
        os.close(requests)
        os.close(replies)
        self.pid, self.to_child, self.from_child = pid, to_child, from_child

    def _reap(self) -> str:
        """Wait for the child to end; how it ended when by a signal or an error status."""
        for fd in (self.to_child, self.from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        pid, self.pid, self.to_child, self.from_child = self.pid, 0, -1, -1
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            try:
                return signal.Signals(os.WTERMSIG(status)).name
            except ValueError:
                return f"signal {os.WTERMSIG(status)}"
        return f"exit {os.WEXITSTATUS(status)}"


def _serve(fn, memory_mb: int, requests: int, replies: int) -> None:
    """The child: calls until the parent closes the pipe, or until one leaves it grown."""
    if memory_mb > 0:
        import resource

        limit = memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):    # a hard limit already lower: it stays
            resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    start = _address_space()
    while True:
        header = _read_exactly(requests, 8)
        request = header and _read_exactly(requests, struct.unpack("!Q", header)[0])
        if not request:
            return
        retiring = True
        try:
            try:
                result = fn(*pickle.loads(request))
                retiring = not start or _address_space() - start > GROWTH_MB * 1024 * 1024
                payload = pickle.dumps(("ok", result, retiring), pickle.HIGHEST_PROTOCOL)
                del result
            except MemoryError:
                raise
            except BaseException as exc:      # noqa: BLE001 - anything else: its name, to the parent
                retiring = True
                payload = pickle.dumps(("error", type(exc).__name__, True))
        except MemoryError:
            retiring = True
            payload = pickle.dumps(("memory", None, True))
        _send(replies, payload)
        if retiring:
            return


def _address_space() -> int:
    """This process's address space in bytes (Linux); 0 where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _send(fd: int, payload: bytes) -> None:
    view = memoryview(struct.pack("!Q", len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int) -> bytes | None:
    """n bytes from a blocking pipe; None when it closes first."""
    out = bytearray()
    while len(out) < n:
        chunk = os.read(fd, min(n - len(out), 1 << 20))
        if not chunk:
            return None
        out += chunk
    return bytes(out)


def _receive(fd: int, seconds: float, memory_mb: int) -> bytes | None:
    """One reply of the child (its length first); None when the child ends before it is whole;
    TimeUp after `seconds`, OutOfMemory when it is larger than the child's memory could hold."""
    deadline = time.monotonic() + seconds if seconds > 0 else None
    data, want = bytearray(), None
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while want is None or len(data) < want:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and (wait <= 0 or not sel.select(wait)):
                raise TimeUp()
            need = (8 if want is None else want) - len(data)
            chunk = os.read(fd, min(need, 1 << 20))
            if not chunk:
                return None
            data += chunk
            if want is None and len(data) == 8:
                want = struct.unpack("!Q", bytes(data))[0]
                data = bytearray()
                if memory_mb > 0 and want > memory_mb * 1024 * 1024:
                    raise OutOfMemory()
    return bytes(data)


class _PlainUnpickler(pickle.Unpickler):
    def __init__(self, file, modules: tuple[str, ...]) -> None:
        super().__init__(file)
        self.modules = modules

    def find_class(self, module: str, name: str):
        if module in self.modules:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


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


def _too_large(limit: int | None = None) -> TooLarge:
    return TooLarge(f"PDF 中有一段数据解压后超过 {mb(STREAM_BYTES if limit is None else limit)}（上限），不像一篇稿件：未导入")


def bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's lzwdecode with its output capped like a zlib stream (LZW codes expand a
    thousandfold)."""
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    out, size = [], 0
    for chunk in LZWDecoder(BytesIO(data)).run():
        size += len(chunk)
        if size > STREAM_BYTES:
            raise _too_large()
        out.append(chunk)
    return b"".join(out)


def bounded_rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7 § 7.4.5) with its output capped: two bytes repeat one byte
    128 times, so a 20 MB stream (or a capped Flate stream before it) unpacks to gigabytes;
    pdfminer's rldecode also holds the output as a list of ints, 8 bytes per byte. A stream
    cut short ends where it stops."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        if length == 128:                  # end of data
            break
        if length < 128:                   # the next length + 1 bytes as they are
            out += data[i + 1: i + 2 + length]
            i += 2 + length
        elif i + 1 < n:                    # the next byte 257 - length times
            out += data[i + 1: i + 2] * (257 - length)
            i += 2
        else:
            break
        if len(out) > STREAM_BYTES:
            raise _too_large()
    return bytes(out)


def bounded_ascii85decode(data: bytes) -> bytes:
    """ASCII85Decode, refused when it could unpack past the cap: each `z` stands for four
    zero bytes, any five other characters for four bytes (so at most len + 4 × count(z))."""
    from pdfminer.ascii85 import ascii85decode

    if len(data) + 4 * data.count(b"z") > STREAM_BYTES:
        raise _too_large()
    return ascii85decode(data)


def bounded_png_predictor(pred: int, colors: int, columns: int, bitspercomponent: int, data: bytes) -> bytes:
    """pdfminer's PNG predictor, refused for a row wider than ROW_PIXELS: it allocates the
    row above from /Columns alone (a list of ints), whatever the stream holds."""
    from pdfminer.utils import apply_png_predictor

    if isinstance(columns, int) and columns > ROW_PIXELS:
        raise TooLarge(f"PDF 中有一段数据每行 {columns} 点，超过 {ROW_PIXELS} 点（上限），不像一篇稿件：未导入")
    return apply_png_predictor(pred, colors, columns, bitspercomponent, data)


def bounded_ccittfaxdecode(data: bytes, params: dict) -> bytes:
    """CCITTFaxDecode (group 4, as pdfminer reads it) with its rows at most ROW_PIXELS wide and
    its output capped: one bit of input repeats the row above, so a few KB unpack to megabytes
    per KB of /Columns. pdfminer's decoder also appends each row to a bytes object (quadratic)."""
    from pdfminer.ccitt import CCITTFaxDecoder
    from pdfminer.pdfexceptions import PDFValueError

    if params.get("K") != -1:
        raise PDFValueError(params.get("K"))
    columns = params.get("Columns")
    if isinstance(columns, int) and columns > ROW_PIXELS:
        raise TooLarge(f"PDF 中有一张图每行 {columns} 点，超过 {ROW_PIXELS} 点（上限），不像一篇稿件：未导入")

    class Decoder(CCITTFaxDecoder):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.rows: list[bytes] = []
            self.size = 0

        def output_line(self, y: int, bits) -> None:
            row = bytearray((len(bits) + 7) // 8)
            for i, b in enumerate(bits):
                if b != self.reversed:      # BlackIs1 reverses the bits, as pdfminer does
                    row[i // 8] |= 128 >> (i % 8)
            self.size += len(row)
            if self.size > STREAM_BYTES:
                raise _too_large()
            self.rows.append(bytes(row))

        def close(self) -> bytes:
            return b"".join(self.rows)

    parser = Decoder(columns, bytealign=bool(params.get("EncodedByteAlign")), reversed=bool(params.get("BlackIs1")))
    parser.feedbytes(data)
    return parser.close()


@contextlib.contextmanager
def bounded_pdf_streams():
    """While pdfminer reads: every decoder that can unpack more than it reads capped at
    STREAM_BYTES a stream (Flate, LZW, RunLength, ASCII85, CCITT) and the PNG predictor's
    rows at ROW_PIXELS dots; restored after. ASCIIHex unpacks to half its input; TIFF predictor
    output is its input's size; DCT, JPX and JBIG2 are left packed (pictures: PICTURE_PIXELS)."""
    import pdfminer.pdftypes as pdftypes

    names = ("zlib", "lzwdecode", "rldecode", "ascii85decode", "ccittfaxdecode", "apply_png_predictor")
    saved = {name: getattr(pdftypes, name) for name in names}
    pdftypes.zlib = BoundedZlib()
    pdftypes.lzwdecode = bounded_lzwdecode
    pdftypes.rldecode = bounded_rldecode
    pdftypes.ascii85decode = bounded_ascii85decode
    pdftypes.ccittfaxdecode = bounded_ccittfaxdecode
    pdftypes.apply_png_predictor = bounded_png_predictor
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(pdftypes, name, value)
