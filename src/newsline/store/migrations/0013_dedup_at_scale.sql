-- The duplicates stage at scale.
-- Which signatures were made with other settings than today's (params.json changed) is asked at
-- every run: indexed by tag, that is a range read of those rows alone, not a scan of them all.
CREATE INDEX dedup_signatures_tag ON dedup_signatures(tag);

-- Each signature keeps its text's shingle set (sorted distinct uint32, little-endian): a new
-- article's candidates are verified against their stored sets instead of having their bodies
-- read and shingled again. A signature made before this table gets its set the first time it
-- is verified. A table of its own, so the signatures' rows (read at every band lookup) stay small.
CREATE TABLE dedup_shingles (
    num    INTEGER PRIMARY KEY REFERENCES dedup_signatures(num) ON DELETE CASCADE,
    hashes BLOB NOT NULL
);
