"""Commands that read the store: articles, show, timeline, export (lead-owned)."""
