"""Store methods for event mentions and merged events."""
from __future__ import annotations


class EventStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""
