"""``--since`` / ``--until`` bounds: a year (2008), a month (2008-03) or a day (2008-03-14).

A bound is turned into the ISO day it stands for: ``since`` takes the first day of the year or
month, ``until`` the last, so ``--since 2008 --until 2008`` keeps every event of 2008.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from ..errors import ConfigError

__all__ = ["parse_bound"]

_BOUND = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_bound(value: str | date | None, *, end: bool, name: str = "since") -> str | None:
    """The ISO day a bound stands for (``end``: the last day of a year or month), None for None.

    Raises ConfigError naming the accepted shapes for anything else ("March 2008", "2008-13").
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    match = _BOUND.match(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is None:
            return date(year, 12 if end else 1, 31 if end else 1).isoformat()
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1).isoformat()
        return date(year, month, day).isoformat()
    except ValueError:
        raise ConfigError(f"--{name} {value!r} is not a year, month or day "
                          "(use 2008, 2008-03 or 2008-03-14)") from None
