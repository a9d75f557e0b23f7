"""Metadata that flows between copies of one text, each value with its reason.

Today that is the publication date: a copy with no date of its own takes the date its copies
agree on, with ``published_from = "from its copy <name>"``. A date the article has itself is
never overwritten; when copies disagree nothing is picked and the disagreement is recorded in
``meta["published_conflict"]``. A date that came from a copy is withdrawn when that copy no
longer backs it (it left the cluster, or a second copy disagrees).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..records import Article

COPY_REASON = "from its copy "
CONFLICT_KEY = "published_conflict"


def copy_label(article: Article) -> str:
    """How a reason names a copy: its file name without extension (``#record`` inside a
    container), or its id when it has no source path."""
    if not article.source or article.source == "-":
        return article.id
    stem = Path(article.source.split("?")[0].rstrip("/")).stem or article.id
    return f"{stem}#{article.record}" if article.record else stem


def has_own_date(article: Article) -> bool:
    return bool(article.published) and not (article.published_from or "").startswith(COPY_REASON)


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


def flow_dates(store: Any, members: list[Article]) -> dict[str, int]:
    """Give undated members of one cluster (or a former member, alone) their copies' date.

    Writes through ``store.update_article``; returns ``{"dated", "undated", "date_conflicts"}``.
    """
    counts = {"dated": 0, "undated": 0, "date_conflicts": 0}
    for article in members:
        if has_own_date(article):
            continue
        published, reason, conflict = _planned_date(article, members)
        unchanged = (article.published, article.published_from) == (published, reason) \
            and article.meta.get(CONFLICT_KEY) == conflict
        if conflict:
            counts["date_conflicts"] += 1
        if unchanged:
            continue
        if published:
            counts["dated"] += 1
        elif article.published:
            counts["undated"] += 1
        article.published, article.published_from = published, reason
        if conflict:
            article.meta[CONFLICT_KEY] = conflict
        else:
            article.meta.pop(CONFLICT_KEY, None)
        store.update_article(article)
    return counts
