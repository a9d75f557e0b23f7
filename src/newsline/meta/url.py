"""The article's own address (canonical URL) and the other links the text carries.

Evidence, strongest first: a labelled line ("Original url: <…>", the URL on the same or the next
line), the container's metadata (``doc.meta["url"]``: HTML canonical, a WARC target URI, a feed
link), a line that is nothing but a URL at the top or bottom of the text, and the source itself
when it was fetched from a URL. Every URL-only line leaves the body (signal "metadata").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..clean.blocks import Block
from ._base import Field, fields_params

__all__ = ["UrlReading", "read_urls", "is_url"]

_URL_ONLY = re.compile(r"^<?((?:https?|ftp)://[^\s<>]+)>?$", re.IGNORECASE)
_EDGE = 3   # a bare URL line within this many blocks of the top or bottom can be the article's own


@dataclass(slots=True)
class UrlReading:
    url: Field | None = None
    taken: dict[int, str] = field(default_factory=dict)     # block index -> why it is metadata
    links: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(x) for x in sorted(fields_params()["url_labels"], key=len, reverse=True))
    return re.compile(rf"^(?P<label>{labels})\s*:\s*(?P<url>\S+)?$", re.IGNORECASE)


def is_url(text: str) -> str | None:
    m = _URL_ONLY.match(text.strip())
    return m.group(1).rstrip(".,;)") if m else None


def _labelled(blocks: list[Block], reading: UrlReading) -> Field | None:
    for i, block in enumerate(blocks):
        m = _label_pattern().match(block.text.strip())
        if not m:
            continue
        url = is_url(m.group("url") or "")
        if url is None and not m.group("url") and i + 1 < len(blocks):
            url = is_url(blocks[i + 1].text)
            if url:
                reading.taken[blocks[i + 1].index] = f"the address after '{block.text.strip()}'"
        if url:
            reading.taken[block.index] = f"url label line '{block.text.strip()}'"
            return Field(url, f"labelled line '{block.text.strip()}'")
    return None


def read_urls(blocks: list[Block], meta: dict[str, Any], meta_from: dict[str, str], source: str) -> UrlReading:
    """The canonical URL (with its reason), the URL lines to remove, and every link seen."""
    reading = UrlReading()
    found = _labelled(blocks, reading)
    edge_url: Field | None = None
    for pos, block in enumerate(blocks):
        url = is_url(block.text)
        if url is None or block.index in reading.taken:
            continue
        reading.taken[block.index] = "a line holding only a URL"
        reading.links.append(url)
        if edge_url is None and (pos < _EDGE or pos >= len(blocks) - _EDGE):
            edge_url = Field(url, f"URL-only line {pos + 1} of {len(blocks)}")
    for block in blocks:
        reading.links.extend(u for u in block.links if u not in reading.links)
    extra = meta.get("links")
    if isinstance(extra, (list, tuple)):
        reading.links.extend(str(u) for u in extra if u and str(u) not in reading.links)
    meta_url = str(meta.get("url") or "").strip()
    from_meta = Field(meta_url, meta_from.get("url", "container metadata 'url'")) if is_url(meta_url) else None
    from_source = Field(source, "the source address") if is_url(source or "") else None
    reading.url = found or from_meta or edge_url or from_source
    return reading
