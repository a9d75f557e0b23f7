"""Title, and the photo labels around it.

The title is the container's own (``doc.meta["title"]``, matched back to its line so the line
leaves the body) or, in plain text, a headline-like line in the head of the article: 2–25 words,
no final period, not a cue, byline or date. When several qualify the longest wins (a kicker such
as "Ukraine War" is shorter than the headline it sits on). The other short title-case lines left
in the head, around the headline/metadata and before the first paragraph, are photo labels
or credits ("Kremlin Press Service"), and a kicker above the headline ("Ukraine War") is too:
they are returned as labels.
"""
from __future__ import annotations

import re
from typing import Any

from ..clean.blocks import Block, normalise
from ..clean.cues import is_title_case_label
from ._base import Field, fields_params

__all__ = ["read_title", "is_headline_like", "is_period_headline"]

_INNER_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+[A-Z\"“‘]")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
#: "WASHINGTON (AP) —", "LONDON, Oct 3 (Reuters) -", "KYIV, Ukraine —": a dateline opening a paragraph
_OPENING_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,[^()\n—–]{1,40})?\s*(?:\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")
_URLISH = re.compile(r"https?://|www\.", re.IGNORECASE)


def is_headline_like(block: Block) -> bool:
    p = fields_params()
    text = block.text.strip()
    return (p["title_min_words"] <= block.words <= p["title_max_words"] and len(text) <= 250
            and not text.endswith(".") and (text[0].isupper() or text[0].isdigit())
            and not _URLISH.search(text))


def is_period_headline(block: Block, following: Block | None) -> bool:
    """The first line of an article is a headline although it ends with a period.

    Some outlets end headlines with "." ("Trump Says He Will Accept the Results."); such a line
    looks like a one-sentence paragraph. It is a headline when it is one short sentence and either
    its words are capitalised like a headline or the next block is a byline, a date line or a
    paragraph opening with a dateline ("WASHINGTON (AP) —"), which only follow a headline.
    """
    p = fields_params()
    text = block.text.strip()
    if not (p["title_min_words"] + 1 <= block.words <= p["period_title_max_words"]) or not text.endswith("."):
        return False
    if _INNER_SENTENCE_END.search(text[:-1]) or not (text[0].isupper() or text[0].isdigit()) or _URLISH.search(text):
        return False
    return _title_cased(text) or (following is not None and _opens_with_metadata(following))


def _title_cased(text: str) -> bool:
    long_words = [w for w in _WORD.findall(text) if len(w) >= 4]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def _opens_with_metadata(block: Block) -> bool:
    from .byline import read_byline
    from .dates import read_dateline

    return bool(read_byline(block) or read_dateline(block) or _OPENING_DATELINE.match(block.text.strip()))


def _meta_title(meta: dict[str, Any]) -> str | None:
    value = meta.get("title")
    return str(value).strip() if value and str(value).strip() else None


def _match_meta_title(title: str, blocks: list[Block], head: list[int]) -> int | None:
    """The head block equal to the container's title (or to one part of "Headline | Site")."""
    wanted = {normalise(title), *(normalise(p) for p in _TITLE_SEPARATORS.split(title) if len(p.split()) >= 2)}
    for i in head:
        if blocks[i].norm in wanted:
            return i
    return None


def read_title(meta: dict[str, Any], meta_from: dict[str, str], blocks: list[Block], head: list[int],
               taken: set[int], is_cue: list[bool]) -> tuple[Field | None, int | None, dict[int, str]]:
    """``(title, index of its line or None, {index: reason} of photo labels in the head)``."""
    free = [i for i in head if i not in taken and not is_cue[i]]
    title_meta = _meta_title(meta)
    index: int | None = None
    if title_meta:
        index = _match_meta_title(title_meta, blocks, free)
        text = blocks[index].text if index is not None else title_meta
        field = Field(text, meta_from.get("title", "container metadata 'title'"))
    else:
        candidates = [i for i in free if is_headline_like(blocks[i])]
        if candidates:
            index = max(candidates, key=lambda i: (blocks[i].words, -i))
            field = Field(blocks[index].text, f"headline-like line {index + 1} before the body "
                          f"({blocks[index].words} words, no final period)")
        elif free and free[0] == 0 and is_period_headline(blocks[0], blocks[1] if len(blocks) > 1 else None):
            index = 0
            field = Field(blocks[0].text, f"first line, a headline ending in a period ({blocks[0].words} words)")
        else:
            field = None
    labels = _labels(blocks, free, index, taken)
    return field, index, labels


def _labels(blocks: list[Block], free: list[int], title: int | None, taken: set[int]) -> dict[int, str]:
    """Short title-case lines in a head that has a headline or metadata: kickers, photo labels, credits."""
    if title is None and not _near(taken, free):
        return {}
    what = "headline" if title is not None else "metadata"
    return {i: f"short title-case label in the head of the article (with the {what}, before the first paragraph)"
            for i in free if i != title and is_title_case_label(blocks[i])}


def _near(taken: set[int], free: list[int]) -> bool:
    """Metadata lines (byline, dateline) sit among the free head lines."""
    return bool(free) and any(min(free) - 1 <= i <= max(free) + 1 for i in taken)
