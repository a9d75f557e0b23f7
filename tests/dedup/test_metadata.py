"""Dates flow from a copy to an undated copy, with the reason; own dates are never overwritten.
The duplicates stage proposes, the dating stage (``date_from_copies``) decides."""
from __future__ import annotations

from newsline.dedup import update_duplicates as _update
from newsline.dating.corpus import date_from_copies
from newsline.records import DateWindow


def update_duplicates(store, ids):
    """The duplicates stage, then the dating stage's decision, as ``ingest`` runs them."""
    counts = _update(store, ids)
    date_from_copies(store)
    return counts

OWN = {"published": "2025-06-12", "published_from": "dateline"}


def conflict(store, article_id):
    """The disagreement between copies the duplicates stage recorded for one article (its row)."""
    return store.date_proposals([article_id]).get(article_id, (None, None))[1]


def test_undated_copy_takes_the_date_of_its_copy(store, add, stories):
    add(("undated", stories["base"]), ("dated", stories["variants"]["headline"], OWN))
    counts = update_duplicates(store, ["undated", "dated"])
    article = store.get_article("undated")
    assert (article.published, article.published_from) == ("2025-06-12", "from its copy dated")
    assert counts["dated"] == 1


def test_own_date_is_never_overwritten(store, add, stories):
    add(("a", stories["base"], {"published": "2025-06-11", "published_from": "url path"}),
        ("b", stories["variants"]["quotes"], OWN))
    update_duplicates(store, ["a", "b"])
    assert store.get_article("a").published == "2025-06-11"
    assert store.get_article("b").published == "2025-06-12"


def test_disagreeing_copies_are_recorded_not_picked(store, add, stories):
    add(("undated", stories["base"]),
        ("x", stories["variants"]["quotes"], OWN),
        ("y", stories["variants"]["headline"], {"published": "2025-06-13", "published_from": "meta"}))
    counts = update_duplicates(store, ["undated", "x", "y"])
    article = store.get_article("undated")
    assert article.published is None
    assert conflict(store, article.id) == [{"date": "2025-06-12", "copies": ["x"]},
                                                  {"date": "2025-06-13", "copies": ["y"]}]
    assert counts["date_conflicts"] == 1


def test_copied_date_is_withdrawn_when_a_later_copy_disagrees(store, add, stories):
    add(("undated", stories["base"]), ("x", stories["variants"]["quotes"], OWN))
    update_duplicates(store, ["undated", "x"])
    assert store.get_article("undated").published == "2025-06-12"
    add(("y", stories["variants"]["rewrap"], {"published": "2025-06-20", "published_from": "meta"}))
    update_duplicates(store, ["y"])
    article = store.get_article("undated")
    assert article.published is None and article.published_from is None
    assert len(conflict(store, article.id)) == 2


def test_date_outside_the_articles_window_is_not_taken(store, add, stories):
    window = DateWindow(earliest="2025-07-01", latest="2025-07-31", reason="mentions July events")
    add(("undated", stories["base"], {"published_window": window}), ("x", stories["variants"]["quotes"], OWN))
    update_duplicates(store, ["undated", "x"])
    article = store.get_article("undated")
    assert article.published is None
    assert conflict(store, article.id)[0]["outside_window"] == ["2025-07-01", "2025-07-31"]


def test_regression_a_refused_copy_conflict_stays_refused(store, add, stories):
    """Issue 10: the duplicates stage refused to choose between two copies' dates, then the
    dating stage took the first copy's date anyway, and from then on the duplicates stage treated
    that date as the article's own and offered it to other copies."""
    from newsline.dating.corpus import date_articles

    add(("undated", stories["base"]),
        ("x", stories["variants"]["quotes"], OWN),
        ("y", stories["variants"]["headline"], {"published": "2025-06-13", "published_from": "meta"}))
    update_duplicates(store, ["undated", "x", "y"])
    date_articles(store)                          # the whole dating stage, shared events and all
    article = store.get_article("undated")
    assert article.published is None and len(conflict(store, article.id)) == 2
    add(("late", stories["variants"]["rewrap"]))    # an undated copy arrives later
    update_duplicates(store, ["late"])
    date_articles(store)
    for aid in ("undated", "late"):
        article = store.get_article(aid)
        assert article.published is None, aid
        assert {c["date"] for c in conflict(store, article.id)} == {"2025-06-12", "2025-06-13"}


def test_a_date_the_dating_stage_derived_is_never_offered_to_copies(store, add, stories):
    from newsline.dating.publication import DERIVED_REASON, has_own_date

    add(("derived", stories["base"], {"published": "2025-06-12",
                                      "published_from": DERIVED_REASON + "'last week' is 2025-06-05"}),
        ("undated", stories["variants"]["quotes"]))
    update_duplicates(store, ["derived", "undated"])
    assert not has_own_date(store.get_article("derived"))
    assert store.get_article("undated").published is None
