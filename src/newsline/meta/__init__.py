"""Article metadata: title, standfirst, publication date, outlet, byline and wire, URL, language.

One module per field; each returns a :class:`Field` (value + the evidence it came from) or None,
and never invents a value. Publication dates are only *claimed* here (:class:`DateClaims`): the
dating stage decides among them (no claim means no date; later it may infer a window).
:func:`read_metadata` runs the readers in dependency order over a document's blocks and reports
which blocks are metadata lines, so cleaning takes them out of the body (signal ``metadata``),
and which head lines are photo labels (signal ``label``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..clean.blocks import Block, split_blocks
from ..records import RawDocument
from ._base import Field, head_indices, is_prose
from .byline import (byline_from_meta, read_byline, read_tail_credit, read_wire_copyright, read_wire_line,
                     wire_from_dateline, wire_of_names)
from .dates import date_from_meta, date_from_url, read_date_header, read_dateline, read_fused_dateline
from .given import given_fields
from .language import detect_language
from .names import date_from_name, outlet_from_name
from .outlet import read_outlet
from .title import read_title
from .url import read_urls

__all__ = ["DateClaims", "Field", "Metadata", "read_metadata", "detect_language"]


@dataclass(slots=True)
class DateClaims:
    """The publication dates an article's text and container state, each with where it was read.

    The metadata stage proposes; the dating stage (:func:`newsline.dating.publication.decide_stated`)
    ranks the claims and decides, so the ranking lives with the one owner of publication dates."""

    given: Field | None = None                          # what the user gave (--published, a manifest)
    header: list[Field] = field(default_factory=list)   # a leading "date ..." header line
    datelines: list[Field] = field(default_factory=list)
    markup: Field | None = None                         # the container's date (HTML, feed, JSON field)
    url: Field | None = None                            # a /YYYY/MM/DD/ URL path
    name: Field | None = None                           # the file's name or folders


@dataclass(slots=True)
class Metadata:
    """What :func:`read_metadata` found, plus the blocks it took out of the body."""

    title: Field | None = None
    standfirst: Field | None = None
    dates: DateClaims = field(default_factory=DateClaims)
    byline: Field | None = None
    wire: Field | None = None
    url: Field | None = None
    outlet: Field | None = None
    language: Field | None = None       # only when given: detection runs on the clean body
    taken: dict[int, str] = field(default_factory=dict)     # block index -> metadata reason
    labels: dict[int, str] = field(default_factory=dict)    # block index -> photo-label reason
    trims: dict[int, tuple[int, str]] = field(default_factory=dict)  # block index -> (body starts at offset, reason)
    links: list[str] = field(default_factory=list)
    disagreements: list[dict[str, str]] = field(default_factory=list)  # other fields: {field, kept, value, reason}
    credits: list[str] = field(default_factory=list)

    def prefer(self, name: str, chosen: Field | None, other: Field | None) -> None:
        """Set field ``name`` to ``chosen`` (when there is one), recording ``other`` when it disagrees."""
        if chosen is None:
            setattr(self, name, other)
            return
        if other is not None and _norm(other.value) != _norm(chosen.value):
            self.disagreements.append({"field": name, "kept": chosen.value, "kept_reason": chosen.reason,
                                       "value": other.value, "reason": other.reason})
        setattr(self, name, chosen)

    def reasons(self) -> dict[str, str]:
        """``{field: reason}`` for every field that was set."""
        names = ("title", "standfirst", "byline", "wire", "url", "outlet")
        return {n: getattr(self, n).reason for n in names if getattr(self, n) is not None}


def read_metadata(doc: RawDocument, blocks: list[Block], is_cue: list[bool]) -> Metadata:
    """Read every metadata field from ``doc`` and its ``blocks`` (``is_cue[i]``: block i is a cue)."""
    md = Metadata()
    given = given_fields(doc.meta)
    dates: list[Field] = []
    if blocks:
        _read_header(doc, blocks[0], md, dates)
    urls = read_urls(blocks, doc.meta, doc.meta_from, doc.source)
    md.url, md.links = urls.url, urls.links
    md.taken.update(urls.taken)
    head = head_indices(blocks, set(md.taken) | set(md.trims), is_cue)
    _read_head_lines(blocks, head, md, dates)
    _read_tail_credits(blocks, md)
    _read_title(doc, blocks, head, is_cue, md, given.get("title"))
    md.byline = md.byline or byline_from_meta(doc.meta, doc.meta_from)
    md.wire = md.wire or _wire_from_text(blocks, md, is_cue)
    md.prefer("url", given.get("url"), md.url)
    md.prefer("byline", given.get("byline"), md.byline)
    outlet = read_outlet(doc.meta, doc.meta_from, md.url.value if md.url else None, blocks)
    named = outlet_from_name(doc.source) if not doc.record else None
    if outlet is None or "not in the list" in outlet.reason:    # an unknown domain is weaker than a name
        md.prefer("outlet", named, outlet)
    else:
        md.prefer("outlet", outlet, named)
    md.prefer("outlet", given.get("outlet"), md.outlet)
    md.language = given.get("language")
    # candidates only: the dating stage (newsline.dating.publication) ranks them and decides
    header = [d for d in dates if d.reason.startswith("leading")]
    md.dates = DateClaims(given=given.get("published"), header=header,
                          datelines=[d for d in dates if d not in header],
                          markup=date_from_meta(doc.meta, doc.meta_from),
                          url=date_from_url(md.url.value if md.url else None),
                          name=date_from_name(doc.source) if not doc.record else None)
    return md


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold().strip(" .")


def _read_title(doc: RawDocument, blocks: list[Block], head: list[int], is_cue: list[bool], md: Metadata,
                given: Field | None) -> None:
    """The title line (it leaves the body) and the photo labels; a given title wins over it."""
    if md.title is not None:        # the headline fused with the date on the first line
        md.prefer("title", given, md.title)
        return
    meta, meta_from = doc.meta, doc.meta_from
    if given is not None and read_title({"title": given.value}, {"title": given.reason}, blocks, head,
                                        set(md.taken), is_cue)[1] is not None:
        meta, meta_from = {**meta, "title": given.value}, {**meta_from, "title": given.reason}
    title, index, md.labels = read_title(meta, meta_from, blocks, head, set(md.taken), is_cue)
    if index is not None:
        md.taken[index] = f"title: {title.reason}"
    md.prefer("title", given, title)


def _read_header(doc: RawDocument, first: Block, md: Metadata, dates: list[Field]) -> None:
    """A leading ``date YYYY-MM-DD <standfirst>`` header: the date leaves the body, the rest stays.

    The rest of the line is the standfirst; it is also the article's first paragraph, so it is kept
    in the body (only the header words are metadata).
    """
    line = doc.text[first.start:first.end]
    header = read_date_header(line)
    if header is None:
        _read_fused(doc, first, line, md, dates)
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


def _read_fused(doc: RawDocument, first: Block, line: str, md: Metadata, dates: list[Field]) -> None:
    """"Title March 01, 2008 Body …" on one line: the headline and the date leave the body."""
    title = doc.meta.get("title")
    fused = read_fused_dateline(line, str(title) if title else None)
    if fused is None and title:
        fused = read_fused_dateline(line)
    if fused is None:
        return
    found, title_end, body_at = fused
    dates.append(found)
    headline = line[:title_end].strip()
    if not title and headline:
        md.title = Field(headline, f"text before the {found.reason}")
    md.trims[first.index] = (first.start + body_at, f"headline and {found.reason}" if headline else found.reason)


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
        credit = read_wire_line(block) if md.wire is None else None
        if credit:
            md.wire = credit
            md.byline = md.byline or credit
            md.taken[block.index] = credit.reason
            continue
        dateline = read_dateline(block)
        if dateline:
            dates.append(dateline)
            md.taken[block.index] = dateline.reason


def _read_tail_credits(blocks: list[Block], md: Metadata) -> None:
    for block in blocks[-3:]:
        copyright_ = read_wire_copyright(block) if block.index not in md.taken else None
        if copyright_:
            md.taken[block.index] = copyright_.reason
            md.wire = md.wire or copyright_
            continue
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
