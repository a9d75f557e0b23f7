"""Adding articles updates clusters without redoing the corpus; cluster ids stay stable."""
from __future__ import annotations

from newsline.dedup import DedupParams, Fingerprinter, update_duplicates


def _clusters(store) -> dict[str, list[str]]:
    return {c.id: sorted(c.members) for c in store.iter_clusters()}


def test_late_copies_join_the_cluster_of_the_first(store, add, stories):
    v = stories["variants"]
    update_duplicates(store, add(("first", stories["base"]), ("other", stories["negatives"][1])))
    assert _clusters(store) == {}
    counts = update_duplicates(store, add(("second", v["quotes"])))
    assert counts["fingerprinted"] == 1 and counts["new_clusters"] == 1
    counts = update_duplicates(store, add(("third", v["headline"])))
    assert counts == {**counts, "fingerprinted": 1, "new_clusters": 0, "joined": 1}
    assert _clusters(store) == {"first": ["first", "second", "third"]}


def test_merging_two_clusters_keeps_the_older_id(store, add, stories):
    story_b = stories["negatives"][1]
    update_duplicates(store, add(("a1", stories["base"]), ("a2", stories["variants"]["rewrap"])))
    update_duplicates(store, add(("b1", story_b), ("b2", story_b.replace("\n\n", "\n"))))
    assert _clusters(store) == {"a1": ["a1", "a2"], "b1": ["b1", "b2"]}
    # A page carrying both stories in full: each story lies inside it, so it bridges the clusters.
    counts = update_duplicates(store, add(("page", stories["base"] + "\n\n" + story_b)))
    assert counts["merged"] == 1
    assert _clusters(store) == {"a1": ["a1", "a2", "b1", "b2", "page"]}


def test_copies_added_one_by_one_cluster_as_all_at_once(store, make, stories, tmp_path):
    """New articles joining stored clusters are clustered from their own pairs and the stored
    clusters taken whole (no pair inside a cluster is read again): the clusters, canonical
    copies and pairs are those of one run over everything, whatever the order of arrival."""
    from newsline.store import SQLiteStore

    v = stories["variants"]
    items = [("orig", stories["base"]), *((k, v[k]) for k in ("boilerplate", "lead_trimmed", "headline")),
             ("neg", stories["negatives"][0]), *((k, v[k]) for k in ("quotes", "sentence_edit", "rewrap"))]

    def state(s) -> tuple:
        return ([(c.id, c.canonical, sorted(c.members)) for c in s.iter_clusters()], s.duplicate_pairs())

    with SQLiteStore(tmp_path / "once.db") as once:
        for aid, text in items:
            once.put_article(make(aid, text))
        update_duplicates(once, [aid for aid, _ in items])
        expected = state(once)
    for aid, text in items:
        store.put_article(make(aid, text))
        update_duplicates(store, [aid])
    assert state(store) == expected and len(expected[0][0][2]) == 7


def test_candidates_are_verified_against_their_stored_shingle_sets(store, add, stories):
    """A candidate's shingle set is read from the store (kept with its signature), or, for a
    signature stored before sets were kept, made from its body and kept: the pairs are the same."""
    v = stories["variants"]
    update_duplicates(store, add(("orig", stories["base"]), ("neg", stories["negatives"][0])))
    tag = DedupParams().tag
    kept = store.stored_shingles(["orig", "neg"], tag)
    assert set(kept) == {"orig", "neg"}
    store.db.execute("DELETE FROM dedup_shingles")          # as in a store made before the sets
    update_duplicates(store, add(("copy", v["quotes"])))
    assert [(p.a, p.b) for p in store.duplicate_pairs()] == [("copy", "orig")]
    again = store.stored_shingles(["orig", "copy"], tag)
    assert set(again) == {"orig", "copy"} and (again["orig"] == kept["orig"]).all()
    update_duplicates(store, add(("copy2", v["headline"])))
    assert {(p.a, p.b) for p in store.duplicate_pairs()} == {("copy", "orig"), ("copy", "copy2"), ("copy2", "orig")}


def test_running_again_changes_nothing(store, add, stories):
    ids = add(("a", stories["base"]), ("b", stories["variants"]["sentence_edit"]),
              ("c", stories["negatives"][0]))
    update_duplicates(store, ids)
    before = (_clusters(store), store.duplicate_pairs())
    counts = update_duplicates(store, ids)
    assert (_clusters(store), store.duplicate_pairs()) == before
    assert counts["new_clusters"] == 0 and counts["merged"] == 0


def test_recleaned_article_leaves_its_cluster(store, add, stories):
    v = stories["variants"]
    update_duplicates(store, add(("orig", stories["base"]), ("c1", v["quotes"]), ("c2", v["headline"])))
    article = store.get_article("orig")
    article.body = stories["negatives"][1]  # the cleaning stage rewrote it into another text
    store.update_article(article)
    update_duplicates(store, ["orig"])
    assert _clusters(store) == {"c1": ["c1", "c2"]}
    assert store.origin_of("orig")["cluster"] is None


def test_changed_settings_refingerprint_everything(store, add, stories):
    ids = add(("a", stories["base"]), ("b", stories["variants"]["quotes"]))
    update_duplicates(store, ids)
    counts = update_duplicates(store, [], params=DedupParams(shingle=4))
    assert counts["stale"] == 2 and counts["fingerprinted"] == 2
    assert _clusters(store) == {"a": ["a", "b"]}


def test_stale_signatures_are_those_of_any_other_tag(store, add, stories):
    """The stale signatures are read by a range on the tag index (below and above today's
    tag): tags that sort on either side of it are both found, today's never."""
    today = DedupParams()
    ids = add(("a", stories["base"]), ("b", stories["negatives"][0]), ("c", stories["negatives"][1]))
    tags = [today.tag, DedupParams(shingle=today.shingle - 1).tag, DedupParams(shingle=today.shingle + 1).tag]
    assert min(tags[1:]) < today.tag < max(tags[1:])
    fpr = Fingerprinter(today)
    for aid, tag in zip(ids, tags):
        fp = fpr.fingerprint(aid, store.get_article(aid).body)
        store.put_fingerprints([(fp, fpr.band_keys(fp.hashvalues))], tag)
    assert store.stale_fingerprints(today.tag) == {"b", "c"}
    counts = update_duplicates(store, [])
    assert counts["stale"] == 2 and counts["fingerprinted"] == 2
    assert store.stale_fingerprints(today.tag) == set()


def test_ingest_in_steps_keeps_the_cluster_id(store, stories, tmp_path):
    """Through the real pipeline: each later ingest only fingerprints its new file, and the
    cluster keeps the id of the article that was there first."""
    from newsline.api import ingest

    def ingest_text(name: str, text: str) -> str:
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        (new_id,) = ingest([str(path)], db=store, language=False, events=False).new_ids
        return new_id

    v = stories["variants"]
    first = ingest_text("first", v["lead_trimmed"])
    ingest_text("other", stories["negatives"][0])
    second = ingest_text("second", stories["base"])
    (cluster,) = store.iter_clusters()
    # The full copy arriving later becomes the canonical one; the name stays with the first.
    assert (cluster.id, cluster.canonical, sorted(cluster.members)) == (first, second, sorted([first, second]))
    third = ingest_text("third", v["boilerplate"])
    (cluster,) = store.iter_clusters()
    assert (cluster.id, cluster.canonical) == (first, second)
    assert sorted(cluster.members) == sorted([first, second, third])
