"""Store methods for fingerprints, duplicate clusters and origins."""
from __future__ import annotations


class DedupStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""
