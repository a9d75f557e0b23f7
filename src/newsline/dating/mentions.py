"""Event dates: a mention's day or window, from its own time expression and the article's date.

The dating stage owns every date newsline states (``newsline.dating``); this module is its part
for the events one article reports. The language layer resolves a time expression against the
publication day when the article has one; here each mention's time is (re-)resolved against the
article's date or, for an article only dated to a window, against every day of that window, and
a reported past event with no time of its own gets an open window that ends at publication. An
event reported as having happened whose own day or window lies wholly after the publication day
cannot have happened yet: an asserted one is *planned* ("he faces 20 years when he is sentenced in
June", published in March), a claimed one stays one party's claim; both carry the reason (argument
``after_publication``). The
extraction step calls :func:`date_mention` for each new mention, and the corpus barrier
(:mod:`.corpus`) calls it again when it dates an article, so one function sets every mention date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..events.ontology import REAL_CONTEXTS
from ..nlp.timex import resolve_timex
from ..records import Article, DateWindow, EventArgument, EventMention, Span, TimeExpr

__all__ = ["date_mention", "resolve_in_window", "timex_days"]


def timex_days(timex: TimeExpr) -> tuple[str | None, str | None]:
    """The inclusive day bounds of a resolved timex (``earliest``/``latest`` or from its value)."""
    if timex.earliest or timex.latest:
        return timex.earliest, timex.latest
    value = timex.value or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value
    return None, None


def resolve_in_window(timex: TimeExpr, window: DateWindow) -> tuple[str | None, str | None, str | None]:
    """Resolve a relative timex for every possible publication day of ``window``.

    Returns the hull ``(earliest, latest)`` of the days it can denote and the weekday they all share
    (or None): "Thursday" in an article published 2025-06-13..2025-06-27 is a Thursday between
    2025-06-12 and 2025-06-26.
    """
    if not window.earliest or not window.latest:
        return None, None, None
    lo, hi, weekdays = None, None, set()
    day, last = date.fromisoformat(window.earliest), date.fromisoformat(window.latest)
    while day <= last:
        resolved = resolve_timex(timex, day.isoformat())
        start, end = timex_days(resolved) if resolved is not None else (None, None)
        if start and end:
            lo = start if lo is None or start < lo else lo
            hi = end if hi is None or end > hi else hi
            weekdays.add(date.fromisoformat(start).strftime("%A") if start == end else None)
        day += timedelta(days=1)
    weekday = weekdays.pop() if len(weekdays) == 1 else None
    return lo, hi, weekday


def _time_arg(mention: EventMention) -> dict[str, Any] | None:
    return next((a.value for a in mention.arguments if a.role == "time"), None)


def date_mention(mention: EventMention, article: Article, *, past: bool | None = None) -> None:
    """Set a mention's date or window from its own time expression, re-resolved against the
    article's date or window; without one, a recently reported past event gets the recency window."""
    mention.date, mention.date_window = None, None
    _undo_after_publication(mention)
    if past is not None:
        mention.arguments = [a for a in mention.arguments if a.role != "tense"]
        if past:
            mention.arguments.append(EventArgument("tense", "past", mention.trigger))
    timex = _time_arg(mention)
    if timex is not None:
        _date_from_timex(mention, timex, article)
        _after_publication(mention, article, timex.get("text", ""))
        return
    is_past = any(a.role == "tense" for a in mention.arguments)
    if is_past and mention.context in REAL_CONTEXTS:
        _past_window(mention, article)


def _date_from_timex(mention: EventMention, value: dict[str, Any], article: Article) -> None:
    relative = value.get("relative")
    if _undirected_day(relative) and mention.context in REAL_CONTEXTS:
        # a reported event has happened: "accusations over the weekend" is the last weekend
        relative = {**relative, "tense": -1}
        value = {**value, "value": None, "earliest": None, "latest": None}
    timex = TimeExpr(Span(article.id, 0, 0), value.get("kind", "DATE"), value.get("value"),
                     value.get("earliest"), value.get("latest"), relative, value.get("anchor"))
    text = value.get("text", "")
    if timex.value is None and article.published and relative:
        resolved = resolve_timex(timex, article.published)
        if resolved is not None:
            timex = resolved
    lo, hi = timex_days(timex)
    weekday = None
    if (lo is None or not article.published) and article.published_window and timex.relative:
        lo, hi, weekday = resolve_in_window(timex, article.published_window)
        reason = f"'{text}' in an article published {article.published_window.earliest}..{article.published_window.latest}"
    else:
        reason = f"'{text}'"
    if lo and hi and lo == hi:
        mention.date = lo
    elif lo or hi:
        mention.date_window = DateWindow(lo, hi, reason, weekday)


_AFTER = "after_publication"


def _after_publication(mention: EventMention, article: Article, text: str) -> None:
    """An event reported as having happened (asserted or claimed) whose own date or window starts
    after the last day the article can have been published has not happened when it was reported:
    the reporter's own statement of it is a schedule (*planned*); a party's claim stays *claimed*
    (the contexts have no claimed future). Either way the reason is an argument, with the
    context it replaced, so re-dating the article against another day can undo it."""
    published = article.published or (article.published_window.latest if article.published_window else None)
    start = mention.date or (mention.date_window.earliest if mention.date_window else None)
    if not published or not start or start <= published or mention.context not in REAL_CONTEXTS:
        return
    when = mention.date or f"{start}..{mention.date_window.latest or ''}"
    was = mention.context
    if was == "asserted":
        mention.context = "planned"
    reason = (f"its time '{text}' ({when}) lies wholly after publication ({published}): it cannot have "
              f"happened when reported, so it is {'planned' if was == 'asserted' else 'a claim about the future'}")
    mention.arguments.append(EventArgument(_AFTER, {"reason": reason, "was": was}, mention.trigger))


def _undo_after_publication(mention: EventMention) -> None:
    """Restore the context :func:`_after_publication` replaced (the mention is dated afresh)."""
    for a in mention.arguments:
        if a.role == _AFTER and isinstance(a.value, dict) and a.value.get("was"):
            mention.context = a.value["was"]
    mention.arguments = [a for a in mention.arguments if a.role != _AFTER]


def _undirected_day(relative: dict[str, Any] | None) -> bool:
    """A weekday/weekend read as present or future: for an event reported as having happened
    (no future or planning cue on its trigger) the past reading is the one that fits."""
    return bool(relative) and relative.get("type") in ("weekday", "weekend") and (relative.get("tense") or 0) >= 0


def _past_window(mention: EventMention, article: Article) -> None:
    """A past event with no time of its own happened on or before publication; how long before,
    the text does not say ("IBM sued him", "when Jobs first introduced the phone"): an open window
    ending at the publication day (or the publication window's last day), with that reason. The
    merger may narrow it with another report's own time; nothing here assumes recency."""
    if article.published:
        hi, why = article.published, f"published {article.published}"
    elif article.published_window and article.published_window.latest:
        hi = article.published_window.latest
        why = f"published {article.published_window.earliest}..{hi}"
    else:
        return
    mention.date_window = DateWindow(None, hi, f"no time in the text for this event; reported as past, {why}: "
                                               f"on or before publication")
