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

import numpy as np

_WORD = re.compile(r"\w+")
# Odd multiplier of the polynomial that folds k word hashes into one shingle hash (order matters).
_FOLD = np.uint32(0x9E3779B1)


def normal_words(text: str) -> list[str]:
    """The words of ``text`` in normal form (NFKC, case-folded, punctuation and layout dropped)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


# Word → CRC-32, shared across documents (news vocabulary repeats); emptied when it grows large.
_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_MAX = 1 << 20


def word_hashes(words: list[str]) -> np.ndarray:
    """CRC-32 of each word, as a uint32 array in text order."""
    cache = _WORD_HASHES
    if len(cache) > _WORD_CACHE_MAX:
        cache.clear()
    for word in set(words).difference(cache):
        cache[word] = zlib.crc32(word.encode("utf-8"))
    # map(dict.__getitem__) keeps the per-word loop in C.
    return np.fromiter(map(cache.__getitem__, words), dtype=np.uint32, count=len(words))


def shingle_hashes(text: str, k: int) -> np.ndarray:
    """The distinct hashes of the ``k``-word shingles of ``text`` (uint32, sorted).

    A text shorter than ``k`` words yields one shingle of all its words; an empty text none.
    """
    return word_shingles(normal_words(text), k)


def word_shingles(words: list[str], k: int) -> np.ndarray:
    """:func:`shingle_hashes` of an already normalised word list."""
    return np.unique(positional_shingles(words, k))


def positional_shingles(words: list[str], k: int) -> np.ndarray:
    """The hash of the shingle starting at each word position (uint32, text order, repeats
    kept): ``len(words) - k + 1`` values, one for a text shorter than ``k``, none when empty."""
    hashes = word_hashes(words)
    n = len(hashes)
    if n == 0:
        return hashes
    if n < k:
        k = n
    width = n - k + 1
    with np.errstate(over="ignore"):  # uint32 arithmetic wraps on purpose
        folded = hashes[:width].copy()
        for j in range(1, k):
            folded = folded * _FOLD + hashes[j:j + width]
    return folded


def body_key(text: str | list[str]) -> str:
    """A hash of the normal form (of a text, or its normal words): equal for exact copies up to
    typography and layout."""
    words = normal_words(text) if isinstance(text, str) else text
    joined = " ".join(words).encode("utf-8")
    return hashlib.blake2b(joined, digest_size=12).hexdigest()
