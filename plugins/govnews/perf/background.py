"""Work a build hands to its other core: forked children that share the build's catalog.

`start` runs work in a fork and tells whether it succeeded: the list pages (a third of all
pages at 5,000 articles) need only the catalog, the views and the page shell, the first page
the engine renders, so a fork at that moment writes them while the engine goes on with the
articles (build.py), and ahead.py makes articles' parts the same way. `halves` maps a
function over a list with a fork doing the second half (reading article files, the wording
check) and hands the results back pickled, in order. Without fork (not POSIX), with a single
core or with GOVNEWS_BACKGROUND=0 (and, by the callers' choice, under `mkdocs serve`, whose
server runs threads) the caller does the same work itself. A child that fails, for any
reason, changes nothing: the caller does the work itself after all, so errors surface (and
read) exactly as without a child.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any

SWITCH = "GOVNEWS_BACKGROUND"   # "0": never fork (tests compare both ways byte for byte)


def available() -> bool:
    if not hasattr(os, "fork") or os.environ.get(SWITCH, "1") == "0":
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - no sched_getaffinity (macOS)
        cores = os.cpu_count() or 1
    return cores > 1


class Child:
    """`work` running in a forked child; `succeeded()` waits for it."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._ok: bool | None = None

    def succeeded(self) -> bool:
        """Wait for the child: whether it did all its work."""
        if self._ok is None:
            _, status = os.waitpid(self.pid, 0)
            self._ok = os.waitstatus_to_exitcode(status) == 0
        return self._ok

    def finished(self) -> bool:
        """Whether the child has ended (without waiting)."""
        if self._ok is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                return False
            self._ok = os.waitstatus_to_exitcode(status) == 0
        return True


def start(work: Callable[[], None]) -> Child | None:
    """Fork and run `work` in the child; None if not available (the caller works in-process)."""
    if not available():
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        return Child(pid)
    code = 1
    try:
        # what the child shares is frozen: its collections scan only its own objects, so they
        # neither touch (and copy) the parent's pages nor leave the child's cycles uncollected
        gc.freeze()
        work()
        code = 0
    except BaseException:  # noqa: BLE001 - the parent does the work again and reports it
        pass
    finally:
        os._exit(code)   # no atexit, no finalizers: those are the parent's (search process, temp dirs)


def halves(items: Sequence, fn: Callable[[Any], Any], least: int = 200) -> list:
    """[fn(item) for item in items], the second half computed by a forked child at the same
    time (its results come back pickled through a pipe). Results must pickle; `fn` must not
    depend on what it did for earlier items. Serial with fewer than `least` items (a fork
    costs more than it saves) or when no child can run; the child's half is computed here
    if the child fails."""
    if len(items) < least or not available():
        return [fn(item) for item in items]
    mid = (len(items) + 1) // 2
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return [fn(item) for item in items]
    if pid == 0:
        os.close(read_fd)
        code = 1
        try:
            gc.freeze()
            data = pickle.dumps([fn(item) for item in items[mid:]], protocol=pickle.HIGHEST_PROTOCOL)
            with open(write_fd, "wb") as out:
                out.write(data)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent computes this half again
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    theirs = None
    try:
        mine = [fn(item) for item in items[:mid]]
        with open(read_fd, "rb") as pipe:
            data = pipe.read()
        read_fd = -1
        if Child(pid).succeeded():
            theirs = pickle.loads(data)
    finally:
        if read_fd >= 0:   # our half raised: the child gets EPIPE and ends; reap it
            os.close(read_fd)
            Child(pid).succeeded()
    if theirs is None or len(theirs) != len(items) - mid:
        theirs = [fn(item) for item in items[mid:]]
    return mine + theirs
