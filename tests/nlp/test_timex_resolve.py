"""Resolution rules for frames against an anchor (no spaCy needed)."""
from __future__ import annotations

import pytest

from newsline.nlp.timex_resolve import bounds_of, needs_anchor, resolve_frame

THU = "2025-06-12"  # a Thursday; ISO week 2025-W24

WEEKDAY = [
    # weekday (Mon=0), rel, tense, expected
    (1, None, -1, "2025-06-10"),   # past "on Tuesday" -> this week's Tuesday
    (3, None, -1, "2025-06-12"),   # past "on Thursday" published Thursday -> same day
    (4, None, -1, "2025-06-06"),   # past "on Friday" -> last week's Friday
    (0, None, 1, "2025-06-16"),    # "will meet on Monday" -> next Monday
    (3, None, 1, "2025-06-12"),    # "the vote takes place Thursday" published Thursday -> that day
    (1, None, 0, "2025-06-10"),    # no tense: news reads as past
    (1, -1, 1, "2025-06-10"),      # "last Tuesday" overrides the tense
    (4, 1, -1, "2025-06-13"),      # "next Friday"
    (6, 0, 0, "2025-06-15"),       # "this Sunday": the Sunday of the anchor's week
]


@pytest.mark.parametrize("weekday,rel,tense,expected", WEEKDAY)
def test_weekday(weekday, rel, tense, expected):
    frame = {"type": "weekday", "kind": "DATE", "weekday": weekday}
    if rel is not None:
        frame["rel"] = rel
    assert resolve_frame(frame, THU, tense).value == expected


FRAMES = [
    ({"type": "offset", "unit": "week", "n": -1}, THU, 0, ("2025-W23", "2025-06-02", "2025-06-08")),
    ({"type": "offset", "unit": "month", "n": 0, "mod": "EARLIER"}, "2025-06-20", 0,
     ("2025-06", "2025-06-01", "2025-06-20")),
    ({"type": "offset", "unit": "year", "n": -1}, THU, 0, ("2024", "2024-01-01", "2024-12-31")),
    ({"type": "offset", "unit": "quarter", "n": -1}, "2025-01-15", 0, ("2024-Q4", "2024-10-01", "2024-12-31")),
    ({"type": "weekend"}, "2025-06-10", -1, ("2025-W23-WE", "2025-06-07", "2025-06-08")),
    ({"type": "weekend"}, "2025-06-10", 1, ("2025-W24-WE", "2025-06-14", "2025-06-15")),
    ({"type": "calendar", "month": 12, "day": 30}, "2026-01-04", -1, ("2025-12-30", None, None)),
    ({"type": "calendar", "month": 1, "day": 14}, "2025-12-20", 1, ("2026-01-14", None, None)),
    ({"type": "calendar", "month": 6, "day": 30}, "2025-06-10", 0, ("2025-06-30", None, None)),
    ({"type": "calendar", "month": 11, "rel": -1}, THU, 0, ("2024-11", None, None)),
    ({"type": "calendar", "month": 3, "rel": -1}, "2025-03-20", 0, ("2024-03", None, None)),
    ({"type": "quarter", "q": 4}, "1989-11-02", -1, ("1989-Q4", None, None)),
    ({"type": "quarter", "q": 4}, "1990-02-10", -1, ("1989-Q4", None, None)),
    ({"type": "season", "season": "WI", "year": 2024}, None, 0, ("2024-WI", "2024-12-01", "2025-02-28")),
    ({"type": "decade", "short": 9}, THU, 0, ("199X", "1990-01-01", "1999-12-31")),
    ({"type": "century", "century": 19}, None, 0, ("19", "1900-01-01", "1999-12-31")),
    ({"type": "holiday", "name": "thanksgiving"}, "2025-11-30", -1, ("2025-11-27", None, None)),
    ({"type": "clock", "time": "22:00", "date": {"type": "offset", "unit": "day", "n": -1}}, THU, 0,
     ("2025-06-11T22:00", None, None)),
    ({"type": "ref", "value": "PAST_REF"}, THU, 0, ("PAST_REF", None, THU)),
    ({"type": "duration", "value": "P2Y"}, None, 0, ("P2Y", None, None)),
]


@pytest.mark.parametrize("frame,anchor,tense,expected", FRAMES)
def test_frames(frame, anchor, tense, expected):
    res = resolve_frame({"kind": "DATE", **frame}, anchor, tense)
    value, earliest, latest = expected
    assert res.value == value
    if earliest:
        assert res.earliest == earliest
    if latest:
        assert res.latest == latest


def test_needs_anchor_and_missing_anchor():
    weekday = {"type": "weekday", "kind": "DATE", "weekday": 1}
    assert needs_anchor(weekday) and resolve_frame(weekday, None) is None
    fixed = {"type": "calendar", "kind": "DATE", "year": 2025, "month": 6, "day": 2}
    assert not needs_anchor(fixed) and resolve_frame(fixed, None).value == "2025-06-02"


@pytest.mark.parametrize("value,expected", [
    ("2025-W23", ("2025-06-02", "2025-06-08")),
    ("2025-W23-WE", ("2025-06-07", "2025-06-08")),
    ("2025-Q2", ("2025-04-01", "2025-06-30")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("PAST_REF", (None, None)),
])
def test_bounds_of(value, expected):
    assert bounds_of(value) == expected
