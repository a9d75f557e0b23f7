"""The repeat signal as articles arrive one by one, and the ``finish`` barrier."""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"

FOLDER = DATA / "incremental"
APPEAL = ("The Valley Courier is owned by the people who read it.",
          "Every story here is reported by someone who lives in the valley.",
          "Keep the Courier on the doorstep.")
BACKGROUND = "The valley's only rail line was electrified in 2019."


def _ingest(cleaner, store, names, make_doc):
    ids = []
    for name in names:
        article = cleaner.clean(make_doc(FOLDER / name))
        store.put_article(article)
        ids.append(article.id)
    return ids


def _has_appeal(store, article_id):
    return any(line in store.get_article(article_id).body for line in APPEAL)


def test_appeal_repeated_in_third_article_is_removed_from_first_after_finish(cleaner, store, make_doc):
    first, third = _ingest(cleaner, store, ["1_bridge.txt", "3_school.txt"], make_doc)
    assert cleaner.finish() == []   # two stories: below the threshold for a cue-less block
    assert _has_appeal(store, first)
    (fourth,) = _ingest(cleaner, store, ["4_market.txt"], make_doc)
    assert not _has_appeal(store, fourth)          # cleaned when the count already stood at 3
    assert _has_appeal(store, first)               # not yet: earlier articles wait for the barrier
    changed = cleaner.finish()
    assert set(changed) == {first, third}
    assert not _has_appeal(store, first) and not _has_appeal(store, third)
    removed = [r for r in store.get_article(first).removed if r.signal == "repeat"]
    assert [r.text for r in removed] == list(APPEAL)
    assert "3 different articles of valleycourier.example" in removed[0].reason


def test_finish_is_idempotent(cleaner, store, make_doc):
    _ingest(cleaner, store, ["1_bridge.txt", "3_school.txt", "4_market.txt"], make_doc)
    assert cleaner.finish()
    bodies = {a.id: a.body for a in store.iter_articles()}
    assert cleaner.finish() == []
    assert {a.id: a.body for a in store.iter_articles()} == bodies


def test_two_copies_of_one_report_count_once(cleaner, store, make_doc):
    """1 and 2 share their opening paragraphs: with 3 they make two stories, not three."""
    ids = _ingest(cleaner, store, ["1_bridge.txt", "2_bridge_copy.txt", "3_school.txt"], make_doc)
    cleaner.finish()
    assert all(_has_appeal(store, i) for i in ids)
    shared = "Engineers replaced three of the five arches"
    assert shared in store.get_article(ids[0]).body and shared in store.get_article(ids[1]).body


def test_copies_keep_their_shared_body_when_the_appeal_goes(cleaner, store, make_doc):
    ids = _ingest(cleaner, store, ["1_bridge.txt", "2_bridge_copy.txt", "3_school.txt", "4_market.txt"], make_doc)
    cleaner.finish()
    for article_id in ids:
        assert not _has_appeal(store, article_id)
    for article_id in ids[:2]:
        body = store.get_article(article_id).body
        assert "Engineers replaced three of the five arches" in body
        assert "Local shops along the bridge road" in body


def test_background_sentence_between_body_paragraphs_stays(cleaner, store, make_doc):
    """Reused in three different reports, but it sits inside the body, not in a boilerplate run."""
    ids = _ingest(cleaner, store, ["1_bridge.txt", "3_school.txt", "4_market.txt"], make_doc)
    cleaner.finish()
    for article_id in ids:
        assert BACKGROUND in store.get_article(article_id).body


def test_repeats_are_counted_per_outlet(cleaner, store, make_doc):
    """The same appeal under another outlet's URL does not add to this outlet's count."""
    from newsline.records import RawDocument

    text = (FOLDER / "4_market.txt").read_text(encoding="utf-8").replace("valleycourier.example", "hillherald.example")
    other = RawDocument(source="other.txt", text=text, fmt="text", raw_sha="cd" * 32)
    first, _ = _ingest(cleaner, store, ["1_bridge.txt", "3_school.txt"], make_doc)
    article = cleaner.clean(other)
    store.put_article(article)
    cleaner.finish()
    assert article.outlet == "hillherald.example"
    assert _has_appeal(store, first) and APPEAL[0] in article.body


def test_unknown_outlet_counts_across_the_corpus(cleaner, store):
    """Without a URL the outlet is unknown; repeats are then counted over the whole corpus."""
    from newsline.records import RawDocument

    ids = []
    for k, name in enumerate(["1_bridge.txt", "3_school.txt", "4_market.txt"]):
        lines = (FOLDER / name).read_text(encoding="utf-8").splitlines()
        doc = RawDocument(source=name, text="\n".join(lines[:-1]), fmt="text", raw_sha=f"{k:02d}" * 32)
        article = cleaner.clean(doc)
        assert article.outlet is None
        store.put_article(article)
        ids.append(article.id)
    cleaner.finish()
    assert not any(_has_appeal(store, i) for i in ids)
    reason = next(r.reason for r in store.get_article(ids[0]).removed if r.signal == "repeat")
    assert "the corpus (outlet unknown)" in reason


def test_recleaning_keeps_fields_set_by_later_stages(cleaner, store, make_doc):
    from newsline.records import DateWindow, PublicationDate

    first, _ = _ingest(cleaner, store, ["1_bridge.txt", "3_school.txt"], make_doc)
    article = store.get_article(first)
    store.put_publication_date(first, PublicationDate(window=DateWindow("2024-05-01", "2024-05-10", "set by a later stage")))
    article.meta["origin"] = "cluster-1"
    store.update_article(article)
    _ingest(cleaner, store, ["4_market.txt"], make_doc)
    assert first in cleaner.finish()
    again = store.get_article(first)
    assert again.published_window.reason == "set by a later stage" and again.meta["origin"] == "cluster-1"


UPDATES = DATA / "updates"
FIRE_SHARED = ("The fire started shortly after midnight", "Crews from three stations fought the blaze",
               "The fish market was rebuilt in 2008")
HARBOUR_APPEAL = ("The Harbour Post is written and edited by people", "Every subscription pays for another hour")


def test_versions_with_a_rewritten_top_count_as_one_story(cleaner, store, make_doc):
    """Regression: three versions of one report whose openings differ made their shared paragraphs
    'repeated in 3 different articles', and the whole run of them left the body."""
    ids = []
    for path in sorted(UPDATES.glob("*.txt")):
        article = cleaner.clean(make_doc(path))
        store.put_article(article)
        ids.append(article.id)
    cleaner.finish()
    bodies = [store.get_article(i).body for i in ids]
    for body in bodies[:3]:
        assert all(line in body for line in FIRE_SHARED), body
        assert len(body.split("\n\n")) == 9
    for body in bodies:             # the appeal is in three different stories: it goes everywhere
        assert not any(line in body for line in HARBOUR_APPEAL), body


def test_result_does_not_depend_on_arrival_order(tmp_path, make_doc):
    """After ``finish`` every body is the same whatever order the articles came in."""
    import random

    from newsline.clean import Cleaner
    from newsline.store import SQLiteStore

    docs = [make_doc(p) for p in sorted(UPDATES.glob("*.txt")) + sorted(FOLDER.glob("*.txt"))]
    orders = [list(range(len(docs)))] + [random.Random(seed).sample(range(len(docs)), len(docs)) for seed in (1, 2, 3)]
    outcomes = set()
    for k, order in enumerate(orders):
        store = SQLiteStore(tmp_path / f"order{k}.db")
        cleaner = Cleaner(store)
        for i in order:
            store.put_article(cleaner.clean(docs[i]))
        cleaner.finish()
        outcomes.add(tuple(store.get_article(d.raw_sha[:16]).body for d in docs))
        store.close()
    assert len(outcomes) == 1
