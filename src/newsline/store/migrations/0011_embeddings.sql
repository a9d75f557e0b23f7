-- The semantic extra's sentence and trigger vectors, computed once per mention text and read
-- back by later merges (an incremental merge compares new reports with stored events whose
-- mentions it would otherwise embed again). Keyed by a digest of the encoder and the text the
-- vectors come from, so copies of one sentence share a row and an edited article never reads a
-- stale vector. Written only with the semantic extra installed.
CREATE TABLE embeddings (
    key     TEXT PRIMARY KEY,
    vectors BLOB NOT NULL                    -- float16: the sentence vector, then the trigger's
) WITHOUT ROWID;
