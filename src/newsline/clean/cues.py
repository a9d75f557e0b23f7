"""Cue patterns: what a boilerplate block looks like on its own.

The lists live in ``data/clean/cues.json`` and ``data/clean/menu.txt``. A cue is *strong* (the
block goes on its own: "Related article: …", "Sign up for our newsletter", a photo credit, a menu
word) or *weak* (a phrase such as "your support" or "newsletter" that only counts next to other
evidence: inside a section a header opened, or in a block the repeat signal also flags).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._data import compile_rules, load_json, load_lines
from .blocks import Block, ends_sentence

__all__ = ["Cue", "match_cue", "has_weak_cue", "is_menu_like", "is_title_case_label", "is_credit_label"]

_EDGE_PUNCT = re.compile(r"^[\s•·*>»›→|-]+|[\s.!?:»›>→…|*-]+$")
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(slots=True, frozen=True)
class Cue:
    kind: str       # "header" (opens a section), "strong", "photo", "menu"
    name: str       # becomes the Removed.reason: "cue: <name>"


@lru_cache(maxsize=1)
def _rules() -> dict[str, list]:
    data = load_json("clean", "cues.json")
    return {
        "header": compile_rules(data["headers"]),
        "strong": compile_rules(data["strong"]),
        "photo": compile_rules(data["photo"]),
        "weak": re.compile("|".join(f"(?:{p})" for p in data["weak"]), re.IGNORECASE),
    }


@lru_cache(maxsize=1)
def _paragraph_params() -> dict:
    return load_json("clean", "paragraphs.json")


def _menu_key(block: Block) -> str:
    return _EDGE_PUNCT.sub("", block.norm)


def match_cue(block: Block) -> Cue | None:
    """The strongest cue a block matches on its own, or None."""
    if block.words <= 4 and _menu_key(block) in load_lines("clean", "menu.txt"):
        return Cue("menu", f"menu/button word {block.text!r}")
    rules = _rules()
    for kind in ("header", "strong", "photo"):
        for name, pattern, max_words, exact in rules[kind]:
            if block.words <= max_words and pattern.search(block.text if exact else block.norm):
                return Cue(kind, name)
    return None


def has_weak_cue(block: Block) -> bool:
    """True if the block holds a phrase typical of appeals, sign-ups and notices."""
    return bool(_rules()["weak"].search(block.norm))


def is_menu_like(block: Block) -> bool:
    """A few words without sentence punctuation: a button or option, not a sentence."""
    return block.words <= 3 and not ends_sentence(block.text) and not any(c.isdigit() for c in block.text)


def is_title_case_label(block: Block) -> bool:
    """A short line whose words are all capitalised and that does not end a sentence.

    This is the shape of a photo label or credit ("Russian Defense Ministry", "Kremlin Press
    Service") and also of a short headline; callers decide by position which one it is.
    """
    params = _paragraph_params()
    words = _WORD.findall(block.text)
    if not words or len(words) > params["label_max_words"] or ends_sentence(block.text):
        return False
    small = set(params["continuation_words"])
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in words) and words[0][0].isupper()


def is_credit_label(block: Block) -> bool:
    """A title-case label that ends with an agency/credit word, wherever it stands."""
    if not is_title_case_label(block):
        return False
    heads = _paragraph_params()["label_heads"]
    norm = _menu_key(block)
    return any(norm == h or norm.endswith(" " + h) for h in heads)
