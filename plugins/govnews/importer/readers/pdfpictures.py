"""Pictures of a PDF page as files a browser shows: a JPEG (DCTDecode) byte for byte, and
8-bit grey or RGB pixels (FlateDecode, LZW, none) written as PNG. Other kinds — JPEG 2000,
CMYK, indexed colours, pictures with a transparency mask, JBIG2 scans — are left for the
editor; specks, rules and bars (a few pixels or points, or eight times longer than wide) are
layout, not pictures."""

from __future__ import annotations

import struct
import zlib

from govnews.importer import limits

MIN_PIXELS = 24          # narrower or lower than this: a rule, a bullet, a speck
MIN_POINTS = 20
STRIP = 8                # longer than this many times its width: a bar or a band, not a photo


def is_ornament(image) -> bool:
    """A rule, a speck, a bar across the page: layout, not a picture."""
    width, height = _size(image)
    return min(width, height) < MIN_PIXELS or min(image.width, image.height) < MIN_POINTS \
        or max(width, height) > STRIP * min(width, height)


def picture(image) -> tuple[bytes, str] | None:
    """(bytes, extension) of a pdfminer LTImage, or None when it is no kind a page can show."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    stream = image.stream
    filters = [literal_name(f) for f, _ in stream.get_filters()]
    if "SMask" in stream.attrs or "Mask" in stream.attrs:
        return None
    if filters == ["DCTDecode"]:
        data = stream.get_rawdata()
        return (data, ".jpg") if data.startswith(b"\xff\xd8\xff") else None
    if any(f not in ("FlateDecode", "LZWDecode", "Fl", "LZW") for f in filters):
        return None
    channels = _channels(resolve1(stream.attrs.get("ColorSpace")))
    if channels is None or resolve1(stream.attrs.get("BitsPerComponent")) != 8:
        return None
    width, height = _size(image)
    if width * height > limits.PICTURE_PIXELS:     # unpacked, it would take gigabytes: left out
        return None
    data = stream.get_data()
    row = width * channels
    if not width or not height or len(data) < row * height:
        return None
    raw = b"".join(b"\x00" + data[y * row:(y + 1) * row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) \
        + _chunk(b"IEND", b""), ".png"


def _channels(space) -> int | None:
    """1 for grey, 3 for RGB (device or ICC-based with as many components); None otherwise."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    if isinstance(space, list) and len(space) == 2 and literal_name(space[0]) == "ICCBased":
        profile = resolve1(space[1])
        n = resolve1(profile.attrs.get("N")) if hasattr(profile, "attrs") else None
        return n if n in (1, 3) else None
    name = literal_name(space) if space is not None and not isinstance(space, list) else ""
    return {"DeviceRGB": 3, "RGB": 3, "DeviceGray": 1, "G": 1}.get(name)


def _size(image) -> tuple[int, int]:
    from pdfminer.pdftypes import resolve1

    attrs = image.stream.attrs
    width, height = resolve1(attrs.get("Width")), resolve1(attrs.get("Height"))
    return (width, height) if isinstance(width, int) and isinstance(height, int) else (0, 0)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
