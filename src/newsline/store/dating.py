"""The dating stage's queries: which articles have no publication day, and which carry a
proposal about one. The stage owns what the reasons and keys mean; these queries take them as
arguments, so the store holds no dating rule."""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DatingStoreMixin"]


def _literal(text: str) -> str:
    """``text`` for a LIKE pattern with ``\\`` as the escape: its ``%`` and ``_`` match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class DatingStoreMixin:
    """Article-date queries for ``newsline.dating`` (mixed into :class:`SQLiteStore`)."""

    db: object

    def undated_article_ids(self, *, windowed: bool = False) -> list[str]:
        """Articles (ingest order) with no publication day; ``windowed``: only those the dating
        stage has given a window."""
        extra = " AND published_window IS NOT NULL" if windowed else ""
        return [r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE published IS NULL{extra} ORDER BY seq")]

    def articles_dated_or_flagged(self, *, reason_prefix: str, meta_keys: Iterable[str]) -> list[str]:
        """Articles (ingest order) whose date's reason starts with ``reason_prefix`` or whose
        metadata holds one of ``meta_keys``."""
        keys = list(meta_keys)
        where = " OR ".join(["published_from LIKE ? ESCAPE '\\'"] + ["meta LIKE ? ESCAPE '\\'"] * len(keys))
        params = [_literal(reason_prefix) + "%", *(f'%"{_literal(k)}"%' for k in keys)]
        return [r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE {where} ORDER BY seq", params)]
