"""Text → set of shingle hashes, the input of a MinHash signature.

The normal form is what makes copies of one text look alike whatever an outlet did to its
typography: Unicode NFKC, case-folded, and reduced to its word characters (``\\w+``). Quote style
(“ ” vs "), apostrophes, dashes, line wrapping, paragraph breaks and Markdown markup therefore do
not change a single shingle; only the words and their order count.

A shingle is ``k`` consecutive words. Each word is hashed once (CRC-32, stable across processes,
unlike Python's salted ``hash``) and the ``k`` word hashes are folded into one 32-bit value with
numpy, so a document costs one regex pass plus a few vector operations.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache

import numpy as np

_WORD = re.compile(r"\w+")
# Odd multiplier of the polynomial that folds k word hashes into one shingle hash (order matters).
_FOLD = np.uint32(0x9E3779B1)


def normal_words(text: str) -> list[str]:
    """The words of ``text`` in normal form (NFKC, case-folded, punctuation and layout dropped)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def word_hashes(text: str) -> np.ndarray:
    """CRC-32 of each normal word of ``text``, as a uint32 array in text order."""
    return np.fromiter((_word_hash(w) for w in normal_words(text)), dtype=np.uint32)


def shingle_hashes(text: str, k: int) -> np.ndarray:
    """The distinct hashes of the ``k``-word shingles of ``text`` (uint32, sorted).

    A text shorter than ``k`` words yields one shingle of all its words; an empty text none.
    """
    words = word_hashes(text)
    n = len(words)
    if n == 0:
        return words
    if n < k:
        k = n
    width = n - k + 1
    with np.errstate(over="ignore"):  # uint32 arithmetic wraps on purpose
        folded = words[:width].copy()
        for j in range(1, k):
            folded = folded * _FOLD + words[j:j + width]
    return np.unique(folded)


def body_key(text: str) -> str:
    """A hash of the normal form: equal for exact copies up to typography and layout."""
    joined = " ".join(normal_words(text)).encode("utf-8")
    return hashlib.blake2b(joined, digest_size=12).hexdigest()
