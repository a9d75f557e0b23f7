"""What a grammar match means: a *frame*, a small JSON-able dict that can be resolved later.

A frame says what the expression denotes without needing the publication date: ``{"type":
"weekday", "weekday": 1}`` ("Tuesday"), ``{"type": "offset", "unit": "week", "n": -1}`` ("last
week"), ``{"type": "calendar", "year": 2025, "month": 6, "day": 2}`` ("June 2, 2025"),
``{"type": "duration", "value": "P2Y"}`` … Every frame has ``kind`` (TimeML type: DATE, TIME,
DURATION, SET) and may carry ``mod`` (START, MID, END, EARLIER, LATER, APPROX …) and ``pod`` (part
of day: MO, AF, EV, NI). :mod:`.timex_resolve` turns a frame plus an anchor date into a value.
This frame is what :class:`~newsline.records.TimeExpr` keeps in ``relative`` when no anchor is known.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from .timex_grammar import Candidate, lexicon

__all__ = ["build_frame", "parse_number", "unit_of"]

Frame = dict[str, Any]


def unit_of(word: str) -> str:
    """Singular unit name for a unit word ('years' -> 'year')."""
    word = re.sub(r"\s+", " ", word.lower())
    return lexicon()["plural_units"].get(word, word)


def parse_number(text: str) -> float | None:
    """'two' -> 2, 'twenty-five' -> 25, '1,000' -> 1000, '1 1/2' -> 1.5; None for vague words."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    nums = lexicon()["numbers"]
    if text in nums:
        return float(nums[text])
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)(?: (\d)/(\d))?", text)
    if m:
        value = float(m.group(1).replace(",", "")) if "," not in m.group(1) or len(m.group(1).split(",")[-1]) == 3 \
            else float(m.group(1).replace(",", "."))
        return value + (int(m.group(2)) / int(m.group(3)) if m.group(2) else 0.0)
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and all(p in nums for p in parts):
        return float(nums[parts[0]] + nums[parts[1]])
    return None


def _month(word: str) -> int:
    return lexicon()["months"][word.rstrip(".").lower()]


def _weekday(word: str) -> int:
    return lexicon()["weekdays"][word.lower()]


def _mode(word: str | None) -> str | None:
    if not word:
        return None
    key = re.sub(r"\s+", " ", word.lower().rstrip("- "))
    return lexicon()["modifiers"].get(key)


def _approx(g: dict[str, str]) -> str | None:
    word = g.get("approx") or g.get("approx2")
    return lexicon()["approximators"].get(re.sub(r"\s+", " ", word.lower())) if word else None


def _pod(g: dict[str, str]) -> str | None:
    return lexicon()["parts_of_day"].get(g["pod"].lower()) if g.get("pod") else None


def _rel_n(word: str | None) -> int | None:
    """last/past/previous -> -1, next/coming/following -> +1, this/current/latest -> 0."""
    if not word:
        return None
    word = word.lower()
    if word in ("last", "past", "previous", "preceding"):
        return -1
    if word in ("next", "coming", "following"):
        return 1
    return 0


def _calendar(c: Candidate) -> Frame:
    g = c.groups
    frame: Frame = {"type": "calendar", "kind": "DATE"}
    if g.get("year"):
        frame["year"] = int(g["year"])
    if g.get("month_n"):
        frame["month"] = int(g["month_n"])
    elif g.get("month"):
        frame["month"] = _month(g["month"])
    if g.get("day"):
        frame["day"] = int(re.sub(r"\D", "", g["day"]))
    if g.get("hour24"):
        frame.update(kind="TIME", time=f"{int(g['hour24']):02d}:{g['minute']}")
    if g.get("rel"):
        frame["rel"] = _rel_n(g["rel"])
    if g.get("relyear"):
        frame["relyear"] = _rel_n(g["relyear"])
    if _mode(g.get("mode")):
        frame["mod"] = _mode(g.get("mode"))
    return frame


def _numeric(c: Candidate) -> Frame | None:
    # dateparser reads the numeric string (2-digit years, orders); the grammar only found it.
    import dateparser

    parsed = dateparser.parse(c.groups["numeric"], languages=["en"],
                              settings={"DATE_ORDER": c.order or "MDY", "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    return {"type": "calendar", "kind": "DATE", "year": parsed.year, "month": parsed.month, "day": parsed.day}


def _clock(c: Candidate) -> Frame:
    g = c.groups
    if g.get("clock"):
        time = lexicon()["clock_words"][g["clock"].lower()]
    else:
        hour = int(g.get("hour") or g.get("hour24"))
        if g.get("ampm"):
            pm = g["ampm"].lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
        time = f"{hour:02d}:{g.get('minute') or '00'}"
    frame: Frame = {"type": "clock", "kind": "TIME", "time": time}
    if g.get("weekday"):
        frame["date"] = {"type": "weekday", "weekday": _weekday(g["weekday"])}
    elif g.get("deictic"):
        frame["date"] = {"type": "offset", "unit": "day", "n": lexicon()["deictic_days"][g["deictic"].lower()]}
    elif g.get("month"):
        frame["date"] = {"type": "calendar", "month": _month(g["month"]), "day": int(re.sub(r"\D", "", g["day"]))}
    if _approx(g):
        frame["mod"] = _approx(g)
    return frame


def _weekday_frame(c: Candidate) -> Frame:
    g = c.groups
    frame: Frame = {"type": "weekday", "kind": "DATE", "weekday": _weekday(g["weekday"])}
    if g.get("rel"):
        frame["rel"] = _rel_n(g["rel"])
    if _pod(g):
        frame.update(kind="TIME", pod=_pod(g))
    if _mode(g.get("mode")):
        frame["mod"] = _mode(g.get("mode"))
    return frame


def _deictic(c: Candidate) -> Frame:
    g = c.groups
    if g.get("podrel"):
        n = -1 if g["podrel"].lower() == "last" else 0
        frame: Frame = {"type": "offset", "unit": "day", "n": n, "kind": "TIME", "pod": _pod(g)}
    else:
        word = g["deictic"].lower()
        frame = {"type": "offset", "unit": "day", "n": lexicon()["deictic_days"][word], "kind": "DATE"}
        if word == "tonight":
            frame["pod"] = "NI"
        elif _pod(g):
            frame.update(kind="TIME", pod=_pod(g))
    if _mode(g.get("mode")):
        frame["mod"] = _mode(g.get("mode"))
    return frame


def _unit_rel(c: Candidate) -> Frame:
    g = c.groups
    unit = unit_of(g["unit"])
    if c.pattern == "year_end":  # "year-end", "the year's end"
        return {"type": "offset", "unit": "year", "n": 0, "kind": "DATE", "mod": "END"}
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    mod = _mode(g.get("mode"))
    if g.get("rel2"):
        rel = g["rel2"].lower()
    if rel in ("the", "its", "in the") and unit != "weekend" and not mod:
        return {"type": "offset", "unit": unit, "n": 0, "kind": "DATE"}
    if rel == "that" and unit != "weekend":
        return {"type": "that_unit", "unit": unit, "kind": "DATE", **({"mod": mod} if mod else {})}
    n = 0 if rel in ("the", "that", "in the", "its") else _rel_n(rel)
    frame: Frame = {"type": "offset", "unit": unit, "n": n, "kind": "DATE"}
    if unit == "weekend" and rel in ("the", "that"):
        frame = {"type": "weekend", "kind": "DATE"}
    if mod:
        frame["mod"] = mod
    return frame


_UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "W",
              "month": "M", "quarter": "Q", "year": "Y", "decade": "Y", "century": "Y", "weekend": "WE"}
_UNIT_MULT = {"fortnight": 2, "decade": 10, "century": 100}
_FRACTION = {"Y": ("M", 12), "W": ("D", 7), "TH": ("M", 60), "TM": ("S", 60)}


def _duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 / TimeML duration: P2Y, PT3H, P10Y (a decade), PXY when the count is vague."""
    code = _UNIT_CODE.get(unit, "X")
    if n is None:
        amount = "X"
        code = {"decade": "DE", "century": "CE"}.get(unit, code)
    else:
        n *= _UNIT_MULT.get(unit, 1)
        if n != int(n) and code in _FRACTION:
            lower, times = _FRACTION[code]  # 2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M
            rest = (n - int(n)) * times
            if rest == int(rest):
                whole = f"{int(n)}{code[-1]}" if int(n) else ""
                return ("PT" if code.startswith("T") else "P") + whole + f"{int(rest)}{lower}"
        amount = str(int(n)) if n == int(n) else f"{n:g}"
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    return f"P{amount}{code}"


def _duration(c: Candidate) -> Frame:
    g = c.groups
    unit = unit_of(g["unit"])
    n = parse_number(g["num"]) if g.get("num") else None
    frame: Frame = {"type": "duration", "kind": "DURATION", "value": _duration_value(n, unit)}
    if _approx(g):
        frame["mod"] = _approx(g)
    return frame


def _ago(c: Candidate) -> Frame:
    g = c.groups
    unit = unit_of(g["unit"])
    n = parse_number(g["num"]) if g.get("num") else None
    sign = -1 if g["dir"].lower() in ("ago", "earlier") else 1
    if n is None:
        return {"type": "ref", "kind": "DATE", "value": "PAST_REF" if sign < 0 else "FUTURE_REF"}
    n *= _UNIT_MULT.get(unit, 1)
    unit = {"decade": "year", "century": "year", "fortnight": "week"}.get(unit, unit)
    frame: Frame = {"type": "offset", "unit": unit, "n": sign * n, "kind": "DATE", "ago": True}
    if g["dir"].lower() in ("earlier", "later"):
        frame["from_ref"] = True  # "a year earlier": relative to the time in focus, not to now
    if _approx(g):
        frame["mod"] = _approx(g)
    return frame


def _set(c: Candidate) -> Frame:
    g = c.groups
    if g.get("setadv"):
        value = lexicon()["set_adverbs"][g["setadv"].lower()]
    elif g.get("weekday") or g.get("weekdays"):
        value = f"XXXX-WXX-{_weekday(g.get('weekday') or g['weekdays']) + 1}"
        if _pod(g):
            value += "T" + _pod(g)
    elif g.get("month"):
        value = f"XXXX-{_month(g['month']):02d}"
    else:
        num = g.get("num", "").lower()
        n = 2 if num == "other" else (parse_number(num) if num else 1)
        value = _duration_value(n, unit_of(g["unit"]))
    return {"type": "set", "kind": "SET", "value": value}


def _quarter(c: Candidate) -> Frame:
    g = c.groups
    q = int(g["qcode"][1]) if g.get("qcode") else lexicon()["ordinals"][g["q"].lower()]
    frame: Frame = {"type": "quarter", "kind": "DATE", "q": q}
    year = g.get("year") or g.get("year2")
    if year:
        frame["year"] = int(year)
    if g.get("relyear"):
        frame["relyear"] = _rel_n(g["relyear"])
    if g.get("ago"):
        frame["relyear"] = -1
    return frame


def _quarter_rel(c: Candidate) -> Frame:
    rel = (c.groups.get("rel") or "").lower()
    if c.groups.get("year"):
        return {"type": "quarter_focus", "kind": "DATE", "year": int(c.groups["year"])}
    if c.pattern == "year_ago_adj":
        return {"type": "offset", "unit": "year", "n": -1, "kind": "DATE", "ago": True}
    if rel == "latest":
        return {"type": "quarter_focus", "kind": "DATE", "latest": True}
    if rel in ("current", "this"):
        return {"type": "offset", "unit": "quarter", "n": 0, "kind": "DATE"}
    if rel in ("next", "coming"):
        return {"type": "offset", "unit": "quarter", "n": 1, "kind": "DATE"}
    shift = -4 if rel in ("year-earlier", "year-ago", "comparable") else 0
    # "the quarter", "the latest quarter": the quarter in focus, else the last completed one
    return {"type": "quarter_focus", "kind": "DATE", "shift": shift}


def _half(c: Candidate) -> Frame:
    g = c.groups
    frame: Frame = {"type": "half", "kind": "DATE", "h": 1 if g["h"].lower() == "first" else 2}
    if g.get("year"):
        frame["year"] = int(g["year"])
    else:
        frame["relyear"] = _rel_n(g.get("rel")) if g.get("rel", "").lower() != "the" else 0
    return frame


def _decade(c: Candidate) -> Frame:
    g = c.groups
    frame: Frame = {"type": "decade", "kind": "DATE"}
    if g.get("decade"):
        frame["decade"] = int(g["decade"]) // 10
    else:
        frame["short"] = int(g["dshort"]) // 10 if g.get("dshort") else lexicon()["decade_words"][g["dword"].lower()]
    if _mode(g.get("mode")):
        frame["mod"] = _mode(g.get("mode"))
    return frame


def _century(c: Candidate) -> Frame:
    g = c.groups
    n = int(g["cent"]) if g.get("cent") else lexicon()["ordinals"][g["centw"].lower()]
    return {"type": "century", "kind": "DATE", "century": n - 1}


def _season(c: Candidate) -> Frame:
    g = c.groups
    frame: Frame = {"type": "season", "kind": "DATE", "season": lexicon()["seasons"][g["season"].lower()]}
    if g.get("year"):
        frame["year"] = int(g["year"])
    if g.get("rel"):
        frame["rel"] = _rel_n(g["rel"])
    mod = _mode(g.get("mode") or g.get("mode2"))
    if mod:
        frame["mod"] = mod
    return frame


def _year(c: Candidate) -> Frame:
    g = c.groups
    frame: Frame = {"type": "calendar", "kind": "DATE", "year": int(g["year"])}
    if _mode(g.get("mode")):
        frame["mod"] = _mode(g.get("mode"))
    return frame


def _holiday(c: Candidate) -> Frame:
    g = c.groups
    name = re.sub(r"\s+", " ", g["holiday"].lower()).replace("’", "'")
    lex = lexicon()
    frame: Frame = {"type": "holiday", "kind": "DATE", "name": name}
    if name in lex["fixed_holidays"]:
        month, day = lex["fixed_holidays"][name].split("-")
        frame = {"type": "calendar", "kind": "DATE", "month": int(month), "day": int(day)}
    if g.get("year"):
        frame["year"] = int(g["year"])
    return frame


def _week_of(c: Candidate) -> Frame:
    frame = _calendar(c)
    frame["type"] = "week_of"
    return frame


def _spelled_year(c: Candidate) -> Frame | None:
    words = re.split(r"[\s-]+", c.groups["yearwords"].lower())
    nums = lexicon()["numbers"]
    if words[:2] == ["two", "thousand"]:
        year = 2000 + (nums[words[-1]] if words[-1] in nums and len(words) > 2 else 0)
    else:
        year = nums[words[0]] * 100 + sum(nums[w] for w in words[1:])
    return {"type": "calendar", "kind": "DATE", "year": int(year)}


def _that_unit(c: Candidate) -> Frame:
    frame: Frame = {"type": "that_unit", "kind": "DATE", "unit": unit_of(c.groups["unit"])}
    if _mode(c.groups.get("mode")):
        frame["mod"] = _mode(c.groups.get("mode"))
    return frame


def _ref(c: Candidate) -> Frame:
    word = re.sub(r"\s+", " ", c.groups["ref"].lower())
    return {"type": "ref", "kind": "DATE", "value": lexicon()["refs"][word]}


_BUILDERS: dict[str, Callable[[Candidate], Frame | None]] = {
    "calendar": _calendar, "numeric": _numeric, "clock": _clock, "weekday": _weekday_frame,
    "deictic": _deictic, "unit_rel": _unit_rel, "duration": _duration, "ago": _ago, "set": _set,
    "quarter": _quarter, "quarter_rel": _quarter_rel, "half": _half, "decade": _decade,
    "century": _century, "season": _season, "year": _year, "holiday": _holiday, "week_of": _week_of,
    "ref": _ref, "spelled_year": _spelled_year, "that_unit": _that_unit,
}


def build_frame(c: Candidate) -> Frame | None:
    """The frame for one candidate, or None when its parts do not make a valid time."""
    try:
        return _BUILDERS[c.frame](c)
    except (KeyError, ValueError, TypeError):
        return None
