-- The language layer's annotations (newsline/nlp): one row per annotated article plus one table per
-- kind of span. Offsets index articles.body (end exclusive). Rewritten whole per article.
CREATE TABLE ann_articles (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sentences    TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end], ...]
    counts       TEXT NOT NULL DEFAULT '{}',   -- JSON {"entities": n, ...}
    annotated_at TEXT NOT NULL
);

CREATE TABLE ann_entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    span_label TEXT NOT NULL,
    label      TEXT NOT NULL,
    canonical  TEXT NOT NULL,
    kind       TEXT NOT NULL                   -- name, nominal, pronoun
);
CREATE INDEX ann_entities_article ON ann_entities(article_id, start_char);
CREATE INDEX ann_entities_canonical ON ann_entities(canonical);

CREATE TABLE ann_timexes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    span_label TEXT NOT NULL,
    kind       TEXT NOT NULL,                  -- DATE, TIME, DURATION, SET
    value      TEXT,
    earliest   TEXT,
    latest     TEXT,
    relative   TEXT,                           -- JSON or NULL
    anchor     TEXT
);
CREATE INDEX ann_timexes_article ON ann_timexes(article_id, start_char);
CREATE INDEX ann_timexes_value ON ann_timexes(value);

CREATE TABLE ann_quantities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    span_label TEXT NOT NULL,
    value      REAL,                           -- NULL for an undisclosed count
    noun       TEXT,
    qualifier  TEXT NOT NULL,
    scope      TEXT,
    kind       TEXT NOT NULL
);
CREATE INDEX ann_quantities_article ON ann_quantities(article_id, start_char);

CREATE TABLE ann_quotes (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    span_label    TEXT NOT NULL,
    kind          TEXT NOT NULL,               -- direct, reported
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_label TEXT,
    cue           TEXT
);
CREATE INDEX ann_quotes_article ON ann_quotes(article_id, start_char);
CREATE INDEX ann_quotes_speaker ON ann_quotes(speaker);
