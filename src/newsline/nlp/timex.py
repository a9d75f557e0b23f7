"""Time expressions: find every date/time expression in an article and normalise it.

::

    from newsline.nlp.timex import extract_timexes, resolve_timex
    timexes = extract_timexes(body, article.id, article.published, doc=doc)
    later = resolve_timex(t, "2025-06-12")   # once a date is inferred for an undated article

Steps, one module each:

1. candidates — a regex grammar built from ``data/timex`` (:mod:`.timex_grammar`), with text
   checks that drop ages ("under the age of 25", "59-year-old"), counts ("1,000", "2000 troops")
   and ambiguous words ("May I", "prices fall");
2. context — spaCy's parse (the caller's ``doc`` or our own, loaded once) drops four-digit numbers
   that count a plural noun, frequency words in donation/subscription boilerplate ("support us
   monthly"), and gives each expression its clause tense (:mod:`.timex_tense`);
3. meaning — a frame per expression (:mod:`.timex_frames`), kept in ``TimeExpr.relative``
   whenever the value depends on the publication date;
4. value — the frame resolved against the publication date (:mod:`.timex_resolve`); without a
   date, ``value`` is None (unless the text fixes it: "June 2, 2025", "two years", "weekly") and
   :func:`resolve_timex` finishes the job later.

spaCy's own DATE/TIME entities are used as a second signal: an entity the grammar did not cover
is kept when dateparser can read it as a date (:func:`_entity_fallback`).
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from ..records import Span, TimeExpr
from .timex_frames import build_frame
from .timex_grammar import Candidate, filters, find_candidates
from .timex_resolve import InvalidTime, needs_anchor, parse_anchor, resolve_frame
from .timex_tense import tense_at

__all__ = ["extract_timexes", "resolve_timex"]

_TENSED = {"weekday", "calendar", "quarter", "season", "holiday", "weekend", "clock", "week_of", "quarter_focus"}


@lru_cache(maxsize=1)
def _nlp() -> Any:
    from .model import load_nlp

    return load_nlp(lemmas=False)


def extract_timexes(text: str, article_id: str, published: str | None, *, doc: Any = None,
                    tense_hints: bool = True) -> list[TimeExpr]:
    """Every time expression in ``text`` as a :class:`TimeExpr`, in text order.

    ``published`` (ISO date or None) is the anchor. ``doc`` is an optional spaCy ``Doc`` of exactly
    ``text``; without it the shared pipeline parses the text. ``tense_hints=False`` resolves
    weekdays and yearless dates without reading the clause tense (past/nearest).
    """
    if doc is None:
        from .annotate import parse_body

        doc = parse_body(text, nlp=_nlp())
    anchor = published if parse_anchor(published) else None
    out: list[TimeExpr] = []
    focus: dict[str, dict[str, Any]] = {}
    for cand in _candidates(text, doc):
        frame = build_frame(cand)
        if frame is None:
            continue
        if tense_hints and (frame["type"] in _TENSED or frame.get("date")):
            frame["tense"] = tense_at(doc, cand.start, cand.end)
        frame = _with_focus(frame, focus)
        _update_focus(focus, frame)
        out.append(_timex(frame, Span(article_id, cand.start, cand.end, frame["kind"]), anchor))
    return out


def resolve_timex(t: TimeExpr, anchor: str) -> TimeExpr:
    """A copy of ``t`` resolved against ``anchor`` (ISO date) when its value depends on one.

    Expressions whose value the text fixes are returned unchanged (as a copy).
    """
    if not t.relative:
        return copy.copy(t)
    return _timex(copy.deepcopy(t.relative), t.span, anchor if parse_anchor(anchor) else None)


def _timex(frame: dict[str, Any], span: Span, anchor: str | None) -> TimeExpr:
    relative = frame if needs_anchor(frame) else None
    try:
        res = resolve_frame(frame, anchor)
    except InvalidTime as exc:      # "June 31": kept as an expression with its reason, never raised
        return TimeExpr(span=span, kind=frame["kind"], value=None, relative=relative, invalid=exc.reason)
    return TimeExpr(
        span=span, kind=frame["kind"], value=res.value if res else None,
        earliest=res.earliest if res else None, latest=res.latest if res else None,
        relative=relative, anchor=anchor if (relative and res) else None,
    )


_DAY_FRAMES = {"weekday", "holiday"}
_FOCUS_UNITS = {"day", "week", "hour", "minute"}


def _with_focus(frame: dict[str, Any], focus: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Tie anaphoric expressions to the time the text last named (TimeML's reference time).

    'the quarter' and 'a year earlier' (in a report on a quarter) → the quarter last named;
    'that year', 'the same day' → the date last named; a bare '10:35 a.m.' → the day last named;
    'two days later', 'a week earlier' → counted from the day last named. (Longer units keep the
    publication date: TimeBank anchors 'a year earlier' at the document date unless a quarter is
    in focus.)
    """
    quarter = focus.get("quarter")
    if frame["type"] == "quarter_focus" and quarter:
        frame["focus"] = quarter
    elif frame.get("ago") and frame.get("unit") == "year" and frame.get("n") == -1 and quarter:
        return {"type": "quarter_focus", "kind": "DATE", "shift": -4, "focus": quarter}
    elif frame.get("from_ref") and frame.get("unit") in _FOCUS_UNITS and focus.get("day"):
        frame["focus"] = focus["day"]             # "two days later": after the day last named
    elif frame["type"] == "that_unit" and focus.get("day" if frame["unit"] == "day" else "date"):
        frame["focus"] = focus["day" if frame["unit"] == "day" else "date"]
    elif frame["type"] == "clock" and "date" not in frame and focus.get("day"):
        frame["date"] = focus["day"]
    return frame


def _update_focus(focus: dict[str, dict[str, Any]], frame: dict[str, Any]) -> None:
    kind = frame["type"]
    # a chained "a day later" keeps its own focus; other frames are stored plain
    plain = {k: v for k, v in frame.items() if k not in ("date", "mod") and (k != "focus" or frame.get("from_ref"))}
    if kind == "quarter":
        focus["quarter"] = plain
    if kind in ("calendar", "holiday", "weekday", "quarter") or (kind == "offset" and frame["unit"] == "day"):
        focus["date"] = plain
    if kind in _DAY_FRAMES or (kind == "calendar" and "day" in frame) or \
            (kind == "offset" and frame["unit"] == "day"):
        focus["day"] = {**plain, "kind": "DATE"}


# --- context filters that need the parse -----------------------------------------------------------

def _candidates(text: str, doc: Any) -> list[Candidate]:
    ents = doc.ents                               # built once: each access makes new Span objects
    names = [(e.start_char, e.end_char) for e in ents if e.label_ in filters()["name_labels"]]
    kept = [c for c in find_candidates(text)
            if not _count_not_year(c, doc) and not _boilerplate_set(c, text) and not _inside_name(c, names)]
    return sorted(kept + _entity_fallback(ents, kept), key=lambda c: c.start)


def _count_not_year(c: Candidate, doc: Any) -> bool:
    """'2000 troops': a bare four-digit number modifying a plural noun counts it."""
    if c.frame != "year" or c.groups.get("mode") or c.groups.get("fiscal"):
        return False
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.tag_ == "NNS" and nxt.lower_ not in filters()["year_noun_exceptions"]


def _inside_name(c: Candidate, names: list[tuple[int, int]]) -> bool:
    """'The Sunday Times', 'Monday Night Football': a day or month word inside a longer name."""
    return any(s <= c.start and c.end <= e and (e - s) > (c.end - c.start) for s, e in names)


def _boilerplate_set(c: Candidate, text: str) -> bool:
    """'support us monthly', a lone 'Monthly' button: frequency words of appeals, not events."""
    if c.frame != "set":
        return False
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if line.strip().lower() == text[c.start:c.end].lower():
        return True
    low = line.lower()
    return any(cue in low for cue in filters()["set_context_cues"])


def _entity_fallback(ents: Any, kept: list[Candidate]) -> list[Candidate]:
    """spaCy DATE/TIME entities the grammar missed, when dateparser reads them as a calendar date."""
    extra: list[Candidate] = []
    for ent in ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(c.start < ent.end_char and ent.start_char < c.end for c in kept):
            continue
        cand = _parse_entity(ent.text, ent.start_char)
        if cand is not None:
            extra.append(cand)
    return extra


def _parse_entity(words: str, start: int) -> Candidate | None:
    # Only explicit calendar dates (a month name and a year or day) are trusted from the model:
    # its DATE label also covers ages ("the age of 25") and bare numbers.
    m = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Z][a-z]+)\.?,?\s+(\d{4})", words)
    if not m:
        return None
    import dateparser

    parsed = dateparser.parse(words, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        return None
    groups = {"year": str(parsed.year), "month_n": f"{parsed.month:02d}", "day": str(parsed.day)}
    return Candidate(start, start + len(words), "entity", "calendar", groups)
