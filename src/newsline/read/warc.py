"""WARC archives (fastwarc): every HTML response or resource record goes through the HTML reader.

Records are numbered from 1 in file order (all types count, so ``record 7`` is the seventh record
a WARC tool would list). A record that cannot be parsed becomes a Reject naming it and the reader
resynchronises at the next ``WARC/1.x`` header; a gzip member that will not decompress is
rejected the same way and reading resumes at the next member. Non-HTML payloads, requests,
metadata and non-2xx responses are passed over; a WARC with no HTML page at all is rejected with
a count of what it held.

fastwarc stops at the first malformed record, so the reader decompresses and walks the archive
itself to go on past it; the archive is held in memory (it is bounded by ``max_bytes``, and the
decompressed size by :data:`MAX_EXPANSION` times that).
"""
from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator

from ..errors import InputError, MalformedInputError, NoArticlesError, TooLargeError
from ..records import Reject
from .base import Item, Reader
from .decode import decode_bytes
from .html import HtmlReader
from .inflate import GZIP_MAGIC, inflate_gzip

__all__ = ["WarcReader", "gunzip_members", "MAX_EXPANSION", "MAX_MALFORMED"]

#: a compressed archive may expand to this many times ``max_bytes`` before it is refused
MAX_EXPANSION = 10
#: malformed records rejected one by one before the rest of an archive is refused in one reject
MAX_MALFORMED = 100
_HEADER = b"WARC/1."


class WarcReader(Reader):
    """A WARC or WARC.GZ file: one document per HTML page it archived (``fmt="warc"``, ``html`` set)."""

    fmt = "warc"

    def __init__(self, max_bytes: int | None = None, html: HtmlReader | None = None):
        from .. import config

        self.max_bytes = max_bytes or config.MAX_INPUT_BYTES
        self.html = html or HtmlReader()

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        if data.startswith(GZIP_MAGIC):
            data, problems = gunzip_members(data, self.max_bytes * MAX_EXPANSION)
            for record, reason in problems:
                yield Reject(source, "read", reason, record)
        if not data.lstrip().startswith(_HEADER):
            raise MalformedInputError("not a WARC file: it does not start with a 'WARC/1.x' record header")
        seen: Counter = Counter()
        for item in self._records(source, data, seen):
            yield item
        if not seen["html"] and not seen["rejected"]:
            held = ", ".join(f"{n} {kind}" for kind, n in sorted(seen.items())) or "no records"
            raise NoArticlesError(f"the WARC holds no HTML page ({held})")

    def _records(self, source: str, data: bytes, seen: Counter) -> Iterator[Item]:
        """Walk the records, resynchronising after a malformed one (at most MAX_MALFORMED)."""
        from fastwarc.warc import ArchiveIterator

        stream = io.BytesIO(data)        # one stream, seeked: slicing per resync copied the archive
        start, number = data.find(_HEADER), 0
        while 0 <= start < len(data):
            pos, counted = start, False
            try:
                stream.seek(start)
                for rec in ArchiveIterator(stream, parse_http=False, stream_detect=False):
                    pos, counted = rec.stream_pos, True
                    number += 1
                    problem = _header_problem(data, pos)
                    if problem or str(rec.record_type) == "unknown":
                        raise OSError(problem or "unknown record type or unreadable header")
                    item = self._record(source, rec, number, seen)
                    if item is not None:
                        yield item
                    pos, counted = _record_end(data, pos), False
                return
            except (OSError, TypeError, ValueError) as exc:  # fastwarc: TypeError on a bad length
                number += 0 if counted else 1
                seen["rejected"] += 1
                reason = _header_problem(data, pos) or str(exc)
                yield Reject(source, "read", f"malformed WARC record at byte {pos}: {reason}", f"record {number}")
                start = _resume_after(data, pos)
                if seen["rejected"] >= MAX_MALFORMED and start >= 0:
                    yield Reject(source, "read", f"more than {MAX_MALFORMED:,} malformed records: the rest "
                                 f"of the archive (from byte {start:,}) is not read", f"record {number + 1}")
                    return

    def _record(self, source: str, rec, number: int, seen: Counter) -> Item | None:
        kind = str(rec.record_type)
        if kind not in ("response", "resource"):
            seen[kind] += 1
            return None
        record = f"record {number}"
        url = rec.headers.get("WARC-Target-URI") or None
        try:
            payload, content_type, charset = _payload(rec, kind)
        except (OSError, ValueError) as exc:
            seen["rejected"] += 1
            return Reject(source, "read", f"{url or 'record'}: unreadable HTTP payload ({exc})", record)
        if payload is None or "html" not in content_type:
            seen["non-HTML or non-2xx"] += 1
            return None
        try:
            decoded = decode_bytes(payload, declared=charset)
            doc = self.html.document(source, decoded.text, raw=payload, record=record, url=url,
                                     url_origin="WARC-Target-URI", decode_meta=decoded.meta())
        except InputError as exc:
            seen["rejected"] += 1
            return Reject(source, exc.step, f"{url or 'record'}: {exc.reason}", record)
        doc.fmt = self.fmt
        seen["html"] += 1
        return doc


def _payload(rec, kind: str) -> tuple[bytes | None, str, str | None]:
    """(body, content type, declared charset); body None for a non-2xx HTTP response."""
    if kind == "resource":
        return rec.reader.read(), (rec.headers.get("Content-Type") or "").lower(), None
    rec.parse_http(auto_decode="all")
    status = rec.http_headers.status_code if rec.http_headers is not None else 0
    if not 200 <= status < 300:
        return None, "", None
    return rec.reader.read(), (rec.http_content_type or "").lower(), rec.http_charset


def _header_problem(data: bytes, record_start: int) -> str | None:
    """What is wrong with the Content-Length of the record header at ``record_start``, if anything."""
    head_end = data.find(b"\r\n\r\n", record_start, record_start + 64 * 1024)
    if head_end < 0 or not data.startswith(_HEADER, record_start):
        return None
    for line in data[record_start:head_end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            value = value.strip()
            if not value.isdigit() or len(value) > 18:
                shown = value[:20].decode("ascii", "backslashreplace")
                return f"bad Content-Length '{shown}' (not a byte count)"
            if head_end + 4 + int(value) > len(data):
                return (f"Content-Length {int(value):,} runs past the end of the archive "
                        f"({len(data) - head_end - 4:,} bytes left): the record is truncated")
            return None
    return "the record header has no Content-Length"


def _record_end(data: bytes, record_start: int) -> int:
    """Byte offset just past the record that starts at ``record_start`` (header + declared block)."""
    head_end = data.find(b"\r\n\r\n", record_start)
    if head_end < 0:
        return len(data)
    length = 0
    for line in data[record_start:head_end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value)
    return head_end + 4 + length


def _resume_after(data: bytes, pos: int) -> int:
    """Where to go on after a malformed record at ``pos``: the next record header, or -1.

    A bad record that has a header of its own is skipped past it; junk without a header ends
    at the first header that follows.
    """
    while pos < len(data) and data[pos:pos + 1] in b"\r\n \t":
        pos += 1
    if data.startswith(_HEADER, pos):
        pos += 1
    found = data.find(b"\n" + _HEADER, pos)
    return found + 1 if found >= 0 else -1


def gunzip_members(data: bytes, limit: int) -> tuple[bytes, list[tuple[str, str]]]:
    """Decompress a multi-member gzip file member by member, skipping corrupt members.

    Returns the decompressed bytes and ``(record, reason)`` for each member that failed. Raises
    TooLargeError when the output would exceed ``limit`` bytes.
    """
    inflated = inflate_gzip(data, limit)
    if inflated.over_limit:
        raise TooLargeError(f"compressed archive expands to more than {limit:,} bytes "
                            f"({MAX_EXPANSION}x the input size limit)")
    return inflated.data, inflated.problems
