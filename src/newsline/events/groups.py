"""Grouping mentions into real-world events: first inside each article, then across articles.

Inside an article, mentions of one event share a type and a time: a dated mention joins the
group with the same day (or an overlapping window); an undated one ("confirmed the swap") joins
the nearest group of a compatible type and context in the same article. Across articles the one
judge is :class:`~newsline.events.matcher.EventMatcher` and the one clusterer
:mod:`~newsline.events.cluster`; this module gives them the groups and the time constraint
(:func:`time_excluded`: two different days are two events, however alike the text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..records import EventMention
from .ontology import Ontology, context_class, context_rank, load_cues

__all__ = ["Group", "local_groups", "CONTEXT_RANK", "time_bounds", "time_excluded", "width", "names_match",
           "matching_names", "role_conflict"]

# sentinels for an open window's missing bound while comparing; never stored or shown (JSON: null)
OPEN_START, OPEN_END = "0000-01-01", "9999-12-31"
CONTEXT_RANK = context_rank()   # the context vocabulary is data (ontology.json)


def time_bounds(m: EventMention) -> tuple[str, str] | None:
    """A mention's days for matching. A past event with no time in the text is shown with an open
    window ending at publication; for *matching* it counts as news of the last ``recency_days``
    (a soft prior: firmer times win, see ``Group.bounds``), so that it is not merged with any
    older event of its type."""
    if m.date:
        return m.date, m.date
    w = m.date_window
    if w and (w.earliest or w.latest):
        if not w.earliest and w.latest and _is_recency(m):
            days = load_cues()["time"]["recency_days"]
            return (date.fromisoformat(w.latest) - timedelta(days=days)).isoformat(), w.latest
        return w.earliest or OPEN_START, w.latest or OPEN_END
    return None


def only_recency(g: "Group") -> bool:
    """Whether every time the group's mentions have is a no-time-in-the-text window."""
    timed = [m for m in g.mentions if m.date or m.date_window]
    return bool(timed) and all(_is_recency(m) for m in timed)


def width(bounds: tuple[str, str]) -> int:
    try:
        return (date.fromisoformat(bounds[1]) - date.fromisoformat(bounds[0])).days
    except ValueError:
        return 9999


@dataclass(slots=True)
class Group:
    """Mentions believed to report one event (one article's, or merged across articles).

    What the matcher reads of a group (its time, kinds, context class, weekdays, argument values)
    is derived from its mentions and asked for again at every comparison: clustering compares
    each group with every candidate event, so each value is worked out once per content and kept
    until a mention is added (``add``, ``absorb``, or an append to ``mentions``)."""

    mentions: list[EventMention] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def add(self, m: EventMention, origin: str | None = None) -> None:
        self.mentions.append(m)
        self.articles.add(m.article_id)
        self.origins.add(origin or m.article_id)

    def absorb(self, other: "Group") -> None:
        self.mentions.extend(other.mentions)
        self.articles |= other.articles
        self.origins |= other.origins

    def _derived(self, key: object, make, *args) -> object:
        """``make(mentions, *args)``, worked out once for the mentions as they are now (again
        after one came). ``make`` is a module function, not a closure: this is asked millions
        of times in a large merge, and building a closure per call was a tenth of its time."""
        memo = self._memo
        if memo.get(None) == len(self.mentions):
            value = memo.get(key, _UNSET)
            if value is not _UNSET:
                return value
        else:
            memo.clear()
            memo[None] = len(self.mentions)
        value = memo[key] = make(self.mentions, *args)
        return value

    @property
    def kinds(self) -> frozenset[tuple[str, str | None]]:
        return self._derived("kinds", _kinds)

    @property
    def context_class(self) -> str:
        return self._derived("context", _context)

    def bounds(self) -> tuple[str, str] | None:
        """The tightest time the mentions allow together (their intersection), None if unknown.

        Recency windows (no time in the text) only count when nothing firmer is known."""
        return self._derived("bounds", _intersection)

    def weekdays(self) -> set[str]:
        return set(self._derived("weekdays", _weekdays))

    def values(self, role: str) -> frozenset[str]:
        return self._derived(("values", role), _values, role)


_UNSET = object()


def _kinds(mentions: list[EventMention]) -> frozenset[tuple[str, str | None]]:
    return frozenset((m.type, m.mode) for m in mentions)


def _context(mentions: list[EventMention]) -> str:
    return context_class(min((m.context for m in mentions), key=lambda c: CONTEXT_RANK.get(c, 9)))


def _weekdays(mentions: list[EventMention]) -> frozenset[str]:
    return frozenset(m.date_window.weekday for m in mentions if m.date_window and m.date_window.weekday)


def _values(mentions: list[EventMention], role: str) -> frozenset[str]:
    return frozenset(str(a.value) for m in mentions for a in m.arguments if a.role == role)


def _intersection(mentions: list[EventMention]) -> tuple[str, str] | None:
    """:meth:`Group.bounds` of these mentions."""
    firm = [b for m in mentions if (b := time_bounds(m)) and not _is_recency(m)]
    soft = [b for m in mentions if (b := time_bounds(m)) and _is_recency(m)]
    spans = firm or soft
    if not spans:
        return None
    lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
    return (lo, hi) if lo <= hi else (min(s[0] for s in spans), max(s[1] for s in spans))


def _is_recency(m: EventMention) -> bool:
    return bool(m.date_window and m.date_window.reason.startswith("no time in the text"))


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in name.lower().replace("'s", "").split() if w not in ("the", "of"))


def names_match(x: str, y: str) -> bool:
    """One name is the other or holds all its words ("Canada" / "Bank of Canada", "Feld" /
    "Mark Feld", "FTSE" / "FTSE 100")."""
    wx, wy = _words(x), _words(y)
    return bool(wx and wy) and (wx <= wy or wy <= wx)


def matching_names(xs: set[str], ys: set[str]) -> set[str]:
    return {x for x in xs if any(names_match(x, y) for y in ys)}


def role_conflict(a: Group, b: Group) -> bool:
    """Both sides name who acted (or who was acted on) and no name of one matches the other's,
    in that role or any other: "Halden Motors posted a profit" / "Brevik Motors posted a loss"."""
    every_a, every_b = a.values("source") | a.values("target"), b.values("source") | b.values("target")
    if matching_names(every_a, every_b):
        return False
    return any(a.values(r) and b.values(r) for r in ("source", "target"))


def _compatible(ontology: Ontology, a: Group, b: Group) -> bool:
    return any(ontology.compatible(x, y) for x in a.kinds for y in b.kinds)


def time_excluded(a: Group, b: Group) -> bool:
    """Times that exclude each other, or a stated weekday that contradicts the other's day."""
    ba, bb = a.bounds(), b.bounds()
    if ba is None or bb is None:
        return False
    if ba[1] < bb[0] or bb[1] < ba[0]:
        return True
    for days, other in ((a.weekdays(), bb), (b.weekdays(), ba)):
        if days and other[0] == other[1] and date.fromisoformat(other[0]).strftime("%A") not in days:
            return True
    return False


def local_groups(mentions: list[EventMention], ontology: Ontology) -> list[Group]:
    """Group one article's mentions (text order) into events; dated mentions first."""
    groups: list[Group] = []
    dated = [m for m in mentions if time_bounds(m) and not _is_recency(m)]
    rest = [m for m in mentions if m not in dated]
    for m in dated:
        single = Group()
        single.add(m)
        target = next((g for g in groups if _joins(ontology, g, single)), None)
        (target.absorb(single) if target else groups.append(single))
    for m in rest:
        single = Group()
        single.add(m)
        soft = _is_recency(m)   # an assumed window must not keep a mention from its own event
        candidates = [g for g in groups if _compatible(ontology, g, single)
                      and g.context_class == single.context_class and (soft or not time_excluded(g, single))]
        target = _nearest(candidates, m)
        (target.absorb(single) if target else groups.append(single))
    return groups


def _joins(ontology: Ontology, g: Group, single: Group) -> bool:
    if not _compatible(ontology, g, single) or g.context_class != single.context_class or role_conflict(g, single):
        return False   # one article's two results of one day by two companies are two events
    ba, bb = g.bounds(), single.bounds()
    return ba is not None and bb is not None and ba[0] <= bb[1] and bb[0] <= ba[1] and not time_excluded(g, single)


def _nearest(groups: list[Group], m: EventMention) -> Group | None:
    """The group with the closest mention before ``m`` (else the closest after it)."""
    def distance(g: Group) -> tuple[int, int]:
        before = [m.trigger.start - x.trigger.start for x in g.mentions if x.trigger.start <= m.trigger.start]
        after = [x.trigger.start - m.trigger.start for x in g.mentions if x.trigger.start > m.trigger.start]
        return (0, min(before)) if before else (1, min(after) if after else 10**9)
    return min(groups, key=distance) if groups else None
