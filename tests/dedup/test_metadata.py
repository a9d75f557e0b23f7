"""Dates flow from a copy to an undated copy, with the reason; own dates are never overwritten."""
from __future__ import annotations

from newsline.dedup import update_duplicates
from newsline.records import DateWindow

OWN = {"published": "2025-06-12", "published_from": "dateline"}


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
    assert article.meta["published_conflict"] == [{"date": "2025-06-12", "copies": ["x"]},
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
    assert len(article.meta["published_conflict"]) == 2


def test_date_outside_the_articles_window_is_not_taken(store, add, stories):
    window = DateWindow(earliest="2025-07-01", latest="2025-07-31", reason="mentions July events")
    add(("undated", stories["base"], {"published_window": window}), ("x", stories["variants"]["quotes"], OWN))
    update_duplicates(store, ["undated", "x"])
    article = store.get_article("undated")
    assert article.published is None
    assert article.meta["published_conflict"][0]["outside_window"] == ["2025-07-01", "2025-07-31"]
