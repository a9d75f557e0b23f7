-- Full-text search (newsline serve / newsline.api.search): FTS5 indexes over article titles and
-- bodies and over the evidence sentence of every event mention, kept up to date by triggers so
-- every write path (ingest, re-cleaning, re-extraction) updates them in its own transaction.
-- Plus an index that serves the timeline's keyset paging (undated events last, then by id).
CREATE VIRTUAL TABLE fts_articles USING fts5(
    title, body, content='articles', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO fts_articles(fts_articles) VALUES ('rebuild');

CREATE TRIGGER fts_articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO fts_articles(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER fts_articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO fts_articles(fts_articles, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER fts_articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO fts_articles(fts_articles, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO fts_articles(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

-- One row per mention (rowid = event_mentions.rowid): the sentence that carries it.
CREATE VIRTUAL TABLE fts_mentions USING fts5(
    sentence, tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO fts_mentions(rowid, sentence)
    SELECT m.rowid, substr(a.body, m.sent_start + 1, m.sent_end - m.sent_start)
    FROM event_mentions m JOIN articles a ON a.id = m.article_id;

CREATE TRIGGER fts_mentions_ai AFTER INSERT ON event_mentions BEGIN
    INSERT INTO fts_mentions(rowid, sentence)
        SELECT new.rowid, substr(body, new.sent_start + 1, new.sent_end - new.sent_start)
        FROM articles WHERE id = new.article_id;
END;
CREATE TRIGGER fts_mentions_ad AFTER DELETE ON event_mentions BEGIN
    DELETE FROM fts_mentions WHERE rowid = old.rowid;
END;

CREATE INDEX serve_events_order ON events(COALESCE(sort_date, '~'), id);
