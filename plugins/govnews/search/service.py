"""A small synchronous client for Pagefind's `--service` mode (the binary from pagefind[extended]).

Pagefind's own Python API (`pagefind.index.PagefindIndex`) polls for one response every
100 ms (measured: 100 ms per record, awaited one by one or 50 at once), so 5,000 records
would take over 8 minutes; this client streams requests from a writer thread and collects
responses on a reader thread (about 1 ms per record), so the build thread never waits and
the Rust indexer runs on the other core while MkDocs is still rendering.

Wire format (pagefind_service): base64(JSON {message_id, payload}) followed by ",".
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import threading
from typing import Any


class PagefindError(RuntimeError):
    pass


def executable() -> str:
    """The extended binary (segments Chinese); PAGEFIND_BINARY_PATH overrides it."""
    from pagefind.service import get_executable  # the lookup Pagefind's Python API uses

    path = get_executable()
    if path is None:
        raise PagefindError("找不到 Pagefind 程序（请 pip install -r requirements.txt 安装 pagefind[extended]）")
    return str(path)


class PagefindService:
    def __init__(self, binary: str | None = None, cwd: str | None = None):
        # niced: rendering on the main thread comes first; Pagefind (which would take both
        # cores) uses what is left and catches up while the build writes list pages and feeds
        cmd = [binary or executable(), "--service"]
        nice = shutil.which("nice")
        self._proc = subprocess.Popen(
            [nice, "-n", "10", *cmd] if nice else cmd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=cwd or os.getcwd(),
        )
        self._next_id = 0
        self._lock = threading.Condition()
        self._responses: dict[int, dict] = {}
        self._waiting: set[int] = set()          # ids whose answer someone will collect
        self._pending = 0                         # sent, not yet answered
        self.errors: list[str] = []               # errors of fire-and-forget requests
        self._out: queue.Queue[bytes | None] = queue.Queue()
        self._writer = threading.Thread(target=self._write_loop, name="pagefind-writer", daemon=True)
        self._reader = threading.Thread(target=self._read_loop, name="pagefind-reader", daemon=True)
        self._writer.start()
        self._reader.start()

    # -- requests ----------------------------------------------------------------------
    def send(self, payload: dict, want_answer: bool = False) -> int:
        """Queue a request; returns its id. Never blocks on the pipe."""
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            self._pending += 1
            if want_answer:
                self._waiting.add(message_id)
        data = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
        self._out.put(base64.b64encode(data.encode("utf-8")) + b",")
        return message_id

    def call(self, payload: dict, timeout: float | None = None) -> dict:
        """Send a request and wait for its answer (raises PagefindError on an error answer)."""
        return self.wait(self.send(payload, want_answer=True), timeout)

    def wait(self, message_id: int, timeout: float | None = None) -> dict:
        """The answer to a request sent with want_answer=True."""
        with self._lock:
            if not self._lock.wait_for(lambda: message_id in self._responses or self._dead(), timeout):
                raise PagefindError("Pagefind 没有响应")
            if message_id not in self._responses:
                raise PagefindError("Pagefind 进程意外退出")
            answer = self._responses.pop(message_id)
        if answer.get("type") == "Error":
            raise PagefindError(answer.get("message") or "Pagefind error")
        return answer

    def drain(self, timeout: float | None = None) -> None:
        """Wait until every request sent so far has been answered."""
        with self._lock:
            if not self._lock.wait_for(lambda: self._pending == 0 or self._dead(), timeout):
                raise PagefindError("Pagefind 没有处理完全部请求")
            if self._pending:
                raise PagefindError("Pagefind 进程意外退出")

    def close(self) -> None:
        self._out.put(None)
        try:
            self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    # -- threads -----------------------------------------------------------------------
    def _dead(self) -> bool:
        return self._proc.poll() is not None and not self._reader.is_alive()

    def _write_loop(self) -> None:
        stdin = self._proc.stdin
        while True:
            chunk = self._out.get()
            if chunk is None:
                return
            try:
                stdin.write(chunk)
                if self._out.empty():
                    stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                return

    def _read_loop(self) -> None:
        stdout = self._proc.stdout
        buf = bytearray()   # a GetFiles answer is one frame of many MB: scan each byte once
        try:
            while True:
                data = stdout.read1(1 << 16)
                if not data:
                    return
                start = len(buf)
                buf += data
                end = buf.find(b",", start)
                while end >= 0:
                    self._handle(bytes(buf[:end]))
                    del buf[:end + 1]
                    end = buf.find(b",")
        finally:
            with self._lock:
                self._lock.notify_all()

    def _handle(self, frame: bytes) -> None:
        try:
            message = json.loads(base64.b64decode(frame))
        except ValueError:
            return  # not a service frame (Pagefind prints nothing else, but be safe)
        if not isinstance(message, dict):
            return
        payload: dict[str, Any] = message.get("payload") or {}
        message_id = message.get("message_id")
        if message_id is None and payload.get("original_message"):
            try:
                message_id = json.loads(payload["original_message"]).get("message_id")
            except (ValueError, AttributeError):
                message_id = None
        with self._lock:
            if message_id is not None:
                self._pending -= 1
                if message_id in self._waiting:
                    self._waiting.discard(message_id)
                    self._responses[message_id] = payload
                elif payload.get("type") == "Error":
                    self.errors.append(str(payload.get("message")))
            elif payload.get("type") == "Error":
                self.errors.append(str(payload.get("message")))
            self._lock.notify_all()
