-- Core tables: articles (content-hash keyed), where each was seen, and rejected input.
CREATE TABLE articles (
    id               TEXT PRIMARY KEY,     -- content hash of the raw record
    source           TEXT NOT NULL,        -- the path or URL as first given
    fmt              TEXT NOT NULL,
    record           TEXT NOT NULL DEFAULT '',
    raw              TEXT NOT NULL,
    body             TEXT NOT NULL,
    title            TEXT,
    standfirst       TEXT,
    published        TEXT,
    published_from   TEXT,
    published_window TEXT,                 -- JSON DateWindow or NULL
    outlet           TEXT,
    outlet_from      TEXT,
    byline           TEXT,
    url              TEXT,
    language         TEXT,
    links            TEXT NOT NULL DEFAULT '[]',
    removed          TEXT NOT NULL DEFAULT '[]',
    meta             TEXT NOT NULL DEFAULT '{}',
    seq              INTEGER NOT NULL,     -- ingest order, stable
    ingested_at      TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    record     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, source, record)
);

CREATE TABLE rejects (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    step       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    record     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (source, step, reason, record)
);
