"""Each kind of change an outlet makes to a syndicated copy still yields one cluster; independent
reports of the same event do not join it."""
from __future__ import annotations

import pytest

from newsline.dedup import DedupParams, update_duplicates
from newsline.dedup.cluster import elect_canonical
from newsline.dedup.shingles import shingle_hashes

KINDS = ["exact", "quotes", "rewrap", "boilerplate", "lead_trimmed", "headline", "sentence_edit"]


@pytest.mark.parametrize("kind", KINDS)
def test_copy_joins_its_original(store, add, stories, kind):
    ids = add(("orig", stories["base"]), ("copy", stories["variants"][kind]))
    counts = update_duplicates(store, ids)
    clusters = list(store.iter_clusters())
    assert counts["new_clusters"] == 1
    assert [sorted(c.members) for c in clusters] == [["copy", "orig"]]
    assert clusters[0].id == "orig"  # named after its first member


@pytest.mark.parametrize("index", [0, 1])
def test_same_event_other_report_stays_apart(store, add, stories, index):
    ids = add(("orig", stories["base"]), ("other", stories["negatives"][index]))
    update_duplicates(store, ids)
    assert list(store.iter_clusters()) == []
    assert store.count_origins(ids) == 2


def test_all_copies_form_one_cluster_and_one_origin(store, add, stories):
    items = [("orig", stories["base"])] + [(k, stories["variants"][k]) for k in KINDS]
    items += [(f"neg{i}", t) for i, t in enumerate(stories["negatives"])]
    ids = add(*items)
    update_duplicates(store, ids)
    (cluster,) = list(store.iter_clusters())
    assert sorted(cluster.members) == sorted(["orig", *KINDS])
    assert store.count_origins(ids) == 3


@pytest.mark.parametrize("kind,expected", [("exact", "exact"), ("quotes", "exact"), ("rewrap", "exact"),
                                           ("headline", "near"), ("boilerplate", "near"),
                                           ("excerpt", "contained")])
def test_pair_kind_says_how_they_match(store, add, stories, kind, expected):
    if kind == "excerpt":  # headline and first two paragraphs only: the copy lies inside the story
        copy = "\n\n".join(stories["base"].split("\n\n")[:3])
    else:
        copy = stories["variants"][kind]
    add(("orig", stories["base"]), ("copy", copy))
    update_duplicates(store, ["orig", "copy"])
    (pair,) = store.duplicate_pairs()
    assert pair.kind == expected


def test_short_text_does_not_match_by_containment(store, add, stories):
    """A one-line brief whose words all occur in a long story is not a copy of it."""
    ids = add(("orig", stories["base"]), ("brief", stories["short"]))
    update_duplicates(store, ids)
    assert store.duplicate_pairs() == []


@pytest.mark.parametrize("copies", [
    ["trim", "full"],                          # the extra paragraph is the lead: the full copy wins
    ["boiler", "full"],                        # the extra paragraphs are appeals: the clean copy wins
    ["trim", "boiler", "full"],
    ["boiler", "boiler_again", "trim", "full"],  # boilerplate two copies share is not "shared story"
])
def test_canonical_is_the_complete_clean_copy(store, add, stories, copies):
    """Whatever arrived first, the full clean text is the canonical copy; the cluster keeps the
    name of its first member."""
    v = stories["variants"]
    texts = {"trim": v["lead_trimmed"], "boiler": v["boilerplate"], "full": stories["base"],
             "boiler_again": v["boilerplate"].replace("\n\n", "\n")}
    ids = add(*[(name, texts[name]) for name in copies])
    update_duplicates(store, ids)
    (cluster,) = list(store.iter_clusters())
    assert (cluster.canonical, cluster.id) == ("full", copies[0])


@pytest.mark.parametrize("given", [(), ("full",), ("trim", "boiler", "boiler_again", "full")])
def test_canonical_is_the_same_with_the_shingle_sets_already_made(stories, given):
    """The duplicates stage hands the election the shingle sets its indexing made; with all,
    some or none of them the same copy wins (each copy is read against the others' pooled
    and backed shingles by lookup, not by scanning the pool)."""
    v = stories["variants"]
    texts = {"trim": v["lead_trimmed"], "boiler": v["boilerplate"], "full": stories["base"],
             "boiler_again": v["boilerplate"].replace("\n\n", "\n")}
    params = DedupParams()
    members = list(texts)
    shingled = {m: shingle_hashes(texts[m], params.shingle) for m in given}
    seq = {m: i for i, m in enumerate(members)}
    assert elect_canonical(members, texts, params, lambda m: 0, seq, shingled=shingled) == "full"
    assert elect_canonical(members[::-1], texts, params, lambda m: 0, seq, shingled=shingled) == "full"


def test_exact_copies_prefer_the_one_with_more_metadata(store, add, stories):
    ids = add(("bare", stories["base"]),
              ("dated", stories["variants"]["quotes"], {"published": "2025-06-12", "byline": "AFP"}))
    update_duplicates(store, ids)
    (cluster,) = list(store.iter_clusters())
    assert (cluster.canonical, cluster.id) == ("dated", "bare")


@pytest.mark.parametrize("verify", ["exact", "minhash"])
def test_empty_bodies_are_nobodys_copies(store, add, stories, verify):
    """Regression: empty texts have equal (all-max) signatures, so MinHash called them copies."""
    ids = add(("e1", ""), ("e2", "  \n "), ("e3", "— ”"), ("orig", stories["base"]))
    counts = update_duplicates(store, ids, params=DedupParams(verify=verify))
    assert counts["pairs"] == 0 and list(store.iter_clusters()) == []
