"""Signatures: equal to datasketch's, blind to typography and layout, persisted losslessly."""
from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from newsline.dedup.minhash import DedupParams, Fingerprint, Fingerprinter
from newsline.dedup.shingles import body_key, normal_words, shingle_hashes


def test_signature_equals_datasketch_update_batch():
    fpr = Fingerprinter(DedupParams(num_perm=64))
    shingles = shingle_hashes("the quick brown fox jumps over the lazy dog again and again", 3)
    reference = MinHash(num_perm=64, seed=1, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(fpr.signature(shingles), reference.hashvalues)
    assert fpr.lean(fpr.signature(shingles)).jaccard(reference) == 1.0


@pytest.mark.parametrize("a,b", [
    ("“Nobody was hurt,” she said.", '"Nobody was hurt," she said.'),
    ("Russia’s ministry", "Russia's ministry"),
    ("one two\nthree four", "one two three four"),
    ("one — two", "one - two"),
    ("ＦＵＬＬ width", "full width"),
    ("**Bold** [link](#) text", "Bold link text"),
])
def test_normal_form_ignores_typography(a, b):
    assert normal_words(a) == normal_words(b)
    assert body_key(a) == body_key(b)


@pytest.mark.parametrize("text,k,expected", [("", 5, 0), ("two words", 5, 1), ("a b c d e f", 5, 2),
                                             ("a b a b a b", 2, 2)])
def test_shingle_count(text, k, expected):
    assert len(shingle_hashes(text, k)) == expected


def test_shingles_are_stable_across_runs():
    """Pinned value: hashing must not depend on the process (no salted hash()); changing it
    invalidates stored signatures, so it must come with a new `DedupParams.tag`."""
    assert shingle_hashes("stable across processes", 3).tolist() == [3388496507]


def test_signature_bytes_round_trip():
    fpr = Fingerprinter()
    fp = fpr.fingerprint("x", "a short text about a flood in a valley town")
    back = Fingerprint.values_from_bytes(fp.to_bytes())
    assert back.dtype == np.uint32 and np.array_equal(back, fp.hashvalues)


def test_band_keys_match_for_equal_bands_only():
    fpr = Fingerprinter()
    bands, rows = fpr.bands
    sig = fpr.fingerprint("x", "floods hit the valley as rain continued through the night").hashvalues
    other = sig.copy()
    other[0] ^= 1  # changes the first band only
    k1, k2 = fpr.band_keys(sig), fpr.band_keys(other)
    assert len(k1) == bands and k1[0] != k2[0] and k1[1:] == k2[1:]
    assert all(0 <= k < 2 ** 63 for k in k1)  # fits SQLite's signed INTEGER
