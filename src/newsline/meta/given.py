"""Metadata the user gives: values that beat every inference, each with where it was given.

A user knows things the text does not say: the day a scrape was published, the outlet a folder
came from, a record's true title. They are given on the command line (``--published``,
``--outlet``, ``--byline``, ``--language``, ``--title``, ``--url``), in a manifest (CSV or JSON
Lines keyed by path, glob or record id) or in a sidecar file beside the article (``x.txt`` +
``x.meta.json``); :mod:`newsline.read.given` finds them and stores them on the document as
``meta["given"] = {field: {"value", "reason"[, "overrides"]}}``. This module checks the values
(a date must name a full day, a language is an ISO 639 code) and turns them into
:class:`~newsline.meta.Field` values for :func:`newsline.meta.read_metadata`, which ranks a
given value first and records every inferred value that disagrees with it (never silently
dropped). Other fields a manifest carries (``section``, ``topic``…) are kept as given.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import ConfigError
from ._base import Field

__all__ = ["GIVEN_FIELDS", "GIVEN_KEY", "normalise_given", "given_fields", "given_field"]

#: fields newsline itself reads; any other field name a manifest carries is kept as given
GIVEN_FIELDS = ("published", "outlet", "byline", "language", "title", "url")
#: where a document carries the values given for it
GIVEN_KEY = "given"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def normalise_given(field: str, value: Any, where: str) -> Any:
    """The checked value of one given field (None for an empty value); ConfigError when it is wrong.

    ``where`` names the place it was given ("--published", "manifest m.csv row 3") for the message.
    """
    if not _FIELD_NAME.match(field):
        raise ConfigError(f"{where}: '{field}' is not a metadata field name (use lower-case names "
                          f"such as {', '.join(GIVEN_FIELDS)})")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field == "published":
        return _day(value, where)
    if field == "language":
        code = str(value).strip().lower().replace("_", "-")
        if not _LANGUAGE.match(code):
            raise ConfigError(f"{where}: language {value!r} is not an ISO 639 code such as en, de or pt-br")
        return code
    if field in GIVEN_FIELDS:
        if not isinstance(value, (str, int, float)):
            raise ConfigError(f"{where}: {field} must be text, got {type(value).__name__}")
        return " ".join(str(value).split())
    return value


def _day(value: Any, where: str) -> str:
    from .dates import iso_day, parse_full_date

    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])", text)
    iso = iso_day(*m.groups()) if m else parse_full_date(text)
    if iso is None:
        raise ConfigError(f"{where}: published date {value!r} is not a full day "
                          "(give YYYY-MM-DD, e.g. 2016-10-02, or 'October 2, 2016')")
    return iso


def given_fields(meta: dict[str, Any]) -> dict[str, Field]:
    """``{field: Field}`` of the values given for a document (read from ``meta["given"]``)."""
    given = meta.get(GIVEN_KEY)
    if not isinstance(given, dict):
        return {}
    return {name: Field(entry["value"], entry["reason"]) for name, entry in given.items()
            if isinstance(entry, dict) and entry.get("value") not in (None, "")}


def given_field(meta: dict[str, Any], name: str) -> Field | None:
    return given_fields(meta).get(name)
