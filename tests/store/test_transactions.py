"""Store core: nested transactions are savepoints, bulk reads, a busy store is a clear error."""
from __future__ import annotations

import sqlite3

import pytest

from newsline.errors import StoreError
from newsline.records import Article
from newsline.store import SQLiteStore


def _article(aid: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", body=f"Body {aid}.", raw=f"Body {aid}.")


def test_a_failed_nested_transaction_undoes_only_its_own_writes(store):
    with store.transaction():
        store.put_article(_article("a" * 16))
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.put_article(_article("b" * 16))
                raise RuntimeError("inner")
        store.put_article(_article("c" * 16))
    assert store.article_ids() == ["a" * 16, "c" * 16]


def test_a_failed_outer_transaction_undoes_the_nested_ones_too(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            with store.transaction():
                store.put_article(_article("a" * 16))
            raise RuntimeError("outer")
    assert store.count_articles() == 0


def test_iter_articles_reads_ids_in_bulk_in_the_given_order(store):
    ids = [f"{i:016d}" for i in range(2000)]
    with store.transaction():
        for aid in ids:
            store.put_article(_article(aid))
    statements = []
    store.db.set_trace_callback(statements.append)
    wanted = [*reversed(ids), "missing" * 2]
    got = [a.id for a in store.iter_articles(wanted)]
    store.db.set_trace_callback(None)
    assert got == list(reversed(ids))
    assert len([s for s in statements if s.startswith("SELECT")]) <= 3     # chunks, not one per id


def test_a_store_busy_beyond_the_bounded_wait_is_a_store_error_not_database_is_locked(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINE_BUSY_SECONDS", "0.3")
    path = tmp_path / "s.db"
    store = SQLiteStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA busy_timeout = 10")
    other.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreError, match="busy"):
            store.put_article(_article("a" * 16))
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.put_article(_article("a" * 16))         # once the other writer is done it goes through
    assert store.count_articles() == 1
    store.close()


def test_pending_follows_status_version_and_prerequisite(store):
    for aid in ("a" * 16, "b" * 16, "c" * 16):
        store.put_article(_article(aid))
    a, b, c = store.article_ids()
    store.mark_stages([a, b, c], ["clean"], {"clean": "v1"})
    store.mark_stages([a], ["language"], {"language": "v1"})
    store.mark_stages([b], ["language"], {"language": "v1"}, status="failed")
    assert store.pending("language", "v1", after="clean") == [c]
    assert store.pending("language", "v1", after="clean", retry=True) == [b, c]
    assert store.pending("language", "v2", after="clean") == [a, b, c]
    assert store.pending("language", "v1", after="duplicates") == []
    store.mark_stages([a], ["language"], {"language": ""})      # done by an older release
    assert a not in store.pending("language", "v2")


def test_pending_reads_what_is_left_not_the_store(store):
    """New articles, reset rows and rows of another version (either side of it) are pending;
    the queries that find them read index ranges, never a pass over the articles."""
    for aid in ("a" * 16, "b" * 16, "c" * 16):
        store.put_article(_article(aid))
    a, b, c = store.article_ids()
    store.mark_stages([a, b, c], ["clean", "language"], {"clean": "v1", "language": "v1"})
    assert store.pending("language", "v1", after="clean") == []
    store.put_article(_article("d" * 16))
    d = store.article_ids()[-1]
    assert store.pending("language", "v1") == [d]
    assert store.pending("language", "v1", after="clean") == []          # d is not clean yet
    store.mark_stages([d], ["clean"], {"clean": "v1"})
    store.reset_stages([a], ["language"])                                  # a's input changed
    assert store.pending("language", "v1", after="clean") == [a, d]
    store.mark_stages([a, d], ["language"], {"language": "v1"})
    store.mark_stages([b], ["language"], {"language": "v0"})
    store.mark_stages([c], ["language"], {"language": "v2"})
    assert store.pending("language", "v1") == [b, c]

    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    store.pending("language", "v1", after="clean")
    store.db.set_trace_callback(None)
    plans = [" | ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql))
             for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH", "INSERT"))]
    assert plans
    for plan in plans:
        assert "SCAN a" not in plan and "SCAN articles" not in plan and "SCAN article_stages" not in plan, plan
