"""Publication date: only from evidence that names a full day (never inferred here).

Sources, strongest first: a leading date header (``date 2025-06-26 …``, ``Published: …``), the
container's own metadata (HTML ``<meta>``, a feed entry's date, a JSON field, via
``doc.meta["published"]``), a dateline on its own line near the top ("June 12, 2025"), and a
date in the URL path (``/2025/06/12/``). Agreeing sources are all named in the reason;
disagreeing ones are kept in ``conflicts``.

Hand-written patterns rather than ``dateparser``: we accept only complete day-month-year dates on
lines that are nothing but a date, and ``dateparser`` would resolve "Thursday" or "2 hours ago"
against today's clock, which is exactly the invention this module must not make.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from ..clean._data import load_json
from ..clean.blocks import Block
from ._base import Field

__all__ = ["date_params", "iso_day", "parse_full_date", "read_date_header", "read_dateline", "read_fused_dateline", "date_from_url", "date_from_meta"]

_TIME = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)"
_TZ = r"(?:[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)"


@lru_cache(maxsize=1)
def _params() -> dict[str, Any]:
    return load_json("meta", "dates.json")


def date_params() -> dict[str, Any]:
    """The publication-date settings (``data/meta/dates.json``)."""
    return _params()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    p = _params()
    month, weekday = _alt(list(p["months"])), _alt(p["weekdays"])
    full = (rf"(?:(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})"
            rf"|(?P<mon2>{month})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y2>\d{{4}})"
            rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon3>{month})\.?,? (?P<y3>\d{{4}})"
            rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>\d{{4}}))")
    keys, updated = _alt(p["header_keys"]), _alt(p["updated_keys"])
    # "Published 12:30 BST, 12 June 2025", "2025-06-12T10:30:00Z", "12 June 2025 · 3 min read"
    time_first = rf"(?:{_TIME}(?:\s*{_TZ})?,?\s+(?:on\s+)?)?"
    line = (rf"^(?:(?P<key>{keys}|{updated})\s*:?\s*)?{time_first}(?:(?:{weekday})\.?,?\s+)?{full}"
            rf"(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:z|[+-]\d{{2}}:?\d{{2}})?)?"
            rf"(?:[\s,|·-]*(?:at\s+)?{_TIME})?(?:\s*{_TZ})?\.?"
            rf"(?:\s*[·|•-]\s*\d{{1,3}}\s*min(?:ute)?s?\s+read)?$")
    return {
        "full": re.compile(full, re.IGNORECASE),
        "line": re.compile(line, re.IGNORECASE),
        "header": re.compile(rf"^\s*(?P<key>{keys})\s*:?\s+(?P<date>{full})\b[\s|:,-]*(?P<rest>.*)$",
                             re.IGNORECASE | re.DOTALL),
        "updated": re.compile(rf"^(?:{updated})\b", re.IGNORECASE),
        # "Title March 01, 2008 Body …": a headline, a full date, then the body, on one line
        "fused": re.compile(rf"(?:(?:{weekday})\.?,?\s+)?{full}(?:\s*[-–—:|,]\s*|\s+)(?=(?-i:[A-Z0-9\"“‘'(]))",
                            re.IGNORECASE),
        "url": re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=[/-]|$|\.)"
                          r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>\d{2})(?P<d2>\d{2})(?=/)"),
    }


def iso_day(y: str, m: str | int, d: str) -> str | None:
    p = _params()
    try:
        value = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return value.isoformat() if p["min_year"] <= value.year <= p["max_year"] else None


def _from_match(m: re.Match[str]) -> str | None:
    months = _params()["months"]
    g = m.groupdict()
    if g.get("y1"):
        return iso_day(g["y1"], g["m1"], g["d1"])
    if g.get("y2"):
        return iso_day(g["y2"], months[g["mon2"].lower()], g["d2"])
    if g.get("y3"):
        return iso_day(g["y3"], months[g["mon3"].lower()], g["d3"])
    if g.get("y4"):
        return iso_day(g["y4"], g["m4"], g["d4"])
    return None


def parse_full_date(text: str) -> str | None:
    """The ISO date of the first complete day-month-year date in ``text``, or None."""
    m = _patterns()["full"].search(text)
    return _from_match(m) if m else None


def read_date_header(line: str) -> tuple[Field, int] | None:
    """A leading ``date 2025-06-26 <rest>`` header in a raw line: the date, and where the rest starts."""
    m = _patterns()["header"].match(line)
    if not m:
        return None
    iso = _from_match(m)
    if iso is None:
        return None
    return Field(iso, f"leading '{m.group('key')} {m.group('date')}' header"), m.start("rest")


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")


def read_fused_dateline(line: str, title: str | None = None) -> tuple[Field, int, int] | None:
    """A date fused between the headline and the body of a one-line text.

    News-please / Wikinews exports hold "Title March 01, 2008 Body …" on one line. Returns the
    date, where the headline ends and where the body starts; None unless the text before the
    date is a headline (2–25 words, no sentence end; the container's title when it has one) and a
    body of some length follows.
    """
    head = line[:400]
    for m in _patterns()["fused"].finditer(head):
        before = line[:m.start()].strip()
        words = len(before.split())
        if words == 0 and m.start() == 0 and title is None:     # "March 01, 2008 Body …": no headline
            return _fused(line, m, "at the start of the first line")
        headline = (2 <= words <= 25 and before[:1].isupper() and not _SENTENCE_END.search(before + " ")
                    and not before.endswith(",") and not before.isupper())   # "NEW YORK, March 1" is a place
        if not headline and (title is None or words > 25):
            continue
        if title is not None and _fold(before) != _fold(title):
            continue
        return _fused(line, m, "fused after the headline on the first line")
    return None


def _fused(line: str, m: re.Match[str], where: str) -> tuple[Field, int, int] | None:
    if len(line[m.end():].split()) < 8:
        return None
    iso = _from_match(m)
    if iso is None:
        return None
    stamp = line[m.start():m.end()].strip(" -–—:|,")
    return Field(iso, f"date '{stamp}' {where}"), m.start(), m.end()


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .:-–—|")


def read_dateline(block: Block) -> Field | None:
    """A block that is only a date (with optional weekday, time, 'Published:' / 'Updated:')."""
    if block.words > 10:
        return None
    m = _patterns()["line"].match(block.text.strip())
    if not m:
        return None
    iso = _from_match(m)
    if iso is None:
        return None
    kind = "updated date" if m.group("key") and _patterns()["updated"].match(m.group("key")) else "dateline"
    return Field(iso, f"{kind} '{block.text.strip()}'")


def date_from_url(url: str | None) -> Field | None:
    """A ``/YYYY/MM/DD/`` (or ``/YYYYMMDD/``) date in a URL path."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    m = _patterns()["url"].search(path)
    if not m:
        return None
    iso = iso_day(m["y"], m["m"], m["d"]) if m["y"] else iso_day(m["y2"], m["m2"], m["d2"])
    return Field(iso, f"url path {m.group(0).rstrip('/-')}/") if iso else None


def date_from_meta(meta: dict[str, Any], meta_from: dict[str, str]) -> Field | None:
    """``doc.meta["published"]`` (a datetime, an ISO string or a written date) as an ISO day."""
    value = meta.get("published")
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    iso = iso_day(*m.groups()) if m else parse_full_date(text)
    origin = meta_from.get("published", "container metadata")
    return Field(iso, f"{origin} '{text}'") if iso else None
