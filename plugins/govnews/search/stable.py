"""Make Pagefind's bundle byte-identical across builds of the same input.

Pagefind 1.5 writes index and fragment files deterministically, but its filter files and
the filter list in pf_meta come out of hash maps in arbitrary order (Pagefind issue #638),
so their names and pagefind-entry.json change from build to build. Here the filter values
and the filter and sort lists are sorted, and the rewritten files are named by a hash of
their content, as Pagefind names its own.

File format (Pagefind 1.5): gzip of b"pagefind_dcd" + CBOR.
pf_meta: [version, pages, index chunks, [[filter name, file hash]…], [[sort name, order]…], meta fields]
pf_filter: [filter name, [[value, [page numbers]]…]]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os

import cbor2

HEADER = b"pagefind_dcd"
FILTERS, SORTS = 3, 4


def _read(path: str):
    with open(path, "rb") as fh:
        raw = gzip.decompress(fh.read())
    if not raw.startswith(HEADER):
        raise ValueError(f"not a Pagefind file: {path}")
    return cbor2.loads(raw[len(HEADER):])


def _pack(obj) -> bytes:
    return gzip.compress(HEADER + cbor2.dumps(obj), compresslevel=9, mtime=0)


def _name(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def stabilize(bundle: str) -> None:
    """Rewrite <bundle>/filter/*, the pf_meta and pagefind-entry.json in a stable order."""
    entry_path = os.path.join(bundle, "pagefind-entry.json")
    with open(entry_path, encoding="utf-8") as fh:
        entry = json.load(fh)
    for lang, info in entry["languages"].items():
        meta_path = os.path.join(bundle, f"pagefind.{info['hash']}.pf_meta")
        meta = _read(meta_path)
        filters = []
        for name, file_hash in meta[FILTERS]:
            path = os.path.join(bundle, "filter", f"{file_hash}.pf_filter")
            fname, values = _read(path)
            data = _pack([fname, sorted(([v, sorted(pages)] for v, pages in values), key=lambda vp: vp[0])])
            new_hash = f"{lang}_{_name(data, 7)}"
            os.remove(path)
            with open(os.path.join(bundle, "filter", f"{new_hash}.pf_filter"), "wb") as fh:
                fh.write(data)
            filters.append([name, new_hash])
        meta[FILTERS] = sorted(filters, key=lambda f: f[0])
        meta[SORTS] = sorted(meta[SORTS], key=lambda s: s[0])
        data = _pack(meta)
        info["hash"] = f"{lang}_{_name(data, 11)}"
        os.remove(meta_path)
        with open(os.path.join(bundle, f"pagefind.{info['hash']}.pf_meta"), "wb") as fh:
            fh.write(data)
    with open(entry_path, "w", encoding="utf-8") as fh:
        json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
