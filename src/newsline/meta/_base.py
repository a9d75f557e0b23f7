"""What every metadata reader returns, and the head of an article they search."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..clean._data import load_json
from ..clean.blocks import Block, ends_sentence

__all__ = ["Field", "fields_params", "is_prose", "head_indices"]


@dataclass(slots=True)
class Field:
    """One metadata value and the evidence it came from (``reason``); no evidence, no Field."""

    value: Any
    reason: str


def fields_params() -> dict[str, Any]:
    return load_json("meta", "fields.json")


def is_prose(block: Block, min_words: int | None = None) -> bool:
    """A body paragraph: enough words and a sentence end (or long enough to be one anyway)."""
    min_words = fields_params()["body_min_words"] if min_words is None else min_words
    return block.words >= min_words and (ends_sentence(block.text) or block.words >= 25)


def head_indices(blocks: list[Block], skip: set[int], is_cue: list[bool]) -> list[int]:
    """Indices of the blocks before the first body paragraph (at most ``head_max_blocks``).

    ``skip`` are blocks already taken as metadata (a leading date header); cue blocks such as
    "Support X!" above the headline are passed over but do not end the head.
    """
    from .title import is_period_headline

    limit = fields_params()["head_max_blocks"]
    head: list[int] = []
    for pos, block in enumerate(blocks):
        if block.index in skip:
            continue
        if len(head) >= limit or (is_prose(block) and not is_cue[block.index]
                                  and not (pos == 0 and is_period_headline(block, _next(blocks, pos)))):
            break
        head.append(block.index)
    return head


def _next(blocks: list[Block], pos: int) -> Block | None:
    return blocks[pos + 1] if pos + 1 < len(blocks) else None
