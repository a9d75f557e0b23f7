-- One owner per value: an article's publication date is the dating stage's record, kept here
-- and never in the article's row (which reading and cleaning write), and the duplicates stage's
-- proposals about it are that stage's rows, not keys in the article's metadata.
CREATE TABLE publication_dates (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    day         TEXT,                        -- ISO date, only when evidence fixes it
    reason      TEXT,                        -- why that day
    date_window TEXT,                        -- JSON DateWindow when no one day is known
    basis       TEXT,                        -- 'stated', 'copy' or 'corpus'; NULL without a day
    set_aside   TEXT NOT NULL DEFAULT '[]'   -- JSON: stated candidates that disagreed
) WITHOUT ROWID;
INSERT INTO publication_dates (article_id, day, reason, date_window, basis, set_aside)
    SELECT id, published, published_from, published_window,
           CASE WHEN published IS NULL THEN NULL
                WHEN published_from LIKE 'from its copy %' THEN 'copy'
                WHEN published_from LIKE 'dated from the corpus: %' THEN 'corpus'
                ELSE 'stated' END,
           COALESCE(json_extract(meta, '$.published_conflicts'), '[]')
    FROM articles;
CREATE INDEX publication_dates_day ON publication_dates(day);
CREATE INDEX publication_dates_undated ON publication_dates(article_id) WHERE day IS NULL;
CREATE INDEX publication_dates_copied ON publication_dates(article_id) WHERE basis = 'copy';

-- What the duplicates stage offers an undated copy: the date its copies agree on, or their
-- disagreement (which the dating stage keeps refused). One row per article with either.
CREATE TABLE date_proposals (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    proposal   TEXT,                         -- JSON {"date", "reason"} or NULL
    conflict   TEXT                          -- JSON [{"date", "copies", ...}] or NULL
) WITHOUT ROWID;
INSERT INTO date_proposals (article_id, proposal, conflict)
    SELECT id, json_extract(meta, '$.published_proposal'), json_extract(meta, '$.published_conflict')
    FROM articles
    WHERE json_extract(meta, '$.published_proposal') IS NOT NULL
       OR json_extract(meta, '$.published_conflict') IS NOT NULL;

UPDATE articles SET meta = json_remove(meta, '$.published_conflicts', '$.published_proposal',
                                       '$.published_conflict', '$.from.published');
DROP INDEX articles_published;
DROP INDEX articles_undated;
ALTER TABLE articles DROP COLUMN published;
ALTER TABLE articles DROP COLUMN published_from;
ALTER TABLE articles DROP COLUMN published_window;
