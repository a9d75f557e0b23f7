"""The SQLite store: migrations, idempotent content-hash writes, atomic transactions, rejects."""
from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from newsline.records import Article, DateWindow, PublicationDate, Reject, Removed
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
    a = _article(title="T", dated=PublicationDate(window=DateWindow("2025-06-01", "2025-06-05", "why", "Tuesday"),
                                                  set_aside=[{"value": "2025-06-09", "reason": "url path"}]),
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


def test_update_article_rewrites_derived_fields_never_the_date(store):
    a = _article(dated=PublicationDate("2025-06-12", "dateline", basis="stated"))
    store.put_article(a)
    changed = dataclasses.replace(a, title="New title", dated=PublicationDate("2025-06-13", "elsewhere", basis="stated"))
    store.update_article(changed)
    back = store.get_article(a.id)
    assert back.title == "New title" and back.dated == a.dated      # the date is the dating stage's record
    store.put_publication_date(a.id, PublicationDate(window=DateWindow("2025-06-01", "2025-06-03", "why")))
    assert store.get_article(a.id).published is None and store.get_article(a.id).published_window.latest == "2025-06-03"


def test_store_file_is_a_real_sqlite_database(tmp_path):
    SQLiteStore(tmp_path / "real.db").close()
    tables = {r[0] for r in sqlite3.connect(tmp_path / "real.db").execute("SELECT name FROM sqlite_master")}
    assert {"articles", "article_sources", "rejects", "migrations"} <= tables


def test_dating_queries_read_the_dating_tables(store):
    copied = _article("c" * 16, body="Copied.", dated=PublicationDate("2025-06-01", "from its copy x", basis="copy"))
    proposed = _article("p" * 16, body="Proposed.")
    stated = _article("l" * 16, body="Stated.", dated=PublicationDate("2025-06-02", "from its copy (a headline)",
                                                                     basis="stated"))
    undated = _article("u" * 16, body="Undated.", dated=PublicationDate(window=DateWindow("2025-06-01", "2025-06-05", "why")))
    for a in (copied, proposed, stated, undated):
        store.put_article(a)
    store.put_date_proposals({proposed.id: ({"date": "2025-06-01", "reason": "from its copy c"}, None),
                              undated.id: (None, [{"date": "2025-06-01", "copies": ["x"]}])})
    # to decide again: the copied date (the basis decides, not the reason's words) and both proposals
    assert store.copy_dates_to_decide() == [copied.id, proposed.id, undated.id]
    store.copy_dates_decided([copied.id, proposed.id, undated.id])
    assert store.copy_dates_to_decide() == []
    assert store.date_proposals() == {proposed.id: ({"date": "2025-06-01", "reason": "from its copy c"}, None),
                                      undated.id: (None, [{"date": "2025-06-01", "copies": ["x"]}])}
    assert store.date_proposals([undated.id, "nope"]) == {undated.id: (None, [{"date": "2025-06-01", "copies": ["x"]}])}
    store.put_date_proposals({proposed.id: (None, None)})          # withdrawn: the row goes
    assert list(store.date_proposals()) == [undated.id]
    assert store.copy_dates_to_decide() == [proposed.id]            # a withdrawal is decided too
    assert store.undated_article_ids() == [proposed.id, undated.id]
    assert store.undated_article_ids(windowed=True) == [undated.id]


def test_migration_moves_dates_out_of_the_article_rows(tmp_path):
    """A store written before publication dates had their own table keeps every date, reason,
    window, set-aside candidate and proposal, with the basis read from the reason."""
    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    store.db.execute("DELETE FROM migrations WHERE name = '0012_publication_dates'")
    store.close()
    db = sqlite3.connect(path)
    db.executescript("""
        DROP TABLE publication_dates; DROP TABLE date_proposals;
        ALTER TABLE articles ADD COLUMN published TEXT; ALTER TABLE articles ADD COLUMN published_from TEXT;
        ALTER TABLE articles ADD COLUMN published_window TEXT;
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_undated ON articles(seq) WHERE published IS NULL;""")
    rows = [("s", "2025-06-01", "dateline 'June 1'", None, {"published_conflicts": [{"value": "2025-06-02", "reason": "url path"}],
                                                             "from": {"published": "dateline 'June 1'", "title": "t"}}),
            ("c", "2025-06-01", "from its copy s", None, {"published_proposal": {"date": "2025-06-01", "reason": "from its copy s"}}),
            ("d", "2025-06-05", "dated from the corpus: 'x'", None, {}),
            ("w", None, None, '{"earliest": "2025-06-01", "latest": "2025-06-03", "reason": "r", "weekday": null}',
             {"published_conflict": [{"date": "2025-06-01", "copies": ["a"]}, {"date": "2025-06-02", "copies": ["b"]}]})]
    for k, (aid, day, reason, window, meta) in enumerate(rows, 1):
        db.execute("INSERT INTO articles (id, source, fmt, record, raw, body, links, removed, meta, seq, ingested_at, "
                   "published, published_from, published_window) VALUES (?, ?, 'text', '', '', ?, '[]', '[]', ?, ?, '', ?, ?, ?)",
                   (aid, aid, aid, json.dumps(meta), k, day, reason, window))
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        s, c, d, w = (store.get_article(x) for x in "scdw")
    assert s.dated == PublicationDate("2025-06-01", "dateline 'June 1'", None, "stated", [{"value": "2025-06-02", "reason": "url path"}])
    assert s.meta == {"from": {"title": "t"}}
    assert (c.dated.basis, d.dated.basis, w.dated.basis) == ("copy", "corpus", None)
    assert w.published_window == DateWindow("2025-06-01", "2025-06-03", "r")
    assert c.meta == {} and w.meta == {}
    assert store_proposals(path) == {"c": ({"date": "2025-06-01", "reason": "from its copy s"}, None),
                                     "w": (None, [{"date": "2025-06-01", "copies": ["a"]}, {"date": "2025-06-02", "copies": ["b"]}])}
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(articles)")}
    assert not columns & {"published", "published_from", "published_window"}


def store_proposals(path):
    with SQLiteStore(path) as store:
        return store.date_proposals()
