"""Metadata that flows between copies of one text: proposals, each with its reason.

Today that is the publication date. The duplicates stage only *proposes*, in rows of its own
(``store.put_date_proposals``, never the article's): a copy with no date of its own is offered
the date its copies agree on (date and reason ``"from its copy <name>"``); when copies disagree
nothing is proposed and the disagreement is recorded. The dating stage
(``newsline.dating.publication``) alone decides and writes dates: it takes a proposal, keeps a
refused conflict refused, and withdraws a copied date whose proposal is gone (the copy left the
cluster, or a second copy disagrees). Only an article's own date is offered to its copies - never
one copied or derived by the dating stage (``has_own_date``), so no value flows back to where it
came from.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..dating.publication import COPY_REASON, has_own_date
from ..records import Article
from .ports import DedupStore


def copy_label(article: Article) -> str:
    """How a reason names a copy: its file name without extension (``#record`` inside a
    container), or its id when it has no source path."""
    if not article.source or article.source == "-":
        return article.id
    stem = Path(article.source.split("?")[0].rstrip("/")).stem or article.id
    return f"{stem}#{article.record}" if article.record else stem


def _outside_window(article: Article, date: str) -> bool:
    window = article.published_window
    if window is None:
        return False
    return bool((window.earliest and date < window.earliest) or (window.latest and date > window.latest))


def _planned_date(article: Article, members: list[Article]) -> tuple[str | None, str | None, Any]:
    """(published, published_from, conflict record or None) that ``article`` should carry."""
    dated: dict[str, list[Article]] = {}
    for other in members:
        if other.id != article.id and has_own_date(other):
            dated.setdefault(other.published, []).append(other)
    if not dated:
        return None, None, None
    if len(dated) > 1:
        return None, None, [{"date": d, "copies": [copy_label(o) for o in copies]}
                            for d, copies in sorted(dated.items())]
    date, copies = next(iter(dated.items()))
    if _outside_window(article, date):
        window = article.published_window
        return None, None, [{"date": date, "copies": [copy_label(o) for o in copies],
                             "outside_window": [window.earliest, window.latest]}]
    return date, COPY_REASON + copy_label(copies[0]), None


def flow_dates(store: DedupStore, members: list[Article]) -> dict[str, int]:
    """Propose to undated members of one cluster (or a former member, alone) their copies' date.

    Writes the proposal or the conflict as this stage's rows (``store.put_date_proposals``);
    returns ``{"dated", "undated", "date_conflicts"}``: proposals made, proposals withdrawn,
    conflicts recorded."""
    counts = {"dated": 0, "undated": 0, "date_conflicts": 0}
    undated = [a for a in members if not has_own_date(a)]
    before = store.date_proposals([a.id for a in undated]) if undated else {}
    changed: dict[str, tuple[Any, Any]] = {}
    for article in undated:
        published, reason, conflict = _planned_date(article, members)
        proposal = {"date": published, "reason": reason} if published else None
        if conflict:
            counts["date_conflicts"] += 1
        old_proposal, old_conflict = before.get(article.id, (None, None))
        if (old_proposal, old_conflict) == (proposal, conflict):
            continue
        if proposal:
            counts["dated"] += 1
        elif old_proposal:
            counts["undated"] += 1
        changed[article.id] = (proposal, conflict)
    if changed:
        store.put_date_proposals(changed)
    return counts
