"""Wire credits: which news agency an article says it comes from.

A wire credit names the agency of an origin, and the origin is one *story* of that agency:
copies of one AFP story (one duplicate cluster) are one origin, ``wire:AFP:<cluster>``, while
five different AFP stories are five origins (``wire:AFP:<article>`` each), not one. Credits
are read from ``meta["wire"]`` (set by the cleaning stage), the byline, and a dateline credit
such as ``KYIV (Reuters) -`` at the start of the body. The agencies and their aliases are data:
``data/dedup/wires.json``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..datafiles import load_json
from ..records import WIRE_PREFIX, Article, origin_name


@lru_cache(maxsize=1)
def _wire_data() -> tuple[list[tuple[re.Pattern, str]], int]:
    data = load_json("dedup", "wires.json")
    patterns = []
    for name, aliases in data["wires"].items():
        # Longest alias first so "Agence France-Presse" wins over a shorter overlapping credit.
        for alias in sorted(aliases, key=len, reverse=True):
            flags = 0 if len(alias) <= 4 else re.IGNORECASE
            patterns.append((re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags), name))
    return patterns, int(data.get("dateline_chars", 200))


def wire_in(text: str | None) -> str | None:
    """The agency credited in a short credit text (a byline, a ``meta["wire"]`` value), or None."""
    if not text:
        return None
    for pattern, name in _wire_data()[0]:
        if pattern.search(text):
            return name
    return None


def _dateline_wire(body: str) -> str | None:
    head = body[:_wire_data()[1]]
    # A dateline credit is followed by a dash or colon: "KYIV, June 12 (Reuters) - ..."
    for credit in re.findall(r"\(([^()\n]{2,40})\)\s*[-\u2013\u2014:]", head):
        name = wire_in(credit)
        if name and len(credit.split()) <= 4:
            return name
    return None


def article_wire(article: Article) -> str | None:
    """The wire agency an article credits (meta, then byline, then a dateline credit), or None."""
    meta_wire = article.meta.get("wire") if isinstance(article.meta, dict) else None
    if isinstance(meta_wire, (list, tuple)):
        meta_wire = ", ".join(str(w) for w in meta_wire)
    return wire_in(meta_wire) or wire_in(article.byline) or _dateline_wire(article.body)


def cluster_wire(wires: Iterable[str | None]) -> str | None:
    """The wire of a cluster: the credit most of its members carry (ties: alphabetical)."""
    counts = Counter(w for w in wires if w)
    if not counts:
        return None
    return min(counts, key=lambda w: (-counts[w], w))


def origin_wire(origin: str) -> str | None:
    """The agency an origin id names (``wire:AFP:abc`` -> ``AFP``), or None."""
    if not origin.startswith(WIRE_PREFIX):
        return None
    return origin[len(WIRE_PREFIX):].rsplit(":", 1)[0] or None
