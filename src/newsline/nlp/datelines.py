"""Datelines inside an article body: "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -".

A dateline names where a story was filed and who filed it; nothing in it is a speaker, an actor or
a party to the story. ``dateline_ranges(text)`` gives the character ranges of the datelines that
open one of the first paragraphs (patterns and the paragraph count in ``speech.json``), so the
entity layer can leave them out and quote attribution never takes a word from them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import data_json

__all__ = ["dateline_ranges", "in_ranges"]

_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern[str]], int]:
    raw = data_json("speech.json")
    return [re.compile(p) for p in raw["dateline"]], int(raw["dateline_paragraphs"])


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dateline opening one of the first paragraphs, separator included."""
    patterns, first = _patterns()
    out = []
    for n, para in enumerate(_PARAGRAPH.finditer(text)):
        if n >= first:
            break
        body = para.group()
        lead = len(body) - len(body.lstrip())
        for pattern in patterns:
            m = pattern.match(body, lead)
            if m and m.end() > lead and m.end() < len(body):   # a dateline opens text, it is not all of it
                out.append((para.start() + lead, para.start() + m.end()))
                break
    return out


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps one of ``ranges``."""
    return any(start < e and end > s for s, e in ranges)
