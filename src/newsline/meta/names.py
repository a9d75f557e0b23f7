"""Dates and outlets read from where a file sits: its name and its folders.

A researcher's corpus often carries its metadata only in file names — ``nyt_2016-10-02_slug.txt``,
``<publisher>_<YYYY-MM-DD>_<slug>.txt``, ``.../2016/10/02/story.txt``. These are *inferred*
values: each :class:`~newsline.meta.Field` says which name it came from, ranks below what the
text, the container or the user says, and a disagreement is recorded, never hidden. Only a
complete day is a date. Names inside a container (a JSON Lines file, a WARC, a feed) describe
the container, not each record, and are not read. Patterns and aliases are data
(``data/meta/names.json``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from ..clean._data import load_json
from ._base import Field
from .dates import iso_day

__all__ = ["date_from_name", "outlet_from_name", "outlet_alias"]

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@lru_cache(maxsize=1)
def _params() -> dict[str, Any]:
    data = load_json("meta", "names.json")
    return {
        "dates": [re.compile(p) for p in data["date_patterns"]],
        "folder": re.compile(data["folder_date"]),
        "outlet": re.compile(data["outlet_before_date"]),
        "aliases": {_squash(k): v for k, v in data["aliases"].items()},
        "not_outlets": frozenset(w.lower() for w in data["not_outlets"]),
    }


def _parts(source: str | None) -> tuple[str, list[str]] | None:
    """``(file name, folder names)`` of a file source; None for stdin, URLs and empty names."""
    if not source or source == "-" or _URL.match(source):
        return None
    path = PurePath(source.replace("\\", "/"))
    return path.name, [p for p in path.parent.parts if p not in ("/", ".", "..")]


def _date_in(text: str) -> tuple[str, re.Match[str]] | None:
    for pattern in _params()["dates"]:
        for m in pattern.finditer(text):
            iso = iso_day(m["y"], m["m"], m["d"])
            if iso:
                return iso, m
    return None


def date_from_name(source: str | None) -> Field | None:
    """The day named by the file name, else by one folder name, else by ``YYYY/MM/DD`` folders."""
    parts = _parts(source)
    if parts is None:
        return None
    name, folders = parts
    found = _date_in(name)
    if found:
        return Field(found[0], f"file name '{name}'")
    for folder in reversed(folders):
        found = _date_in(folder)
        if found:
            return Field(found[0], f"folder name '{folder}'")
    joined = "/".join(folders)
    for m in _params()["folder"].finditer(joined):
        iso = iso_day(m["y"], m["m"], m["d"])
        if iso:
            return Field(iso, f"folder path '{m.group(0).strip('/')}'")
    return None


def outlet_alias(token: str) -> str | None:
    """The known outlet a short name stands for ('nyt', 'nytimes', 'nytimes.com'), or None."""
    from .outlet import outlet_for_domain

    key = token.strip().lower()
    if not key:
        return None
    if "." in key:
        return outlet_for_domain(key)
    key = _squash(key)
    return _params()["aliases"].get(key) or _domain_labels().get(key)


def _squash(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.lower())


@lru_cache(maxsize=1)
def _domain_labels() -> dict[str, str]:
    """First label of every known outlet domain -> its name ('theguardian' -> The Guardian)."""
    domains = load_json("meta", "outlets.json")["domains"]
    return {_squash(host.split(".")[0]): name for host, name in domains.items()}


def outlet_from_name(source: str | None) -> Field | None:
    """The publisher a ``<publisher>_<date>_<slug>`` file name starts with, or None.

    A known short name or domain gives the outlet's name; an unknown one is reported as written
    (never guessed into a name), and words such as 'article' or 'news' are not publishers.
    """
    parts = _parts(source)
    if parts is None:
        return None
    name = parts[0]
    m = _params()["outlet"].match(name)
    if not m or _date_in(name[m.end():m.end() + 10]) is None:
        return None
    token = m.group("outlet").strip(" ._-")
    if _date_in(token):         # "2016_10_02_2016..." : the part before a date is a date
        return None
    if len(token) < 2 or token.lower() in _params()["not_outlets"]:
        return None
    known = outlet_alias(token)
    if known:
        return Field(known, f"file name '{name}' (publisher '{token}')")
    return Field(token, f"file name '{name}' (publisher '{token}', not in the list of known outlets)")
