"""Reading a number from its words: ``1,212``, ``1.2K``, ``1.5 million``, ``two``, ``a dozen``,
``twenty-five``, ``$2``.

Hand-written rather than a library because the cases are few, the vocabulary is a data file
(``numbers.json``) and the parser must not guess: text that holds no number gives None.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import data_json

__all__ = ["parse_number", "is_number_word", "vague_value", "fraction_denominator"]

_NUMERIC = re.compile(r"^[$€£¥₽₴]?(\d+(?:[.,]\d+)*)([a-z]{0,2})$")
_PLAIN = re.compile(r"^\d+([.,]\d+)?$")                     # "59", "3.5", "1,5" (continental)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")       # "1,212", "1,000,000.5"
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # "1.000.000", "1.000,5" (continental)
_FRACTION = re.compile(r"^(\d+)/(\d+)$")


@lru_cache(maxsize=1)
def _vocab() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    raw = data_json("numbers.json")
    return raw["units"], raw["multipliers"], raw["vague"]


def is_number_word(word: str) -> bool:
    """True for spelled-out numbers and multipliers (``two``, ``dozen``, ``million``), not ``a``."""
    units, mults, vague = _vocab()
    w = word.lower()
    return (w in units and w not in ("a", "an", "single", "pair")) or w in mults and len(w) > 2 or w in vague


def vague_value(text: str) -> float | None:
    """The at-least value of ``dozens``/``hundreds``/``tens of thousands``; None otherwise."""
    return _vocab()[2].get(text.lower().strip())


def _numeric(word: str) -> float | None:
    frac = _FRACTION.match(word)
    if frac:
        num, den = (int(g) for g in frac.groups())
        return num / den if den else None
    m = _NUMERIC.match(word)
    if not m:
        return None
    digits, suffix = m.groups()
    value = _digits_value(digits)
    if value is None:
        return None
    if suffix:
        mult = _vocab()[1].get(suffix)
        if mult is None:
            return value if suffix in ("st", "nd", "rd", "th") else None
        value *= mult
    return value


def _digits_value(digits: str) -> float | None:
    """Digits with separators read as one number; None for what is not one ("1.1.1", "10.0.0.1":
    a version or an address has more groups than a decimal and no thousands shape)."""
    if _THOUSANDS.match(digits):
        return float(digits.replace(",", ""))
    if _DOT_THOUSANDS.match(digits) and (digits.count(".") > 1 or "," in digits):
        return float(digits.replace(".", "").replace(",", "."))   # "1.000" alone stays 1.0
    if _PLAIN.match(digits):
        return float(digits.replace(",", "."))                    # "1,5" written the continental way
    return None


def parse_number(text: str) -> float | None:
    """The value of a number written in digits and/or words; None when ``text`` holds no number."""
    units, mults, _ = _vocab()
    words = [w for w in re.split(r"[\s\-–]+", text.lower().replace("\u00a0", " ")) if w]
    total, current, seen = 0.0, 0.0, False
    for i, word in enumerate(words):
        value = _numeric(word)
        if value is not None:
            current += value
            seen = True
        elif word in units and (word not in ("a", "an") or _next_is_multiplier(words, i, mults)):
            current += units[word]
            seen = True
        elif word in mults and len(word) > 2:
            current = (current or 1.0) * mults[word]
            seen = True
            if mults[word] >= 1000:
                total, current = total + current, 0.0
    return total + current if seen else None


def _next_is_multiplier(words: list[str], i: int, mults: dict[str, float]) -> bool:
    return i + 1 < len(words) and words[i + 1] in mults and len(words[i + 1]) > 2


@lru_cache(maxsize=1)
def _fractions() -> dict[str, int]:
    return data_json("numbers.json")["fractions"]


def fraction_denominator(word: str) -> int | None:
    """``thirds`` -> 3 ("two-thirds"); None for a word that names no fraction."""
    return _fractions().get(word.lower())
