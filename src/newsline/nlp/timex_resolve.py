"""Resolving a frame (:mod:`.timex_frames`) against an anchor date into a TimeML value.

Why not dateparser here: ``dateparser.parse("Tuesday", settings={"RELATIVE_BASE": …,
"PREFER_DATES_FROM": "past"})`` picks a direction for the whole call, not per clause, so "exchanged
on Tuesday" and "will meet on Monday" in one article cannot both come out right; and it returns a
``datetime``, never a TimeML value with its granularity (``2025-W23``, ``2025-06``, ``1989-Q3``,
``2025-W23-WE``, ``PAST_REF``). So the rules are written out here:

* a weekday resolves to the most recent such day on or before the anchor when the clause is past
  or present ("exchanged … on Tuesday"), to the next one after it when the clause is future
  ("will meet on Monday"); "last"/"next"/"this" override the tense;
* a month, a month and day, a quarter or a season without a year takes the anchor's year, moved
  back (past tense) or forward (future tense) when the anchor's year would put it on the wrong
  side of the anchor;
* offsets ("last week", "two years ago", "yesterday") shift the anchor and keep the unit's
  granularity; "the weekend" in a past clause is the last Saturday–Sunday not after the anchor;
* ``mod`` narrows ``earliest..latest`` (START/MID/END thirds; EARLIER/LATER cut at the anchor).

``tense`` is -1 (past), 0 (present / unknown) or +1 (future).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .timex_grammar import lexicon

__all__ = ["Resolution", "InvalidTime", "resolve_frame", "needs_anchor", "parse_anchor", "bounds_of"]

Frame = dict[str, Any]
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_ANCHORLESS = {"duration", "set", "ref"}
_MARGIN_DAYS = 31
_FAR_DAYS = 183


class InvalidTime(ValueError):
    """A time expression that names no real time ("February 29, 2023", "June 31", year 0).

    ``reason`` says what is wrong; the expression is kept as an invalid TimeExpr, never raised
    out of the language layer.
    """

    @property
    def reason(self) -> str:
        return str(self)


@dataclass(slots=True)
class Resolution:
    value: str
    earliest: str | None
    latest: str | None


def parse_anchor(anchor: str | date | None) -> date | None:
    """An ISO date (or datetime string) as a ``date``; None when it cannot be read."""
    if anchor is None or isinstance(anchor, date):
        return anchor
    try:
        return date.fromisoformat(str(anchor)[:10])
    except ValueError:
        return None


def needs_anchor(frame: Frame) -> bool:
    """Whether the frame's value depends on the publication date."""
    if frame["type"] in _ANCHORLESS:
        return False
    if frame["type"] in ("calendar", "quarter", "season", "holiday", "half") and "year" in frame:
        return False
    if frame["type"] in ("decade", "century", "week_of") and ("decade" in frame or "century" in frame
                                                              or "year" in frame):
        return False
    return True


# --- calendar helpers --------------------------------------------------------------------------

def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _r(value: str, a: date | None, b: date | None) -> Resolution:
    return Resolution(value, a.isoformat() if a else None, b.isoformat() if b else None)


def _day(d: date) -> Resolution:
    return _r(d.isoformat(), d, d)


def _month_res(y: int, m: int) -> Resolution:
    return _r(f"{y:04d}-{m:02d}", date(y, m, 1), _month_end(y, m))


def _quarter_res(y: int, q: int) -> Resolution:
    return _r(f"{y:04d}-Q{q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q))


def _year_res(y: int) -> Resolution:
    return _r(f"{y:04d}", date(y, 1, 1), date(y, 12, 31))


def _week_res(d: date) -> Resolution:
    mon = _monday(d)
    return _r(_week_value(d), mon, mon + timedelta(days=6))


def _weekend_res(saturday: date) -> Resolution:
    return _r(_week_value(saturday) + "-WE", saturday, saturday + timedelta(days=1))


def bounds_of(value: str) -> tuple[str | None, str | None]:
    """earliest/latest days of an ISO/TimeML value with a year (``2025-W23`` -> Mon..Sun)."""
    import re

    for rx, fn in (
        (r"(\d{4})-(\d\d)-(\d\d)", lambda m: _day(date(int(m[1]), int(m[2]), int(m[3])))),
        (r"(\d{4})-W(\d\d)-WE", lambda m: _weekend_res(date.fromisocalendar(int(m[1]), int(m[2]), 6))),
        (r"(\d{4})-W(\d\d)", lambda m: _week_res(date.fromisocalendar(int(m[1]), int(m[2]), 1))),
        (r"(\d{4})-Q([1-4])", lambda m: _quarter_res(int(m[1]), int(m[2]))),
        (r"(\d{4})-(\d\d)", lambda m: _month_res(int(m[1]), int(m[2]))),
        (r"(\d{4})", lambda m: _year_res(int(m[1]))),
    ):
        m = re.match(rx, value)
        if m:
            try:
                res = fn(m)
            except ValueError:
                return None, None
            return res.earliest, res.latest
    return None, None


# --- directional choices -----------------------------------------------------------------------

def _weekday_date(wd: int, anchor: date, tense: int, rel: int | None) -> date:
    delta = (anchor.weekday() - wd) % 7
    if rel == 0:
        return _monday(anchor) + timedelta(days=wd)
    if rel == -1:
        return anchor - timedelta(days=delta or 7)
    ahead = (wd - anchor.weekday()) % 7
    if rel == 1:
        return anchor + timedelta(days=ahead or 7)
    if tense > 0:  # "the trial starts Monday" published on a Monday: today
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=delta)


def _pick_year(make: Any, anchor: date, tense: int, rel: int | None = None) -> int:
    """The year for a yearless date: the anchor's, moved so the date falls on the tense's side.

    ``make(year)`` gives the first day of the denoted period in that year.
    """
    y = anchor.year
    start = make(y)
    if rel == 0:
        return y
    if rel == -1:
        return y if start < _period_floor(anchor, make) else y - 1
    if rel == 1:
        return y if start > anchor else y + 1
    # Newsroom style writes the year only when it is not the current one, so a yearless date is
    # in the anchor's year unless it would sit more than a month on the wrong side of the anchor
    # for the clause's tense (parses err: "said … Nov. 10" a week before Nov. 10 is more often a
    # misread future than a date a year back); with no tense, the nearest occurrence.
    if tense < 0 and (start - anchor).days > _MARGIN_DAYS:
        return y - 1
    if tense > 0 and (anchor - start).days > _MARGIN_DAYS:
        return y + 1
    if tense == 0 and abs((start - anchor).days) > _FAR_DAYS:  # no tense: the nearest occurrence
        return min((y - 1, y + 1), key=lambda c: abs((make(c) - anchor).days))
    return y


def _period_floor(anchor: date, make: Any) -> date:
    # "last March" said in March means the previous year's March
    return make(anchor.year) if make(anchor.year) > anchor else anchor.replace(day=1)


# --- per-type resolvers --------------------------------------------------------------------------

def _calendar(f: Frame, a: date | None, tense: int) -> Resolution | None:
    month, day = f.get("month"), f.get("day")
    year = f.get("year")
    if year is None:
        if a is None:
            return None
        if "relyear" in f:
            year = a.year + f["relyear"]
        elif month:
            year = _pick_year(lambda y: date(y, month, min(day or 1, 28)), a, tense, f.get("rel"))
        else:
            return None
    if month and day:
        res = _day(date(year, month, day))
        if f.get("time"):
            res.value += "T" + f["time"]
        return res
    if month:
        return _month_res(year, month)
    return _year_res(year)


def _offset(f: Frame, a: date, tense: int) -> Resolution:
    """n units from the anchor, or from the date in focus ("two days later" after "March 3")."""
    base = resolve_frame(f["focus"], a) if f.get("focus") else None
    if base is not None and base.earliest:
        a = date.fromisoformat(base.earliest)
    unit, n = f["unit"], f["n"]
    whole = int(n) if n == int(n) else n
    if unit == "day":
        return _day(a + timedelta(days=whole))
    if unit == "week":
        return _week_res(a + timedelta(days=round(7 * n)))
    if unit == "weekend":
        return _weekend_res(_monday(a) + timedelta(days=5 + 7 * int(n)))
    if unit == "month":
        d = _add_months(a, int(round(n)))
        return _month_res(d.year, d.month)
    if unit == "quarter":
        q = (a.month - 1) // 3 + int(n)
        return _quarter_res(a.year + q // 4, q % 4 + 1)
    if unit == "year":
        return _year_res(a.year + int(round(n)))
    if unit == "decade":
        dec = a.year // 10 + int(n)
        return _r(f"{dec:03d}", date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31))
    if unit == "century":
        cen = a.year // 100 + int(n)
        return _r(f"{cen:02d}", date(cen * 100, 1, 1), date(cen * 100 + 99, 12, 31))
    hours = {"hour": 1, "minute": 1 / 60, "second": 1 / 3600}.get(unit, 0) * n
    return _day(a + timedelta(hours=hours))


def _weekend(f: Frame, a: date, tense: int) -> Resolution:
    if tense > 0:
        sat = a + timedelta(days=(5 - a.weekday()) % 7)
    else:
        sat = a - timedelta(days=(a.weekday() - 5) % 7)
        if sat + timedelta(days=1) > a and a.weekday() == 5:
            sat -= timedelta(days=7)  # on a Saturday, a past "weekend" is the previous one
    return _weekend_res(sat)


def _quarter(f: Frame, a: date | None, tense: int) -> Resolution | None:
    q = f["q"]
    year = f.get("year")
    if year is None:
        if a is None:
            return None
        year = a.year + f.get("relyear", 0) if "relyear" in f else a.year
        if "relyear" not in f and date(year, 3 * q - 2, 1) > a and tense < 0:
            year -= 1
    return _quarter_res(year, q)


def _quarter_focus(f: Frame, a: date, tense: int) -> Resolution:
    focus = None if f.get("latest") else f.get("focus")
    if focus and focus.get("type") != "quarter":
        focus = None
    if "year" in f:  # "the 1988 quarter": the quarter in focus, that year
        q = int(_quarter(focus, a, focus.get("tense", tense)).value[-1]) if focus else (a.month - 1) // 3 or 4
        return _quarter_res(f["year"], q)
    if focus:
        base = _quarter(focus, a, focus.get("tense", tense))
        y, q = int(base.value[:4]), int(base.value[-1])
    else:
        cur = (a.month - 1) // 3
        y, q = (a.year, cur) if cur > 0 else (a.year - 1, 4)
    idx = y * 4 + (q - 1) + f.get("shift", 0)
    return _quarter_res(idx // 4, idx % 4 + 1)


def _season(f: Frame, a: date | None, tense: int) -> Resolution | None:
    s = f["season"]
    first, last = _SEASON_MONTHS[s]
    year = f.get("year")
    if year is None:
        if a is None:
            return None
        rel = f.get("rel")
        year = _pick_year(lambda y: date(y, first, 1), a, tense if rel is None else 0, rel if rel else None)
    end = _add_months(date(year, first, 1), last - first)
    return _r(f"{year:04d}-{s}", date(year, first, 1), _month_end(end.year, end.month))


def _half(f: Frame, a: date | None, tense: int) -> Resolution | None:
    year = f.get("year") if "year" in f else (a.year + f.get("relyear", 0) if a else None)
    if year is None:
        return None
    h = f["h"]
    return _r(f"{year:04d}-H{h}", date(year, 1 if h == 1 else 7, 1), _month_end(year, 6 if h == 1 else 12))


def _decade(f: Frame, a: date | None, tense: int) -> Resolution | None:
    dec = f.get("decade")
    if dec is None:
        now = a.year if a else date.today().year  # "the '90s": the latest such decade not in the future
        dec = (now // 100) * 10 + f["short"]
        if dec * 10 > now:
            dec -= 10
    # TimeBank writes a decade as 199X (the TimeML spec allows the truncated 199)
    return _r(f"{dec:03d}X", date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31))


def _that_unit(f: Frame, a: date | None, tense: int) -> Resolution | None:
    """'that year', 'the same day': the unit of the date the text last named, else the anchor's."""
    focus = f.get("focus")
    base = resolve_frame(focus, a) if focus else None
    if base is None or not base.earliest:
        if a is None:
            return None
        return _offset({"unit": f["unit"], "n": 0}, a, tense)
    return _offset({"unit": f["unit"], "n": 0}, date.fromisoformat(base.earliest), tense)


def _century(f: Frame, a: date | None, tense: int) -> Resolution:
    c = f["century"]
    return _r(f"{c:02d}", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31))


def _holiday(f: Frame, a: date | None, tense: int) -> Resolution | None:
    rule = lexicon()["movable_holidays"][f["name"]]

    def make(y: int) -> date:
        if rule["nth"] > 0:
            first = date(y, rule["month"], 1)
            d = first + timedelta(days=(rule["weekday"] - first.weekday()) % 7)
            return d + timedelta(days=7 * (rule["nth"] - 1))
        last = _month_end(y, rule["month"])
        return last - timedelta(days=(last.weekday() - rule["weekday"]) % 7)

    year = f.get("year") or (_pick_year(make, a, tense) if a else None)
    return _day(make(year)) if year else None


def _week_of(f: Frame, a: date | None, tense: int) -> Resolution | None:
    day = _calendar({k: v for k, v in f.items() if k != "type"}, a, tense)
    return _week_res(date.fromisoformat(day.value[:10])) if day else None


def _weekday(f: Frame, a: date, tense: int) -> Resolution:
    return _day(_weekday_date(f["weekday"], a, tense, f.get("rel")))


def _clock(f: Frame, a: date | None, tense: int) -> Resolution | None:
    day = f.get("date")
    if day is None:
        if a is None:
            return None
        res = _day(a)
    else:
        res = resolve_frame({**day, "kind": "DATE"}, a, tense)
        if res is None:
            return None
    res.value = res.value[:10] + "T" + f["time"]
    return res


_RESOLVERS = {
    "calendar": _calendar, "quarter": _quarter, "season": _season, "half": _half,
    "decade": _decade, "century": _century, "holiday": _holiday, "week_of": _week_of,
    "clock": _clock, "that_unit": _that_unit,
}
_ANCHORED = {"offset": _offset, "weekend": _weekend, "quarter_focus": _quarter_focus, "weekday": _weekday}


def resolve_frame(frame: Frame, anchor: str | date | None, tense: int | None = None) -> Resolution | None:
    """The value of a frame against an anchor; None when the frame needs an anchor it lacks.

    Raises :class:`InvalidTime` (with the reason) when the frame names a day that does not
    exist or a year outside the calendar (1 … 9999).
    """
    a = parse_anchor(anchor)
    try:
        return _resolve(frame, a, tense)
    except InvalidTime:
        raise
    except (ValueError, OverflowError) as exc:
        raise InvalidTime(_invalid_reason(frame, a, exc)) from None


def _invalid_reason(frame: Frame, a: date | None, exc: Exception) -> str:
    """Why a frame names no real time, in words ("February 29 is not a day of 2023")."""
    year, month, day = (frame.get(k) for k in ("year", "month", "day"))
    if isinstance(year, int) and not 1 <= year <= 9999:
        return f"year {year} is outside the calendar (1 to 9999)"
    if isinstance(month, int) and not 1 <= month <= 12:
        return f"month {month} does not exist"
    if isinstance(month, int) and isinstance(day, int):
        name = calendar.month_name[month]
        if day > calendar.monthrange(2000, month)[1]:           # 2000: a leap year
            return f"{name} has no day {day}"
        if year is not None:
            return f"{name} {day} is not a day of {year}"
        return f"{name} {day} is not a day of the year it falls in from the anchor date {a}"
    return f"the expression names no real date ({exc})"


def _resolve(frame: Frame, a: date | None, tense: int | None) -> Resolution | None:
    tense = frame.get("tense", 0) if tense is None else tense
    kind = frame["type"]
    if kind in _ANCHORLESS:
        return _anchorless(frame, a)
    if kind in _ANCHORED:
        if a is None:
            return None
        res = _ANCHORED[kind](frame, a, tense)
    else:
        res = _RESOLVERS[kind](frame, a, tense)
    if res is None:
        return None
    if frame.get("pod") and len(res.value) == 10:
        res.value += "T" + frame["pod"]
    return _apply_mod(res, frame.get("mod"), a)


def _anchorless(frame: Frame, a: date | None) -> Resolution:
    value = frame["value"]
    if a is None or frame["type"] != "ref":
        return Resolution(value, None, None)
    if value == "PAST_REF":
        return _r(value, None, a)
    if value == "FUTURE_REF":
        return _r(value, a, None)
    return _r(value, a, a)


def _apply_mod(res: Resolution, mod: str | None, a: date | None) -> Resolution:
    """Narrow earliest..latest for START/MID/END (thirds) and EARLIER/LATER (cut at the anchor)."""
    if not mod or not res.earliest or not res.latest:
        return res
    lo, hi = date.fromisoformat(res.earliest), date.fromisoformat(res.latest)
    third = (hi - lo) // 3
    if mod == "START":
        hi = lo + third
    elif mod == "MID":
        lo, hi = lo + third, hi - third
    elif mod == "END":
        lo = hi - third
    elif mod == "EARLIER" and a and lo <= a <= hi:
        hi = a
    elif mod == "LATER" and a and lo <= a <= hi:
        lo = a
    return _r(res.value, lo, hi)
