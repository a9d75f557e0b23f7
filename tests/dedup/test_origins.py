"""Wire credits define an origin: copies of one text, and wire stories, count once."""
from __future__ import annotations

import pytest

from newsline.dedup import update_duplicates
from newsline.dedup.origins import article_wire, cluster_wire, wire_in


@pytest.mark.parametrize("fields,body,expected", [
    ({"byline": "By AFP"}, "Text.", "AFP"),
    ({"byline": "By [AFP](#)"}, "Text.", "AFP"),
    ({"byline": "Maria Lopez, Associated Press"}, "Text.", "AP"),
    ({"byline": "Staff and agencies"}, "Text.", None),
    ({"meta": {"wire": "Reuters"}}, "Text.", "Reuters"),
    ({"meta": {"wire": ["Agence France-Presse"]}}, "Text.", "AFP"),
    ({}, "KYIV, June 12 (Reuters) - Ukraine said on Thursday ...", "Reuters"),
    ({}, "Shares of Apple (AAPL) rose after the report, AP noted.", None),
    ({"byline": "By Paul Apfel"}, "Text.", None),         # "AP" inside a word is no credit
    ({"byline": "ap news desk"}, "Text.", None),          # short credits are case-sensitive
])
def test_article_wire(make, fields, body, expected):
    assert article_wire(make("x", body, **fields)) == expected


def test_wire_aliases_are_data():
    assert wire_in("Deutsche Presse-Agentur") == "dpa"
    assert cluster_wire(["AFP", None, "AFP", "Reuters"]) == "AFP"
    assert cluster_wire([None, None]) is None


def test_different_stories_of_one_agency_are_different_origins(store, add, stories):
    """Regression: five different AFP stories counted as one independent origin."""
    ids = add(("x", stories["base"], {"byline": "AFP"}),
              ("y", stories["negatives"][0], {"meta": {"wire": "AFP"}}),
              ("z", stories["negatives"][1], {"byline": "Agence France-Presse"}))
    update_duplicates(store, ids)
    origins = [store.origin_of(i)["origin"] for i in ids]
    assert origins == ["wire:AFP:x", "wire:AFP:y", "wire:AFP:z"]
    assert [store.origin_of(i)["wire"] for i in ids] == ["AFP"] * 3
    assert store.count_origins(ids) == 3


def test_copies_of_one_agency_story_are_one_origin(store, add, stories):
    ids = add(("x", stories["base"], {"byline": "AFP"}), ("y", stories["variants"]["headline"], {"byline": "AFP"}),
              ("z", stories["negatives"][1]))
    update_duplicates(store, ids)
    assert store.origin_of("x")["origin"] == store.origin_of("y")["origin"] == "wire:AFP:x"
    assert store.count_origins(ids) == 2


@pytest.mark.parametrize("origin,wire", [("wire:AFP:abc", "AFP"), ("wire:PA Media:x1", "PA Media"),
                                         ("abc", None), ("wire:", None)])
def test_origin_wire(origin, wire):
    from newsline.dedup.origins import origin_wire

    assert origin_wire(origin) == wire


def test_cluster_takes_the_wire_credit_of_a_member(store, add, stories):
    ids = add(("orig", stories["base"]), ("copy", stories["variants"]["headline"], {"byline": "By Reuters"}))
    update_duplicates(store, ids)
    info = store.origin_of("orig")
    assert info == {"origin": "wire:Reuters:orig", "cluster": "orig", "canonical": info["canonical"],
                    "copies": ["copy"], "wire": "Reuters"}
    assert store.count_origins(ids) == 1


def test_origin_of_unknown_and_single(store, add, stories):
    add(("solo", stories["base"]))
    update_duplicates(store, ["solo"])
    assert store.origin_of("missing") is None
    assert store.origin_of("solo") == {"origin": "solo", "cluster": None, "canonical": "solo",
                                       "copies": [], "wire": None}
