"""The export carries each article's origin, copies and canonical copy; the bulk origin lookup
agrees with the one-article lookup."""
from __future__ import annotations

from newsline.dedup import update_duplicates
from newsline.export import build_export


def _corpus(store, add, stories):
    ids = add(("orig", stories["base"]), ("copy", stories["variants"]["quotes"]),
              ("wired", stories["negatives"][0], {"byline": "By Reuters"}), ("solo", stories["negatives"][1]))
    update_duplicates(store, ids)
    return ids


def test_export_has_origin_and_copies(store, add, stories):
    _corpus(store, add, stories)
    items = {a["id"]: a for a in build_export(store)["articles"]}
    assert (items["orig"]["origin"], items["orig"]["copies"]) == ("orig", ["copy"])
    assert (items["copy"]["origin"], items["copy"]["copies"]) == ("orig", ["orig"])
    assert items["orig"]["canonical"] == items["copy"]["canonical"]
    assert (items["wired"]["origin"], items["wired"]["copies"]) == ("wire:Reuters:wired", [])
    assert (items["solo"]["origin"], items["solo"]["canonical"]) == ("solo", "solo")


def test_bulk_origins_agree_with_origin_of(store, add, stories):
    ids = _corpus(store, add, stories)
    bulk = store.origins_of([*ids, "missing", "orig"])
    assert bulk == {aid: store.origin_of(aid)["origin"] for aid in ids}
    assert store.count_origins(ids) == 3
