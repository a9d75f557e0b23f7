"""Records that flow through newsline.

Every annotation is a :class:`Span` into one article's clean body (``Article.body``):
``(article_id, start, end)`` character offsets, end exclusive, so ``body[start:end]`` is the
evidence text. Values derived from text (a normalized date, a count, a canonical name) live next
to the span that backs them; a value with no span is not produced.

Records are plain slotted dataclasses so they are cheap to create in a stream, easy to serialise
(``to_dict``) and easy to compare in tests.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Span", "DateWindow", "PublicationDate", "RawDocument", "Removed", "Article", "Reject",
    "Entity", "TimeExpr", "Quantity", "Quote",
    "EventArgument", "EventMention", "Event", "DuplicateCluster",
    "Annotations", "Fingerprint", "CopyPair", "WIRE_PREFIX", "origin_name", "to_dict",
]


@dataclass(slots=True, frozen=True)
class Span:
    """A labelled character range in an article's clean body (end exclusive)."""

    article_id: str
    start: int
    end: int
    label: str = ""

    def text(self, body: str) -> str:
        return body[self.start:self.end]

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span offsets {self.start}..{self.end} in {self.article_id}")


@dataclass(slots=True)
class DateWindow:
    """A date that the evidence does not pin to one day: ISO bounds (inclusive) and why."""

    earliest: str | None
    latest: str | None
    reason: str
    weekday: str | None = None


@dataclass(slots=True)
class PublicationDate:
    """When an article appeared: the dating stage's own record (``newsline.dating`` alone builds
    and writes it; the store keeps it in a table of its own, never in the article's row).

    A ``day`` when evidence fixes one, else perhaps a ``window``; each with its reason. ``basis``
    says where the day came from: ``"stated"`` (the article or the user states it), ``"copy"``
    (taken from the article's copies) or ``"corpus"`` (derived from events it shares with dated
    articles); None without a day. ``set_aside``: the stated candidates that disagreed with the
    chosen one (``[{"value", "reason"}]``)."""

    day: str | None = None
    reason: str | None = None
    window: DateWindow | None = None
    basis: str | None = None
    set_aside: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class RawDocument:
    """One input record as a reader yields it, before cleaning.

    ``text`` is the decoded text of the record (for HTML: the extracted main text); ``fmt`` names
    the reader (``text``, ``markdown``, ``html``, ``json``, ``warc``, ``feed``). ``meta`` carries what
    the container already knows (HTML ``<title>``, a feed entry's date, a JSON field), each value
    with its origin in ``meta_from`` so metadata can say where it came from.
    """

    source: str
    text: str
    fmt: str
    record: str = ""            # position inside a multi-record container ("line 3", "record 7")
    raw_sha: str = ""           # content hash of the raw bytes of this record
    meta: dict[str, Any] = field(default_factory=dict)
    meta_from: dict[str, str] = field(default_factory=dict)
    html: str | None = None     # the original markup, for HTML-aware metadata


@dataclass(slots=True)
class Removed:
    """A block cleaning took out of the raw text, with the reason and the signal that fired."""

    text: str
    reason: str                 # e.g. "repeated across 3 articles of The Moscow Times", "cue: donation appeal"
    signal: str                 # "repeat", "cue", "menu", "metadata", "markup"
    start: int = -1             # offsets into the decoded raw text, -1 when unknown
    end: int = -1


@dataclass(slots=True)
class Article:
    """One article: its clean body, its metadata (each with the reason it was set) and provenance.

    Its publication date is the dating stage's record (``dated``), attached when the article is
    read from the store; ``published``, ``published_from`` and ``published_window`` read it."""

    id: str                     # content hash of the record (stable across re-ingests)
    source: str                 # the path or URL as given
    body: str                   # the clean text; every Span indexes into it
    fmt: str = "text"
    record: str = ""
    raw: str = ""               # the decoded text before cleaning
    title: str | None = None
    standfirst: str | None = None
    outlet: str | None = None
    outlet_from: str | None = None
    byline: str | None = None
    url: str | None = None
    language: str | None = None
    links: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    dated: PublicationDate = field(default_factory=PublicationDate)

    @property
    def published(self) -> str | None:
        """The publication day (ISO), only when evidence fixes it."""
        return self.dated.day

    @property
    def published_from(self) -> str | None:
        """Why: "leading 'date …' header", "dateline", "url path", "from its copy …" …"""
        return self.dated.reason

    @property
    def published_window(self) -> DateWindow | None:
        """The days it may have appeared on, when no one day is known."""
        return self.dated.window


@dataclass(slots=True)
class Reject:
    """A piece of input that could not be used, with the step that refused it and why."""

    source: str
    step: str                   # "read", "decode", "clean", "store", "language", "events" …
    reason: str
    record: str = ""
    error: str = ""             # the exception class, when a step raised (e.g. "ValueError")
    article_id: str = ""        # the stored article whose later step failed ("" if never stored)


@dataclass(slots=True)
class Entity:
    """A named entity mention with its normalized (canonical) name and fixed type."""

    span: Span
    label: str                  # PERSON, ORG, GPE, LOC, NORP, PLATFORM …
    canonical: str              # normalized name shared by aliases ("Volodymyr Zelensky")
    kind: str = "name"          # "name", "nominal" ("the ministry"), "pronoun" ("he")


@dataclass(slots=True)
class TimeExpr:
    """A time expression with a TimeML-style value resolved against the publication date.

    ``value`` is an ISO value (``2025-06-10``, ``2025-W24``, ``2025-06``, ``2025``, ``PAST_REF``) or
    None when the anchor is unknown; ``relative`` then keeps the meaning needed to resolve it later
    (e.g. ``{"weekday": 1, "direction": -1}``). ``earliest``/``latest`` bound the value as days.
    An expression that names no real time ("February 29, 2023", "June 31") has ``value`` None and
    the reason in ``invalid``.
    """

    span: Span
    kind: str                   # DATE, TIME, DURATION, SET
    value: str | None
    earliest: str | None = None
    latest: str | None = None
    relative: dict[str, Any] | None = None
    anchor: str | None = None   # the date it was resolved against
    invalid: str | None = None  # why the expression names no real time ("June 31"); value is None


@dataclass(slots=True)
class Quantity:
    """A number with what it counts, its qualifier and scope, backed by its span."""

    span: Span
    value: float | None         # None for an undisclosed count
    noun: str | None
    qualifier: str = "exactly"  # at least, more than, about, up to, nearly, exactly, undisclosed
    scope: str | None = None    # "each", "on each side"
    kind: str = "count"         # count, age, money, percent, undisclosed


@dataclass(slots=True)
class Quote:
    """A quote or an indirect attribution, attributed to a normalized speaker.

    ``kind``: ``direct`` (a whole quoted utterance), ``partial`` (quoted words inside the writer's
    sentence: called the plan "a betrayal of workers"), ``indirect`` (reported speech or stance
    with no quote marks: "X said that …", "according to X", "X criticized …") or ``scare`` (a
    quoted term of one to three words: the so-called "heroes"). ``speaker_note`` says why no
    speaker is given when ``speaker`` is None (an unresolved "they", a transcript's unnamed "Q").
    """

    span: Span                  # the quoted / reported content
    speaker: str | None         # canonical speaker name
    speaker_span: Span | None
    cue: str | None             # "said", "wrote on X", "said in a statement", "according to"
    kind: str = "direct"        # direct, partial, indirect, scare
    cue_span: Span | None = None            # the cue verb (or "according to") in the text
    speaker_note: str | None = None         # why there is no speaker, when there is none


@dataclass(slots=True)
class EventArgument:
    role: str                   # source, target, mediator, place, time, quantity
    value: Any                  # canonical name, ISO date, Quantity dict …
    span: Span


@dataclass(slots=True)
class EventMention:
    """An event as one article reports it."""

    id: str
    article_id: str
    type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    context: str = "asserted"   # asserted, claimed, agreed, planned, negated, hypothetical
    date: str | None = None
    date_window: DateWindow | None = None
    arguments: list[EventArgument] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """A real-world event merged from mentions across articles."""

    id: str
    type: str
    date: str | None = None
    date_window: DateWindow | None = None
    place: str | None = None
    actors: list[str] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    independent_origins: int = 0
    mentions: list[str] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    mode: str | None = None
    context: str = "asserted"   # the strongest context among its mentions (asserted > claimed > …)
    details: dict[str, Any] = field(default_factory=dict)  # crosswalk, per-source values, terms, date reasoning


@dataclass(slots=True)
class DuplicateCluster:
    """Copies of one text: the canonical (most complete) member and the others."""

    id: str
    canonical: str
    members: list[str]
    origin: str                 # the origin id: the story (a cluster or an article), "wire:AFP:<story>" when credited


@dataclass(slots=True)
class Fingerprint:
    """The duplicates stage's record of one article's text (:mod:`newsline.dedup.minhash`): its signature: MinHash values, number of distinct shingles, exact-copy key.

    ``shingles`` (the sorted shingle hashes) travels with a fresh fingerprint for exact
    verification; it is not persisted.
    """

    article_id: str
    hashvalues: np.ndarray
    size: int
    key: str
    shingles: np.ndarray | None = None

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @staticmethod
    def values_from_bytes(blob: bytes) -> np.ndarray:
        import numpy as np      # records stay importable without numpy loaded; the store needs it here

        return np.frombuffer(blob, dtype="<u4").astype(np.uint32)



@dataclass(frozen=True, slots=True)
class CopyPair:
    """The duplicates stage's judgement (:mod:`newsline.dedup.cluster`): two articles judged to be one text, with the evidence: ``kind`` is exact/near/contained."""

    a: str
    b: str
    kind: str
    jaccard: float
    containment: float



@dataclass(slots=True)
class Annotations:
    """The language layer's (:mod:`newsline.nlp`) reading of one article (all spans index ``Article.body``)."""

    article_id: str
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    doc: Any = None             # the spaCy Doc of the body; never stored

    def counts(self) -> dict[str, int]:
        return {"sentences": len(self.sentences), "entities": len(self.entities),
                "timexes": len(self.timexes), "quantities": len(self.quantities),
                "quotes": len(self.quotes)}


#: Origin ids: an origin is one story (its duplicate cluster, else the article itself), named
#: with its news agency when credited (``wire:AFP:<story>``; see :mod:`newsline.dedup.origins`).
WIRE_PREFIX = "wire:"


def origin_name(cluster_id: str | None, article_id: str, wire: str | None) -> str:
    """The origin id: the story (its cluster, else the article), named with its wire when credited."""
    story = cluster_id or article_id
    return f"{WIRE_PREFIX}{wire}:{story}" if wire else story


def to_dict(record: Any) -> Any:
    """Serialise a record (or a list/dict of records) to plain JSON-ready values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record
