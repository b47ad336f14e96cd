"""What an article's page needs besides its body, made ahead by a forked child.

Header, policy card, footer, related articles, <head> markup and the search record's fields
of an article need only the catalog, so a fork of the build (background.py) can make them on
the other core, in the order the engine will render the articles, while the engine converts
Markdown. The child appends one record per article to a spool file (on disk, about 11 KB an
article, unlinked at once: nothing waits on a full pipe, and the build holds no more than
before), each piece on its own; the build reads each piece by offset when it needs it. A
piece missing from the spool — the child failed, is not there, or had not got so far when it
ended — is made in the build itself: the pages are the same either way.
"""
from __future__ import annotations

import marshal
import os
import struct
import tempfile
import time
from collections.abc import Callable, Iterable

from govnews.perf import background

FLUSH_EVERY = 25                 # records per flush: the build sees the child's work in steps
_POLL = 0.002                    # seconds between looks at a spool the child is still writing


class Ahead:
    """Parts of the articles in `order`, made by `make(src) -> tuple` (`pieces` values, each
    anything marshal keeps: str, dict, list …) in a child; `part(src, i)` reads one of them."""

    def __init__(self, order: Iterable[str], make: Callable[[str], tuple], pieces: int, folder: str = ""):
        """`folder`: where the spool goes (the build cache's folder: on the project's disk,
        not a /tmp that may be memory); '' for the system's temporary folder."""
        self._make = make
        self._order = list(order)
        self._wanted = set(self._order)
        # a record: the lengths of the name and of each piece, the name, the pieces
        self._header = struct.Struct("<" + "I" * (1 + pieces))
        try:
            if folder:
                os.makedirs(folder, exist_ok=True)
            out, path = tempfile.mkstemp(prefix="govnews-ahead-", dir=folder or None)
        except OSError:
            out, path = tempfile.mkstemp(prefix="govnews-ahead-")
        self._fd = os.open(path, os.O_RDONLY)
        os.unlink(path)   # open in both processes; gone from the disk when both have closed it
        self._child = background.start(lambda: self._write(out))
        os.close(out)
        self._pos = 0
        self._size = 0    # of the spool, when last looked at
        self._offsets: dict[str, list[tuple[int, int]]] = {}   # src → where each piece is
        self._ended = self._child is None
        self._served: set[str] = set()   # articles whose pieces came from the spool
        self._made: tuple = (None, ())    # the last article whose pieces were made here

    @property
    def served(self) -> int:
        """Articles whose pieces were read from the spool (not made here)."""
        return len(self._served)

    def __contains__(self, src: str) -> bool:
        return src in self._wanted

    def _write(self, out: int) -> None:
        with open(out, "wb") as fh:
            for i, src in enumerate(self._order, 1):
                name = src.encode("utf-8")
                blobs = [marshal.dumps(value) for value in self._make(src)]
                fh.write(self._header.pack(len(name), *map(len, blobs)) + name + b"".join(blobs))
                if i % FLUSH_EVERY == 0:
                    fh.flush()

    def part(self, src: str, i: int):
        found = self._find(src)
        if found is None:   # made here: all pieces at once, kept for this article's other pieces
            if self._made[0] != src:
                self._made = (src, self._make(src))
            return self._made[1][i]
        start, size = found[i]
        self._served.add(src)
        return marshal.loads(os.pread(self._fd, size, start))

    def _find(self, src: str) -> list[tuple[int, int]] | None:
        if src not in self._wanted:
            return None
        while src not in self._offsets:
            if not self._read_one():
                return None
        return self._offsets[src]

    def _available(self, end: int) -> bool:
        if self._size < end:
            self._size = os.fstat(self._fd).st_size
        return self._size >= end

    def _read_one(self) -> bool:
        """Index the next record of the spool, waiting for the child to write it; False at
        the end of what the child wrote."""
        header = self._header
        while True:
            if self._available(self._pos + header.size):
                n_name, *sizes = header.unpack(os.pread(self._fd, header.size, self._pos))
                at = self._pos + header.size + n_name
                if self._available(at + sum(sizes)):
                    name = os.pread(self._fd, n_name, self._pos + header.size).decode("utf-8")
                    places = []
                    for size in sizes:
                        places.append((at, size))
                        at += size
                    self._offsets[name] = places
                    self._pos = at
                    return True
            if self._ended:
                return False
            if self._child.finished():
                self._ended = True   # it may have written the rest just before: look once more
                continue
            time.sleep(_POLL)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._child is not None:
            self._child.succeeded()   # reap it
