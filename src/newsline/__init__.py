"""newsline: a pile of news articles in, a deduplicated, source-attributed timeline of events out."""
__version__ = "0.1.0"
EXPORT_SCHEMA_VERSION = "1.0"
