"""Turning container field values (JSON fields, feed entries) into metadata strings.

Containers hold dates as RFC 822 strings, ISO 8601 strings or epoch numbers, and people or
outlets as strings, lists or nested objects. These helpers read the common shapes and return
None for anything else, so a value is only recorded when its meaning is clear.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

__all__ = ["iso_date", "name_of", "names_of"]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
#: epoch values outside this window are counters or ids, not publication times (1990 … 2100)
_EPOCH_RANGE = (631152000, 4102444800)
_NAME_KEYS = ("name", "title", "label", "display_name", "fullname")


def iso_date(value: Any) -> str | None:
    """The calendar day (``YYYY-MM-DD``) a date value names, as written (no shift to UTC).

    Accepts ISO 8601 strings (``2025-06-12``, ``2025-06-12T23:30:00-05:00``), RFC 822 strings
    (``Thu, 12 Jun 2025 23:30:00 -0500``) and Unix epoch seconds or milliseconds.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _ISO_DAY.match(text)
    if match:
        return _valid_day(*map(int, match.groups()))
    if text.isdigit():
        return _from_epoch(float(text))
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def _from_epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_RANGE[1] * 10:      # milliseconds
        seconds /= 1000
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def name_of(value: Any) -> str | None:
    """A display name from a string or an object with a ``name``-like key."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in _NAME_KEYS:
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return None


def names_of(value: Any) -> str | None:
    """One or several names (string, object, or list of either) joined with ``", "``."""
    items = value if isinstance(value, list) else [value]
    names = [n for n in (name_of(v) for v in items) if n]
    return ", ".join(dict.fromkeys(names)) or None
