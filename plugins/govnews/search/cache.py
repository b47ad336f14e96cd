"""Search shards already indexed: a shard whose records are unchanged is not indexed again.

Pagefind is most of a build's CPU (about 6 ms per article, most of it writing the bundle), and
a daily build of a large site changes the newest shard only: older shards hold the same
records as yesterday and Pagefind would write the same files (its output is deterministic,
and stable.py sorts what it does not). So each shard's bundle is kept under
`<cache_dir>/search/<key>/`, where the key hashes everything Pagefind is given: the binary,
the index options and every record in the order it is sent. A build with the same key copies
the bundle instead of running Pagefind; any change to any record (a corrected word, a new
filter value, a different shard boundary) changes the key.

`names.json` remembers which key each shard name had in the last build: a shard never built
before is streamed to Pagefind while the pages render (as without a cache); a known one is
first collected and hashed. After a build, entries it did not use are removed, so the cache
holds one site's bundles. CI keeps the folder between runs (.github/workflows/ci.yml,
.gitlab-ci.yml); deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile

FORMAT = "govnews-search-cache-2"   # bump when what a bundle holds changes outside the records
NAMES = "names.json"
# a shard's thousands of fragment and index chunks are never rewritten (content-hashed names):
# they are hard-linked between the cache and the build; the few files stable.py and the
# indexer rewrite in place (filters, pf_meta, pagefind-entry.json) are copied
_LINKED = ("fragment", "index")


def _link_or_copy(src: str, dst: str) -> str:
    if os.path.basename(os.path.dirname(src)) in _LINKED:
        try:
            os.link(src, dst)
            return dst
        except OSError:   # another file system, or links not allowed: copy
            pass
    return shutil.copy2(src, dst)


def last_names(folder: str) -> dict[str, str]:
    """Shard name → key of the last build (names.json); {} when there is none."""
    try:
        with open(os.path.join(folder, NAMES), encoding="utf-8") as fh:
            names = json.load(fh)
    except (OSError, ValueError):
        return {}
    return names if isinstance(names, dict) else {}


class ShardKey:
    """Running hash of what one Pagefind index is given."""

    def __init__(self, salt: str):
        self._h = hashlib.sha256(salt.encode("utf-8"))

    def update(self, records) -> None:
        for url, html in records:
            self._h.update(url.encode("utf-8") + b"\0" + html.encode("utf-8") + b"\0")

    def hexdigest(self) -> str:
        return self._h.hexdigest()


class ShardCache:
    def __init__(self, folder: str, salt: str):
        self.folder = folder
        self.salt = salt
        self.used: dict[str, str] = {}    # shard name → key, this build
        self.reused: list[str] = []       # shard names copied from the cache, this build
        self._names = last_names(folder)

    def key(self) -> ShardKey:
        return ShardKey(self.salt)

    def known(self, shard: str) -> bool:
        """A shard of that name was built last time (it may well be unchanged)."""
        return shard in self._names

    def fetch(self, shard: str, key: str, dest: str) -> bool:
        """Copy the bundle of `key` to `dest`; False when there is none (or it is unreadable)."""
        src = os.path.join(self.folder, key)
        if not os.path.isfile(os.path.join(src, "pagefind-entry.json")):
            return False
        try:
            shutil.copytree(src, dest, copy_function=_link_or_copy)
        except OSError:
            shutil.rmtree(dest, ignore_errors=True)
            return False
        self.used[shard] = key
        self.reused.append(shard)
        return True

    def store(self, shard: str, key: str, bundle: str) -> None:
        """Keep a bundle Pagefind just wrote (whole or not at all: copied, then renamed)."""
        self.used[shard] = key
        target = os.path.join(self.folder, key)
        if os.path.isdir(target):
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            tmp = tempfile.mkdtemp(prefix=".new-", dir=self.folder)
            shutil.copytree(bundle, os.path.join(tmp, "b"), copy_function=_link_or_copy)
            os.replace(os.path.join(tmp, "b"), target)
            shutil.rmtree(tmp, ignore_errors=True)
        except OSError:   # a read-only or full disk costs the next build time, not this one
            pass

    def commit(self) -> None:
        """Remember this build's shards and drop every other entry."""
        if not os.path.isdir(self.folder):
            return
        keep = set(self.used.values())
        for name in os.listdir(self.folder):
            path = os.path.join(self.folder, name)
            if name != NAMES and name not in keep and os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
        try:
            with open(os.path.join(self.folder, NAMES), "w", encoding="utf-8") as fh:
                json.dump(dict(sorted(self.used.items())), fh, indent=0)
        except OSError:
            pass


def salt(binary: str, config: dict) -> str:
    """What besides the records decides Pagefind's output: its version and the index options."""
    try:
        ident = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        ident = ""
    if not ident.startswith("pagefind"):   # not Pagefind as we know it: this very file
        try:
            st = os.stat(binary)
            ident = f"{os.path.realpath(binary)}:{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            ident = binary
    return json.dumps([FORMAT, ident, config], sort_keys=True)
