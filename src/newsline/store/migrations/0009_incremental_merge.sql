-- An incremental merge reads only the events a new report can join: the events each article
-- reports (to take an article's old mentions out of them) and the events filed under each
-- blocking key (type family x month, or family x actor/place/lemma for undated reports; see
-- newsline.events.cluster.BlockingIndex). Both are written with the events by the merge.
CREATE TABLE event_articles (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id)
) WITHOUT ROWID;
CREATE INDEX event_articles_event ON event_articles(event_id);
INSERT OR IGNORE INTO event_articles (article_id, event_id)
    SELECT j.value, e.id FROM events e, json_each(e.sources) j;

-- filled by the next merge: a store whose events have no keys is merged in full once
CREATE TABLE event_keys (
    key      TEXT NOT NULL,
    event_id TEXT NOT NULL,
    at       INTEGER NOT NULL DEFAULT 0,     -- the event's latest article (ingest seq): an
                                             -- attribute key offers its most recent events
    PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
CREATE INDEX event_keys_event ON event_keys(event_id);
CREATE INDEX event_keys_recent ON event_keys(key, at);

-- The document frequencies the event matcher's TF-IDF weights come from (coref.ContextIndex),
-- over the articles the merge clusters, so an incremental merge weighs words as a full one does:
-- each article's distinct terms (to take them out again when it changes) and the counts.
CREATE TABLE merge_docs (
    article_id TEXT PRIMARY KEY,
    terms      TEXT NOT NULL                 -- distinct terms, space-separated
) WITHOUT ROWID;
CREATE TABLE merge_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;

-- Dating reads the undated articles and, for each, the dated reports of its type families.
CREATE INDEX articles_undated ON articles(seq) WHERE published IS NULL;
CREATE INDEX event_mentions_type_date ON event_mentions(type, date);
