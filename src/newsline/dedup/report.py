"""The duplicates stage's result for people and programs: clusters, copies, origins, pairs.

``duplicates_report(store)`` is what ``newsline duplicates`` and ``newsline.api.duplicates`` show:
each cluster with its origin and canonical copy, every member with its date (and the reason for
it) and the judged pair that put it in the cluster, every judged pair, and the number of
independent origins among all stored articles.
"""
from __future__ import annotations

from typing import Any

from .origins import origin_wire
from .ports import DedupStore

__all__ = ["duplicates_report", "member_match"]


def _pair_json(p: Any) -> dict[str, Any]:
    return {"a": p.a, "b": p.b, "kind": p.kind, "jaccard": p.jaccard, "containment": p.containment}


def member_match(member: str, canonical: str, pairs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Why ``member`` is in its cluster: its pair with the canonical copy when it has one, else
    its most similar judged pair (a member can join through another copy). None for the
    canonical itself."""
    if member == canonical:
        return None
    mine = [p for p in pairs if member in (p["a"], p["b"])]
    if not mine:
        return None
    best = max(mine, key=lambda p: (canonical in (p["a"], p["b"]), p["jaccard"], p["containment"]))
    other = best["b"] if best["a"] == member else best["a"]
    return {"with": other, "kind": best["kind"], "jaccard": best["jaccard"], "containment": best["containment"]}


def _member_json(article: Any, canonical: str, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": article.id, "source": article.source, "title": article.title,
            "outlet": article.outlet, "published": article.published,
            "published_from": article.published_from, "canonical": article.id == canonical,
            "match": member_match(article.id, canonical, pairs)}


def duplicates_report(store: DedupStore) -> dict[str, Any]:
    """``{"articles", "origins", "clusters", "pairs"}`` for the whole store."""
    pairs = [_pair_json(p) for p in store.duplicate_pairs()]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for p in pairs:
        by_article.setdefault(p["a"], []).append(p)
        by_article.setdefault(p["b"], []).append(p)
    clusters = []
    for cluster in store.iter_clusters():
        members = [_member_json(a, cluster.canonical, by_article.get(a.id, []))
                   for a in store.iter_articles(cluster.members)]
        wire = origin_wire(cluster.origin)
        clusters.append({"id": cluster.id, "origin": cluster.origin, "wire": wire,
                         "canonical": cluster.canonical, "size": len(cluster.members), "members": members})
    ids = store.article_ids()
    return {"articles": len(ids), "origins": store.count_origins(ids), "clusters": clusters, "pairs": pairs}
