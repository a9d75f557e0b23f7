"""The one gzip inflater of the readers: bounded, member by member, never fatal.

A ``.gz`` input (``page.html.gz``, ``crawl.warc.gz``) may hold several gzip members, a corrupt
member, or a stream cut short, and may expand far beyond its size. :func:`inflate_gzip` reads
members in order up to ``limit`` bytes of output, skips a corrupt member to the next gzip header
and says what went wrong; the caller decides what that means (a reject, a note, a sniff that fails).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

__all__ = ["GZIP_MAGIC", "Inflated", "inflate_gzip"]

GZIP_MAGIC = b"\x1f\x8b\x08"


@dataclass(slots=True)
class Inflated:
    """What came out: the bytes (at most ``limit + 1``), whether ``limit`` was passed, how many
    members inflated, and ``(where, reason)`` for each member that was corrupt or cut short."""

    data: bytes
    over_limit: bool = False
    members: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def corrupt(self) -> bool:
        """Nothing could be inflated: not one member read (a cut-short first member still gives
        its bytes, and a corrupt later member leaves the earlier ones)."""
        return self.members == 0 and not self.data and bool(self.problems)


def inflate_gzip(data: bytes, limit: int) -> Inflated:
    """Decompress the gzip members of ``data`` in order, stopping past ``limit`` output bytes."""
    out, problems, pos, members = bytearray(), [], 0, 0
    while pos < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(data[pos:], limit + 1 - len(out))
        except zlib.error as exc:
            problems.append((f"gzip member at byte {pos}", f"corrupt gzip member: {exc}"))
            nxt = data.find(GZIP_MAGIC, pos + 1)
            if nxt < 0:
                break
            pos = nxt
            continue
        if len(out) > limit:
            return Inflated(bytes(out), True, members, problems)
        if not inflater.eof:
            problems.append((f"gzip member at byte {pos}", "truncated gzip member: the file ends inside it"))
            break
        members += 1
        pos = len(data) - len(inflater.unused_data)
    return Inflated(bytes(out), False, members, problems)
