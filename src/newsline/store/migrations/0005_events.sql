-- Event mentions (per article) and merged events (corpus-wide), see newsline/events.
CREATE TABLE event_mentions (
    id            TEXT PRIMARY KEY,            -- "<article id>:<trigger start>"
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type          TEXT NOT NULL,
    mode          TEXT,
    context       TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    sent_start    INTEGER NOT NULL,
    sent_end      INTEGER NOT NULL,
    date          TEXT,
    date_window   TEXT,                        -- JSON DateWindow or NULL
    arguments     TEXT NOT NULL DEFAULT '[]',  -- JSON [EventArgument]
    event_id      TEXT
);
CREATE INDEX event_mentions_article ON event_mentions(article_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE events (
    id                  TEXT PRIMARY KEY,      -- "ev-" + hash of its earliest mention id, kept when mentions join
    type                TEXT NOT NULL,
    mode                TEXT,
    context             TEXT NOT NULL,
    date                TEXT,
    date_window         TEXT,
    sort_date           TEXT,                  -- date or window start, for ordering and filters
    place               TEXT,
    actors              TEXT NOT NULL DEFAULT '[]',
    quantities          TEXT NOT NULL DEFAULT '[]',
    sources             TEXT NOT NULL DEFAULT '[]',
    independent_origins INTEGER NOT NULL DEFAULT 0,
    mentions            TEXT NOT NULL DEFAULT '[]',
    disagreements       TEXT NOT NULL DEFAULT '[]',
    summary             TEXT NOT NULL DEFAULT '',
    details             TEXT NOT NULL DEFAULT '{}',
    updated_at          TEXT NOT NULL
);
CREATE INDEX events_sort_date ON events(sort_date);
CREATE INDEX events_type ON events(type);
