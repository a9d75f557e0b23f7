"""MinHash signatures and LSH band keys (datasketch 2.0.0, ``affine32`` scheme).

A signature is the ``num_perm`` minima of datasketch's permutations over a text's shingle hashes.
datasketch's ``MinHash.update_batch`` calls the hash function once per element in Python; we hand
it pre-hashed shingles, so the same arithmetic (MurmurHash3 finalizer, then ``a*h+b mod 2^32``
with datasketch's own permutation parameters) is done here as one numpy matrix operation per
document, about 3x faster than ``MinHash.bulk``. ``tests/dedup/test_minhash.py`` pins that the
values equal datasketch's, so a signature can always be wrapped as a ``LeanMinHash``.

Signatures are persisted as the raw bytes of the uint32 hash values; the LSH index keys each band
(``rows`` consecutive values) by a 63-bit hash, so a query is an indexed lookup in SQLite.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
from datasketch import LeanMinHash, MinHash
from datasketch.lsh import _optimal_param

from ..datafiles import load_json
from ..records import Fingerprint
from .shingles import body_key, normal_words, word_shingles

_SCHEME = "affine32"
_MAX = np.uint32(0xFFFFFFFF)
_GOLDEN64 = np.uint64(0x9E3779B97F4A7C15)
_PRIME64 = np.uint64(0x100000001B3)
# Rows of the (shingles x permutations) product computed at once: bounds memory on long texts.
_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class DedupParams:
    """Shingling, signature and decision settings (defaults in ``data/dedup/params.json``)."""

    shingle: int = 5
    num_perm: int = 128
    seed: int = 1
    candidate_threshold: float = 0.3
    jaccard: float = 0.5
    containment: float = 0.8
    min_shingles: int = 20
    verify: str = "exact"       # "exact": decide on the shingle sets; "minhash": on the estimates
    cue_max_words: int = 80     # canonical copy: longer blocks are never read as boilerplate

    @property
    def tag(self) -> str:
        """Names what a stored signature depends on; signatures with another tag are recomputed."""
        return f"w{self.shingle}-p{self.num_perm}-s{self.seed}-c{self.candidate_threshold}-{_SCHEME}"

    @classmethod
    def load(cls) -> "DedupParams":
        return cls(**load_json("dedup", "params.json"))


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before its permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


@cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's search integrates the FP and FN curves for every split (30 ms): once a process."""
    return _optimal_param(threshold, num_perm, 0.2, 0.8)


class Fingerprinter:
    """Computes fingerprints and band keys for one :class:`DedupParams`."""

    def __init__(self, params: DedupParams | None = None):
        self.params = params or DedupParams.load()
        a, b = MinHash(num_perm=self.params.num_perm, seed=self.params.seed, scheme=_SCHEME).permutations
        self._a, self._b = a.astype(np.uint32), b.astype(np.uint32)

    @cached_property
    def bands(self) -> tuple[int, int]:
        """(bands, rows) minimising datasketch's FP+FN error at the candidate threshold.

        False negatives weigh more: a missed candidate is lost, a false one costs one comparison.
        """
        return _bands(self.params.candidate_threshold, self.params.num_perm)

    def fingerprint(self, article_id: str, text: str) -> Fingerprint:
        words = normal_words(text)
        shingles = word_shingles(words, self.params.shingle)
        return Fingerprint(article_id, self.signature(shingles), len(shingles), body_key(words), shingles)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """The MinHash values of a set of shingle hashes (all-max for an empty set)."""
        values = np.full(self.params.num_perm, _MAX, dtype=np.uint32)
        with np.errstate(over="ignore"):
            mixed = _fmix32(shingles.astype(np.uint32))
            for start in range(0, len(mixed), _CHUNK):
                block = mixed[start:start + _CHUNK, None] * self._a + self._b
                values = np.minimum(values, block.min(axis=0))
        return values

    def band_keys(self, hashvalues: np.ndarray) -> list[int]:
        """One non-negative 63-bit key per band (fits SQLite's INTEGER); the band number is part
        of the key, so equal values in different bands do not collide.

        The rows of each band are folded into 64 bits and avalanched (MurmurHash3's 64-bit
        finalizer) in one vectorised pass: hashing each band with hashlib, as datasketch's
        ``MinHashLSH`` does, costs more than computing the signature.
        """
        bands, rows = self.bands
        values = hashvalues[:bands * rows].reshape(bands, rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            h = np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN64
            for j in range(rows):
                h = (h ^ values[:, j]) * _PRIME64
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xFF51AFD7ED558CCD)
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xC4CEB9FE1A85EC53)
            h ^= h >> np.uint64(33)
        return (h >> np.uint64(1)).astype(np.int64).tolist()

    def lean(self, hashvalues: np.ndarray) -> LeanMinHash:
        """The signature as a datasketch ``LeanMinHash`` (for its Jaccard estimate or LSH)."""
        return LeanMinHash(seed=self.params.seed, hashvalues=hashvalues, scheme=_SCHEME)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of equal signature values."""
    return float(np.count_nonzero(a == b)) / len(a)


def estimate_containment(jaccard: float, size_a: int, size_b: int) -> float:
    """How much of the smaller set lies in the larger, from the Jaccard estimate and set sizes.

    ``|A∩B| = J (|A|+|B|) / (1+J)``; divided by ``min(|A|, |B|)`` and capped at 1.
    """
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1.0 + jaccard) / smaller)
