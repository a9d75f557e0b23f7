"""Byline and wire credit.

A byline is a head line "By <names>" ("By AFP", "By Jane Doe and John Roe", "By Jane Doe in
Kyiv"), or a tail credit ("Reporting by …; Editing by …"), or ``doc.meta["author"]``. A wire
credit (``meta["wire"]``) is an agency named in the byline or in a dateline such as
"KYIV, June 12 (Reuters) -" at the start of the first paragraph; that dateline stays in the body
(it carries the place), only the credit is read from it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..clean._data import load_json
from ..clean.blocks import Block
from ._base import Field, fields_params

__all__ = ["read_byline", "read_tail_credit", "wire_of_names", "wire_from_dateline", "wire_spellings",
           "read_wire_line", "read_wire_copyright"]

_SPLIT = re.compile(r"\s*(?:,|;|\||/|\band\b|&)\s*")
_NAME_TOKEN = re.compile(r"^[A-Z0-9À-Ý][\w.'’-]*$")


@lru_cache(maxsize=1)
def wire_spellings() -> dict[str, str]:
    """Lower-cased spelling -> canonical wire name."""
    wires = load_json("meta", "wires.json")["wires"]
    return {spelling.lower(): name for name, spellings in wires.items() for spelling in spellings}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    p = fields_params()
    prefixes = "|".join(re.escape(x) for x in sorted(p["byline_prefixes"], key=len, reverse=True))
    credits = "|".join(re.escape(x) for x in sorted(p["credit_prefixes"], key=len, reverse=True))
    wires = "|".join(re.escape(x) for x in sorted(wire_spellings(), key=len, reverse=True))
    return {
        "byline": re.compile(rf"^(?:{prefixes})\s*:?\s+(?P<names>.{{1,120}}?)[.\s]*$", re.IGNORECASE),
        "credit": re.compile(rf"^(?:{credits})\b", re.IGNORECASE),
        "dateline": re.compile(rf"^[^()\n]{{0,80}}?\((?P<wire>{wires})\)\s*[-–—:]", re.IGNORECASE),
        "place": re.compile(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$"),
        # "Copyright 2016 The Associated Press. All rights reserved.", "© 2016 Reuters"
        "copyright": re.compile(rf"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{{4}}(?:\s*-\s*\d{{4}})?,?\s+)?"
                                rf"(?P<wire>{wires})\b", re.IGNORECASE),
    }


def _names_ok(names: str) -> bool:
    """Every part of the list is a run of capitalised tokens (connector words allowed)."""
    connectors = set(fields_params()["byline_connectors"])
    parts = [p for p in _SPLIT.split(names) if p]
    if not parts or len(names.split()) > 12:
        return False
    for part in parts:
        tokens = part.split()
        if not tokens or not _NAME_TOKEN.match(tokens[0]):
            return False
        if not all(_NAME_TOKEN.match(t) or t.lower() in connectors for t in tokens):
            return False
    return True


def wire_of_names(names: str) -> str | None:
    """The canonical wire named by one part of a byline ("Jane Doe, Reuters" -> "Reuters")."""
    spellings = wire_spellings()
    for part in _SPLIT.split(names):
        if part.strip().lower() in spellings:
            return spellings[part.strip().lower()]
    return None


def read_byline(block: Block) -> Field | None:
    """A "By <names>" line as a byline Field (the names, place dropped), or None."""
    m = _patterns()["byline"].match(block.text.strip())
    if not m:
        return None
    names = _patterns()["place"].sub("", m.group("names").strip())
    if not _names_ok(names):
        return None
    return Field(names, f"byline line '{block.text.strip()}'")


@lru_cache(maxsize=1)
def _exact_spellings() -> frozenset[str]:
    return frozenset(s for spellings in load_json("meta", "wires.json")["wires"].values() for s in spellings)


def read_wire_line(block: Block) -> Field | None:
    """A head line that is nothing but an agency's name ("Agence France-Presse", "(AP)")."""
    text = block.text.strip().strip("()[]—–-:. ")
    if block.words > 6:
        return None
    name = wire_spellings().get(text.lower())
    if name is None or (len(text) <= 4 and text not in _exact_spellings()):    # "AP", never "ap"
        return None
    return Field(name, f"wire credit line '{block.text.strip()}'")


def read_wire_copyright(block: Block) -> Field | None:
    """A closing "Copyright 2016 The Associated Press. All rights reserved." line: the agency's copy."""
    if block.words > 20:
        return None
    m = _patterns()["copyright"].match(block.text.strip())
    if not m or (len(m.group("wire")) <= 4 and m.group("wire") not in _exact_spellings()):
        return None
    return Field(wire_spellings()[m.group("wire").lower()], f"copyright line '{block.text.strip()}'")


def read_tail_credit(block: Block) -> Field | None:
    """A Reuters-style credit line ("Reporting by Jane Doe; Editing by John Roe")."""
    if block.words > 40 or not _patterns()["credit"].match(block.text):
        return None
    first = re.split(r";", block.text)[0]
    names = re.sub(r"^.*?\bby\b\s*", "", first, flags=re.IGNORECASE).strip(" .")
    return Field(names if _names_ok(names) else None, f"credit line '{block.text.strip()}'")


def wire_from_dateline(block: Block) -> Field | None:
    """An agency credited in a dateline at the start of a paragraph: "KYIV (Reuters) -"."""
    m = _patterns()["dateline"].match(block.text)
    if not m:
        return None
    return Field(wire_spellings()[m.group("wire").lower()], f"dateline '{m.group(0).strip()}'")


def byline_from_meta(meta: dict[str, Any], meta_from: dict[str, str]) -> Field | None:
    for key in ("author", "byline", "authors"):
        value = meta.get(key)
        if isinstance(value, (list, tuple)):
            value = " and ".join(str(v) for v in value if v)
        if value and str(value).strip():
            return Field(str(value).strip(), meta_from.get(key, f"container metadata '{key}'"))
    return None
