"""Fuzzing the readers, the cleaner and the store with Hypothesis (bounded for ``make test``).

Mutated real files (examples/corpus, and ../shared's seeds when present) and mutated crafted
inputs, under hostile file names: every case must end as stored articles or specific rejects
within the time and memory bound, with the earlier stored articles unchanged. Examples run
derandomized, so a failure reproduces; ``NEWSLINE_FUZZ_EXAMPLES`` raises the count, and
``python -m bench.run fuzz`` runs the long campaign.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the dev extra")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from crafted import crafted  # noqa: E402
from engine import EXTENSIONS, MUTATIONS, hostile_name, mutate, run_case, seed_files, store_digest  # noqa: E402

EXAMPLES = int(os.environ.get("NEWSLINE_FUZZ_EXAMPLES", 100))
#: a case that takes longer is a hang (the bench reports the measured worst case)
TIMEOUT_S = 60
#: peak traced memory allowed for one input of at most a few MB
MAX_PEAK_BYTES = 512 << 20
SEEDS = {p.name: p.read_bytes() for p in seed_files()}
_CRAFTED = crafted()
SMALL_CRAFTED = {k: v[1] for k, v in _CRAFTED.items() if len(v[1]) <= 64 * 1024}
CRAFTED_NAMES = {k: v[0] for k, v in _CRAFTED.items()}
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fuzz_store():
    """One store for the whole run, holding earlier articles the cases must never change."""
    from newsline.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "fuzz.db")
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, data in list(SEEDS.items())[:5]:
            run_case(folder, name, data, store)
        earlier = [r[0] for r in store.db.execute("SELECT id FROM articles")]
        yield store, folder, earlier, store_digest(store, earlier)
        store.close()


def _check(fuzz_store, name: str, data: bytes) -> None:
    store, folder, earlier, digest = fuzz_store
    outcome = run_case(folder, name, data, store, timeout=TIMEOUT_S)
    assert outcome.ok, f"{outcome.name}: {outcome.error}"
    assert outcome.docs or outcome.rejects, f"{outcome.name}: neither an article nor a reject"
    assert all(r.strip() for r in outcome.rejects)
    assert outcome.peak_bytes < MAX_PEAK_BYTES, f"{outcome.name}: {outcome.peak_bytes:,} bytes"
    assert store_digest(store, earlier) == digest, "earlier stored articles changed"


_ops = st.lists(st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 2**32 - 1)), min_size=1, max_size=4)


@pytest.mark.skipif(not SEEDS, reason="no seed files (examples/corpus missing)")
@SETTINGS
@given(seed=st.sampled_from(sorted(SEEDS)), ops=_ops, ext=st.sampled_from(EXTENSIONS), name_seed=st.integers(0, 999))
def test_mutated_real_files(fuzz_store, seed, ops, ext, name_seed):
    name = hostile_name(random.Random(name_seed), ext) if name_seed % 3 == 0 else Path(seed).stem + ext
    _check(fuzz_store, name, mutate(SEEDS[seed], ops))


@SETTINGS
@given(case=st.sampled_from(sorted(SMALL_CRAFTED)), ops=st.lists(
    st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 2**32 - 1)), max_size=3))
def test_mutated_crafted_files(fuzz_store, case, ops):
    _check(fuzz_store, CRAFTED_NAMES[case], mutate(SMALL_CRAFTED[case], ops))
