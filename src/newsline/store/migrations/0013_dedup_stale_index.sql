-- The duplicates stage asks, at every run, which signatures were made with other settings than
-- today's (params.json changed): indexed by tag, that is a range read of those rows alone, not a
-- scan of every article's signature.
CREATE INDEX dedup_signatures_tag ON dedup_signatures(tag);
