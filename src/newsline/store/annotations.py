"""Store methods for language-layer annotations (entities, time expressions, quantities, quotes)."""
from __future__ import annotations


class AnnotationStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""
