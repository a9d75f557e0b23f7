"""The candidate grammar for time expressions: regexes built from ``data/timex``.

``patterns.json`` holds the patterns with ``%MACRO%`` placeholders; ``lexicon.json`` holds the words
the macros expand to (month and weekday names, number words, units, modifiers …). This module
compiles them once and finds candidates: :func:`find_candidates` returns non-overlapping
:class:`Candidate` matches (longest first; pattern order breaks ties), after the contextual checks
that need only the text (capitalised month and weekday names, ambiguous words such as "May" or
"fall", ages, four-digit counts). Meaning is assigned later (:mod:`.timex_frames`).

Why hand-written regexes and not ``dateparser.search``: dateparser finds dates but not durations,
sets or vague references, gives no TimeML granularity, and its search also fires on bare numbers
("59", "1,000"). We still use dateparser to read the calendar strings themselves (``numeric``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import load_json

__all__ = ["Candidate", "find_candidates", "lexicon", "filters", "patterns"]

_LEFT = r"(?<![\w'’-])"
_RIGHT = r"(?![\w]|-\w)"


@dataclass(slots=True)
class Candidate:
    """A grammar match: character span, the pattern that matched and its named groups."""

    start: int
    end: int
    pattern: str
    frame: str
    groups: dict[str, str]
    order: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def _read(name: str) -> dict[str, Any]:
    return load_json("timex", name)


@lru_cache(maxsize=None)
def lexicon() -> dict[str, Any]:
    """``lexicon.json`` (cached)."""
    return _read("lexicon.json")


@lru_cache(maxsize=None)
def filters() -> dict[str, Any]:
    """``filters.json`` (cached)."""
    return _read("filters.json")


def _alt(words: Any) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    items = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def _macros() -> dict[str, str]:
    lex = lexicon()
    nums = [w for w in lex["numbers"]]
    tens = [w for w, v in lex["numbers"].items() if isinstance(v, int) and 20 <= v <= 90 and " " not in w]
    units = list(lex["units"])
    plural = list(lex["plural_units"])
    full = [m for m in lex["months"] if len(m) > 4 or m in ("may", "june", "july")]
    abbrev = [m for m in lex["months"] if m not in full]
    months = f"(?:{_alt(full)}|{_alt(abbrev)}\\.?)"  # the dot belongs to an abbreviation only
    digits = r"\d+(?:[.,]\d+)?(?:\s+\d/\d)?"
    number = f"(?:{digits}|{_alt(tens)}[- ]{_alt(nums)}|{_alt(nums)})"
    return {
        "MONTH": months, "WEEKDAY": _alt(lex["weekdays"]), "NUM": number,
        "VNUM": _alt(lex["vague_numbers"]), "UNIT": _alt(units), "UNITS": _alt(plural),
        "ANYUNIT": _alt(units + plural), "POD": _alt(lex["parts_of_day"]),
        "SEASON": _alt(lex["seasons"]), "ORD": _alt(lex["ordinals"]),
        "DECADEWORD": _alt(lex["decade_words"]), "REF": _alt(lex["refs"]),
        "SETADV": _alt(lex["set_adverbs"]), "HOLIDAY": _alt([*lex["fixed_holidays"], *lex["movable_holidays"]]),
        "CLOCK": _alt(lex["clock_words"]), "APPROX": _alt(lex["approximators"]),
        "MODE": _alt(lex["modifiers"]), "TENS": _alt(tens),
    }


@lru_cache(maxsize=None)
def patterns() -> list[tuple[dict[str, Any], re.Pattern[str]]]:
    """The compiled patterns, in priority order, each with its spec from ``patterns.json``."""
    spec = _read("patterns.json")
    macros = {**spec["macros"], **_macros()}

    def expand(rx: str) -> str:
        for _ in range(3):  # macros may use macros
            rx = re.sub(r"%([A-Z]+)%", lambda m: macros[m.group(1)], rx)
        return rx

    return [(p, re.compile(_LEFT + "(?:" + expand(p["regex"]) + ")" + _RIGHT, re.IGNORECASE))
            for p in spec["patterns"]]


def find_candidates(text: str) -> list[Candidate]:
    """All accepted grammar matches in ``text``, non-overlapping, in text order."""
    found: list[tuple[int, int, Candidate]] = []
    for rank, (spec, rx) in enumerate(patterns()):
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            cand = Candidate(m.start(), m.end(), spec["name"], spec["frame"], groups, spec.get("order", ""))
            if accept(cand, text):
                found.append((-cand.length, rank, cand))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for _, _, cand in sorted(found, key=lambda x: (x[0], x[1], x[2].start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


# --- contextual checks on the text alone -------------------------------------------------------

def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w$£€#.'’-]+)\s*$", text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _words_after(text: str, pos: int, n: int = 1) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w$%'’-]+", text[pos:pos + 60])[:n]]


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def accept(c: Candidate, text: str) -> bool:
    """Whether a grammar match is a time expression in its context (text-only checks)."""
    g = c.groups
    before = _word_before(text, c.start)
    for key in ("month", "weekday", "weekdays", "holiday"):
        if key in g and not _capitalised(g[key]):
            return False
    if c.pattern == "month_rel" and not _month_alone_ok(g, before, text, c.end):
        return False
    if c.frame == "duration" or c.frame == "ago" or c.pattern in ("time_clock",):
        if _is_age(text, c, before):
            return False
    if c.frame == "duration" and not _duration_ok(c, before):
        return False
    if c.frame == "year" and not _year_ok(c, text, before):
        return False
    if c.frame == "season" and not _season_ok(c, text, before):
        return False
    if c.frame == "ref" and not _ref_ok(c, text):
        return False
    return True


def _month_alone_ok(g: dict[str, str], before: str, text: str, end: int) -> bool:
    """A month name with no day and no year: ambiguous words need a cue ('in May', 'last March')."""
    word = g["month"].rstrip(".").lower()
    if g.get("mode") or g.get("rel") or g.get("relyear"):
        return True
    if len(word) <= 4 and word not in ("may", "june", "july") and not g["month"].endswith("."):
        return False  # "Jan" alone is a name more often than a month
    if word in lexicon()["ambiguous_months"] or len(word) <= 4:
        return before in lexicon()["bare_month_cues"]
    return True


def _is_age(text: str, c: Candidate, before: str) -> bool:
    tail = text[c.end:c.end + 10].lower()
    if any(tail.startswith(cue) for cue in filters()["age_after"]):
        return True
    head = text[max(0, c.start - 12):c.start].lower().strip()
    return any(head.endswith(cue) for cue in filters()["age_before"])


def _duration_ok(c: Candidate, before: str) -> bool:
    g = c.groups
    unit = g.get("unit", "").lower()
    num = g.get("num", "")
    if unit == "second" and not num[:1].isdigit():
        return False  # "a second group", "the second round"
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", num) and not unit.endswith("s"):
        return False  # "the 1988 quarter" is a year, not 1988 quarters
    vague = num.lower() in lexicon()["vague_numbers"]
    if unit.startswith("quarter") and c.pattern != "n_units_rel" and not num[:1].isdigit() and not vague:
        return False  # "three-quarters", "a quarter of the votes" are fractions
    if c.pattern == "units_bare":
        return before in filters()["units_bare_before"]
    return True


def _year_ok(c: Candidate, text: str, before: str) -> bool:
    g = c.groups
    if g.get("mode") or g.get("fiscal"):
        return True
    year = int(g["year"])
    f = filters()
    if before in f["year_cues"]:
        return True
    if before in f["year_not_after"] or before.endswith(("$", "£", "€")):
        return False
    nxt = _words_after(text, c.end, 1)
    if nxt and nxt[0] in ("percent", "per", "%", "people", "troops", "soldiers", "prisoners"):
        return False
    return 1800 <= year <= 2100


def _season_ok(c: Candidate, text: str, before: str) -> bool:
    g = c.groups
    if g.get("rel") or g.get("year") or g.get("mode") or g.get("mode2"):
        return True
    if before in filters()["season_reject_before"]:
        return False
    after = _words_after(text, c.end, 2)
    if after and after[0] == "of":
        return False  # "the fall of the city"
    return bool(g.get("the")) or before in ("in", "during", "by", "until", "since", "over", "this", "last")


def _ref_ok(c: Candidate, text: str) -> bool:
    word = c.groups["ref"].lower()
    if word in ("current", "recent"):
        nxt = _words_after(text, c.end, 1)
        return not nxt or nxt[0] not in filters()["ref_reject_next"]
    return True
