"""Store methods for boilerplate statistics (lines repeated across an outlet's articles)."""
from __future__ import annotations


class CleaningStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""
