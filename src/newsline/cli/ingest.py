"""newsline ingest (lead-owned)."""
