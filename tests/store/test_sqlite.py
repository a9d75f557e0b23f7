"""The SQLite store: migrations, idempotent content-hash writes, atomic transactions, rejects."""
from __future__ import annotations

import sqlite3

import pytest

from newsline.records import Article, DateWindow, Reject, Removed
from newsline.store import SQLiteStore


def _article(aid="a" * 16, body="Body text.", **kw):
    return Article(id=aid, source=kw.pop("source", "x.txt"), body=body, raw=body, **kw)


def test_migrations_are_named_applied_once_and_recorded(tmp_path):
    path = tmp_path / "s.db"
    first = SQLiteStore(path)
    names = first.migrations()
    assert names[0] == "0001_core" and names == sorted(names)
    first.close()
    again = SQLiteStore(path)
    assert again.migrate() == []          # nothing pending the second time
    assert again.migrations() == names
    again.close()


def test_put_article_is_idempotent_and_round_trips_every_field(store):
    a = _article(title="T", published=None, published_window=DateWindow("2025-06-01", "2025-06-05", "why", "Tuesday"),
                 outlet="O", byline="By X", url="https://o.example/x", language="en", links=["https://l"],
                 removed=[Removed("Read more", "menu word", "menu", 10, 19)], meta={"wire": "AFP"})
    assert store.put_article(a) is True
    assert store.put_article(a) is False
    assert store.count_articles() == 1
    assert store.get_article(a.id) == a
    assert store.get_article(a.id[:6]) == a          # unique prefix


def test_same_content_from_a_second_place_is_one_article_with_two_sources(store):
    store.put_article(_article(source="one.txt"))
    store.put_article(_article(source="copy/one.txt"))
    assert store.count_articles() == 1
    assert store.article_sources("a" * 16) == ["one.txt", "copy/one.txt"]


def test_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put_article(_article(aid="b" * 16))
            raise RuntimeError("boom")
    assert store.count_articles() == 0


def test_rejects_are_recorded_once_per_source_step_reason(store):
    r = Reject("bad.bin", "read", "binary file")
    assert store.put_reject(r) is True
    assert store.put_reject(r) is False
    assert list(store.iter_rejects()) == [r]


def test_update_article_rewrites_derived_fields(store):
    a = _article()
    store.put_article(a)
    a.published, a.published_from = "2025-06-12", "from its copy b"
    store.update_article(a)
    assert store.get_article(a.id).published_from == "from its copy b"


def test_store_file_is_a_real_sqlite_database(tmp_path):
    SQLiteStore(tmp_path / "real.db").close()
    tables = {r[0] for r in sqlite3.connect(tmp_path / "real.db").execute("SELECT name FROM sqlite_master")}
    assert {"articles", "article_sources", "rejects", "migrations"} <= tables


def test_dating_queries_take_the_stages_reasons_and_keys_literally(store):
    copied = _article("c" * 16, body="Copied.", published="2025-06-01", published_from="from its copy x")
    proposed = _article("p" * 16, body="Proposed.", meta={"published_proposal": {"date": "2025-06-01"}})
    lookalike = _article("l" * 16, body="Look-alike.", published="2025-06-02", published_from="fromXits copy",
                         meta={"publishedXproposal": 1})
    undated = _article("u" * 16, body="Undated.", published_window=DateWindow("2025-06-01", "2025-06-05", "why", ""))
    for a in (copied, proposed, lookalike, undated):
        store.put_article(a)
    found = store.articles_dated_or_flagged(reason_prefix="from_its copy", meta_keys=("published_proposal",))
    assert found == [proposed.id]                     # "_" matches only "_", never any character
    found = store.articles_dated_or_flagged(reason_prefix="from its copy ", meta_keys=("published_proposal",))
    assert found == [copied.id, proposed.id]
    assert store.undated_article_ids() == [proposed.id, undated.id]
    assert store.undated_article_ids(windowed=True) == [undated.id]
