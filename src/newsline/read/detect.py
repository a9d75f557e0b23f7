"""Which reader handles an input: by file-name ending first, then by sniffing the first bytes.

Endings and sniffing markers are data (``data/read/formats.json``). Sniffing serves unknown
extensions, extension-less files, stdin and fetched pages. Gzip-compressed inputs other than
WARC (``page.html.gz``) are decompressed by :func:`unwrap_gzip` and detected by their inner name.
"""
from __future__ import annotations

import codecs

from ..errors import BinaryInputError, TooLargeError
from ._data import load_formats
from .inflate import inflate_gzip
from .sources import human_size
from .text import looks_like_markdown

__all__ = ["detect_format", "format_by_name", "sniff_format", "unwrap_gzip"]

_GZIP = b"\x1f\x8b"


def format_by_name(name: str) -> str | None:
    """The format a file name's ending names (longest ending wins: ``.warc.gz`` before ``.gz``)."""
    lower = name.lower()
    endings = load_formats()["extensions"]
    best = max((e for e in endings if lower.endswith(e)), key=len, default=None)
    return endings[best] if best else None


def detect_format(name: str, data: bytes) -> str:
    """Format of one input: its name's ending, else what its first bytes look like.

    A WARC header beats the name (crawlers save archives under any name); so does a full HTML
    document (``<!DOCTYPE html`` / ``<html``) saved as ``.txt``, ``.rss``, ``.json`` …, which would
    otherwise reach the wrong reader as raw markup.
    """
    by_name = format_by_name(name)
    if by_name not in ("html", "warc") and _is_html_document(data):
        return "html"
    if by_name in (None, "text") or data[:8].lstrip().startswith((b"WARC/1.", _GZIP)):
        sniffed = sniff_format(data)
        if by_name is None or sniffed == "warc":
            return sniffed
    return by_name


def sniff_format(data: bytes) -> str:
    """Guess the format from content: WARC header, feed root, HTML tags, JSON, Markdown, else text."""
    if data.startswith(_GZIP):
        return "warc" if _gunzip_head(data).lstrip().startswith(b"WARC/1.") else "text"
    head = _head_text(data)
    stripped = head.lstrip().lower()
    if stripped.startswith("warc/1."):
        return "warc"
    markers = load_formats()["sniff"]
    window = stripped[:2048]
    if any(m in window for m in markers["feed"]) and not window.startswith(("<!doctype html", "<html")):
        return "feed"
    if stripped.startswith(("{", "[")):
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:20]) else "json"
    if stripped.startswith("<") and any(m in window for m in markers["html"]):
        return "html"
    return "markdown" if looks_like_markdown(head) else "text"


def _is_html_document(data: bytes) -> bool:
    return _head_text(data, 512).lstrip().lower().startswith(("<!doctype html", "<html"))


def _head_text(data: bytes, size: int = 4096) -> str:
    """The first bytes as text, for sniffing only (BOM-aware, lenient)."""
    head = data[:size]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _gunzip_head(data: bytes, size: int = 4096) -> bytes:
    return inflate_gzip(data, size).data[:size]


def unwrap_gzip(name: str, data: bytes, *, max_bytes: int) -> tuple[str, bytes]:
    """Decompress a gzip input that is not a WARC (``x.html.gz`` -> ``x.html``).

    WARC archives stay compressed (their reader handles gzip members itself). Raises
    BinaryInputError when the gzip stream is corrupt and TooLargeError past ``max_bytes``.
    """
    if not data.startswith(_GZIP) or format_by_name(name) == "warc" or sniff_format(data) == "warc":
        return name, data
    inner = name[:-3] if name.lower().endswith(".gz") else name[:-4] if name.lower().endswith(".tgz") else ""
    inflated = inflate_gzip(data, max_bytes)
    if inflated.corrupt:
        raise BinaryInputError("binary file (looks like gzip archive, but it is corrupt), not an article")
    if inflated.over_limit:
        raise TooLargeError(f"gzip file expands to more than the {human_size(max_bytes)} input limit "
                            "(raise it with NEWSLINE_MAX_BYTES)")
    return inner, inflated.data
