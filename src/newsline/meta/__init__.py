"""Article metadata: title, standfirst, publication date, outlet, byline and wire, URL, language.

One module per field; each returns a :class:`Field` (value + the evidence it came from) or None,
and never invents a value: no date in the text or the container means ``published = None`` (later
stages infer date windows). :func:`read_metadata` runs them in dependency order over a document's
blocks and reports which blocks are metadata lines, so cleaning takes them out of the body
(signal ``metadata``), and which head lines are photo labels (signal ``label``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..clean.blocks import Block, split_blocks
from ..records import RawDocument
from ._base import Field, head_indices, is_prose
from .byline import byline_from_meta, read_byline, read_tail_credit, wire_from_dateline, wire_of_names
from .dates import choose_published, date_from_meta, date_from_url, read_date_header, read_dateline
from .language import detect_language
from .outlet import read_outlet
from .title import read_title
from .url import read_urls

__all__ = ["Field", "Metadata", "read_metadata", "detect_language"]


@dataclass(slots=True)
class Metadata:
    """What :func:`read_metadata` found, plus the blocks it took out of the body."""

    title: Field | None = None
    standfirst: Field | None = None
    published: Field | None = None
    byline: Field | None = None
    wire: Field | None = None
    url: Field | None = None
    outlet: Field | None = None
    taken: dict[int, str] = field(default_factory=dict)     # block index -> metadata reason
    labels: dict[int, str] = field(default_factory=dict)    # block index -> photo-label reason
    trims: dict[int, tuple[int, str]] = field(default_factory=dict)  # block index -> (body starts at offset, reason)
    links: list[str] = field(default_factory=list)
    conflicts: list[dict[str, str]] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    def reasons(self) -> dict[str, str]:
        """``{field: reason}`` for every field that was set."""
        names = ("title", "standfirst", "published", "byline", "wire", "url", "outlet")
        return {n: getattr(self, n).reason for n in names if getattr(self, n) is not None}


def read_metadata(doc: RawDocument, blocks: list[Block], is_cue: list[bool]) -> Metadata:
    """Read every metadata field from ``doc`` and its ``blocks`` (``is_cue[i]``: block i is a cue)."""
    md = Metadata()
    dates: list[Field] = []
    if blocks:
        _read_header(doc, blocks[0], md, dates)
    urls = read_urls(blocks, doc.meta, doc.meta_from, doc.source)
    md.url, md.links = urls.url, urls.links
    md.taken.update(urls.taken)
    head = head_indices(blocks, set(md.taken) | set(md.trims), is_cue)
    _read_head_lines(blocks, head, md, dates)
    _read_tail_credits(blocks, md)
    md.title, title_index, md.labels = read_title(doc.meta, doc.meta_from, blocks, head, set(md.taken), is_cue)
    if title_index is not None:
        md.taken[title_index] = f"title: {md.title.reason}"
    md.byline = md.byline or byline_from_meta(doc.meta, doc.meta_from)
    md.wire = md.wire or _wire_from_text(blocks, md, is_cue)
    md.outlet = read_outlet(doc.meta, doc.meta_from, md.url.value if md.url else None, blocks)
    # strongest first: the text's own date header, the container's date, datelines, the URL path
    header = [d for d in dates if d.reason.startswith("leading")]
    ordered = [*header, date_from_meta(doc.meta, doc.meta_from), *[d for d in dates if d not in header],
               date_from_url(md.url.value if md.url else None)]
    md.published, md.conflicts = choose_published([d for d in ordered if d is not None])
    return md


def _read_header(doc: RawDocument, first: Block, md: Metadata, dates: list[Field]) -> None:
    """A leading ``date YYYY-MM-DD <standfirst>`` header: the date leaves the body, the rest stays.

    The rest of the line is the standfirst; it is also the article's first paragraph, so it is kept
    in the body (only the header words are metadata).
    """
    line = doc.text[first.start:first.end]
    header = read_date_header(line)
    if header is None:
        return
    found, rest_at = header
    dates.append(found)
    rest = line[rest_at:].strip()
    byline = read_byline(split_blocks(rest)[0]) if rest else None
    if byline is not None:      # "Posted on June 12, 2025 by Jane Doe": no standfirst there
        md.byline = byline
        md.taken[first.index] = f"{found.reason} and {byline.reason}"
    elif len(rest.split()) >= 3:
        md.standfirst = Field(rest, f"text after the {found.reason} on the same line")
        md.trims[first.index] = (first.start + rest_at, found.reason)
    else:
        md.taken[first.index] = found.reason


def _read_head_lines(blocks: list[Block], head: list[int], md: Metadata, dates: list[Field]) -> None:
    """Bylines and datelines among the head blocks."""
    limit = max(head, default=-1)
    for block in blocks[: limit + 1]:
        if block.index in md.taken or block.index not in head:
            continue
        byline = read_byline(block) if md.byline is None else None
        if byline:
            md.byline = byline
            md.taken[block.index] = byline.reason
            wire = wire_of_names(byline.value)
            md.wire = md.wire or (Field(wire, byline.reason) if wire else None)
            continue
        dateline = read_dateline(block)
        if dateline:
            dates.append(dateline)
            md.taken[block.index] = dateline.reason


def _read_tail_credits(blocks: list[Block], md: Metadata) -> None:
    for block in blocks[-3:]:
        credit = read_tail_credit(block) if block.index not in md.taken else None
        if credit:
            md.taken[block.index] = credit.reason
            md.credits.append(block.text.strip())
            if md.byline is None and credit.value:
                md.byline = credit


def _wire_from_text(blocks: list[Block], md: Metadata, is_cue: list[bool]) -> Field | None:
    """A "(Reuters) -" dateline at the start of the first body paragraph."""
    for block in blocks:
        if block.index in md.taken or is_cue[block.index]:
            continue
        if is_prose(block):
            return wire_from_dateline(block)
    return None
