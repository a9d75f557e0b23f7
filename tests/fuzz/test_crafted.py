"""Every crafted hostile input ends as a stored article or a specific reject: never a traceback.

Each case runs through the whole reader stack and the cleaner (``iter_documents`` + ``Cleaner``),
so what reaches the store is what ingest would store. The language layer cases are in
``tests/nlp/test_bounds.py``; the end-to-end run over all of them is ``test_ingest_crafted``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from crafted import crafted  # noqa: E402

CASES = crafted()


@pytest.mark.parametrize("name", sorted(CASES))
def test_crafted_input_is_an_article_or_a_specific_reject(name, tmp_path, store):
    from newsline.clean import Cleaner
    from newsline.read import iter_documents
    from newsline.records import Reject

    file_name, data, expected = CASES[name]
    path = tmp_path / file_name
    path.write_bytes(data)
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if not isinstance(i, Reject)]
    rejects = [i for i in items if isinstance(i, Reject)]
    cleaner = Cleaner(store)
    for doc in docs:
        store.put_article(cleaner.clean(doc))          # storable: no surrogate, no traceback
    for reject in rejects:
        store.put_reject(reject)
    if expected == "doc":
        assert docs, [r.reason for r in rejects]
    else:
        assert rejects and any(expected in r.reason for r in rejects), [r.reason for r in rejects]
    texts = "".join(d.text for d in docs)
    assert "root:" not in texts                         # no external entity was read
    assert len(texts) <= 2 * len(data) + 1000           # no entity expansion
