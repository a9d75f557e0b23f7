-- Duplicates: MinHash signatures, LSH band buckets, judged copy pairs, clusters, members, wire credits.
CREATE TABLE dedup_signatures (
    num        INTEGER PRIMARY KEY,        -- compact key used by the band buckets
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,              -- shingling / signature settings it was made with
    size       INTEGER NOT NULL,           -- distinct shingles
    body_key   TEXT NOT NULL,              -- hash of the normal form (exact copies)
    hashvalues BLOB NOT NULL               -- num_perm little-endian uint32
);
CREATE INDEX dedup_signatures_body_key ON dedup_signatures(body_key);

CREATE TABLE dedup_bands (
    key INTEGER NOT NULL,                  -- 63-bit hash of (band number, band values)
    num INTEGER NOT NULL REFERENCES dedup_signatures(num) ON DELETE CASCADE,
    PRIMARY KEY (key, num)
) WITHOUT ROWID;
CREATE INDEX dedup_bands_num ON dedup_bands(num);

CREATE TABLE dedup_pairs (
    a           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,             -- exact, near, contained
    jaccard     REAL NOT NULL,
    containment REAL NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX dedup_pairs_b ON dedup_pairs(b);

CREATE TABLE dedup_clusters (
    id        TEXT PRIMARY KEY,            -- id of the first member (merges keep the older id)
    canonical TEXT NOT NULL,
    origin    TEXT NOT NULL,               -- the cluster id, or "wire:AFP" …
    wire      TEXT,
    size      INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE dedup_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES dedup_clusters(id) ON DELETE CASCADE
);
CREATE INDEX dedup_members_cluster ON dedup_members(cluster_id);

CREATE TABLE dedup_wires (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    wire       TEXT NOT NULL
);
