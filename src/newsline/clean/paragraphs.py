"""Paragraph repair: join the pieces of a paragraph that a scrape split in two.

A kept block is joined to the next kept block when it does not end a sentence and the next one
continues it: the next starts with a lowercase letter, or this one ends with a comma, a dash or a
word that cannot end a sentence ("of", "the", "and", "said" …; list in
``data/clean/paragraphs.json``). Blocks removed in between (a caption inside a split paragraph) do
not stop the join. The body is the paragraphs separated by one blank line.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ._data import load_json
from .blocks import Block, ends_sentence

__all__ = ["repair_paragraphs", "continues"]

_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


@lru_cache(maxsize=1)
def _continuation_words() -> frozenset[str]:
    return frozenset(load_json("clean", "paragraphs.json")["continuation_words"])


def continues(previous: str, following: str) -> bool:
    """True if ``following`` is the rest of the paragraph ``previous`` started."""
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following or ends_sentence(previous):
        return False
    if following[0].islower():
        return True
    if previous[-1] in ",-–—(":
        return True
    m = _LAST_WORD.search(previous)
    return bool(m) and m.group(1).lower() in _continuation_words() and previous[-1].isalpha()


def repair_paragraphs(blocks: list[Block]) -> tuple[list[str], int]:
    """The paragraphs of the kept ``blocks`` and how many joins were made."""
    paragraphs: list[str] = []
    joins = 0
    for block in blocks:
        if paragraphs and continues(paragraphs[-1], block.text):
            paragraphs[-1] = f"{paragraphs[-1].rstrip()} {block.text.lstrip()}"
            joins += 1
        else:
            paragraphs.append(block.text)
    return paragraphs, joins
