-- What is left to do, read in proportion to what is left, not to the store.
--
-- Every run asks, for each stage, which articles still need it: those with no row for the stage,
-- a row of another version, or a failed row. Until this migration that was an anti-join over
-- every article, at every barrier and step of every run (0.2 s a run at 30k articles, growing
-- with the store). Now each part is a range read:

-- (1) a row of another version, or a failed one: two ranges of this index around the version.
CREATE INDEX article_stages_version ON article_stages(stage, status, version);

-- (2) no row at all. `stage_cursors` holds, for each stage, the highest article seq already
-- looked at: every article at or below it has a row for the stage, or is listed in
-- `stage_missing`. A run looks only above the cursor (the articles stored since), lists what has
-- no row there, and moves the cursor up. A row that appears takes its article off the list; a
-- row that is deleted (the article's input changed: `reset_stages`) puts it back.
CREATE TABLE stage_cursors (
    stage TEXT PRIMARY KEY,
    seq   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE stage_missing (
    stage      TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (stage, article_id)
) WITHOUT ROWID;
CREATE INDEX stage_missing_article ON stage_missing(article_id);

CREATE TRIGGER stage_row_added AFTER INSERT ON article_stages BEGIN
    DELETE FROM stage_missing WHERE stage = NEW.stage AND article_id = NEW.article_id;
END;

CREATE TRIGGER stage_row_removed AFTER DELETE ON article_stages BEGIN
    INSERT OR IGNORE INTO stage_missing (stage, article_id)
        SELECT OLD.stage, OLD.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id);
END;

-- A deleted article frees its seq for the next one stored (seq is MAX + 1): the cursors step
-- back below it so that article is looked at.
CREATE TRIGGER stage_cursor_article_removed AFTER DELETE ON articles BEGIN
    UPDATE stage_cursors SET seq = OLD.seq - 1 WHERE seq >= OLD.seq;
END;

-- A store migrated here is looked at once, now: each stage it has rows of gets its cursor at
-- the last article and its list of the articles without a row.
INSERT INTO stage_cursors (stage, seq)
    SELECT stage, (SELECT COALESCE(MAX(seq), 0) FROM articles) FROM (SELECT DISTINCT stage FROM article_stages);
INSERT INTO stage_missing (stage, article_id)
    SELECT c.stage, a.id FROM stage_cursors c CROSS JOIN articles a
    WHERE NOT EXISTS (SELECT 1 FROM article_stages s WHERE s.article_id = a.id AND s.stage = c.stage);

-- (3) The copy-date decision (dating stage) is taken again only for the articles whose proposal
-- changed (the duplicates stage wrote, replaced or withdrew it) or whose date changed while they
-- have a proposal or a copied date; until now every proposal of the store was decided again at
-- every run.
CREATE TABLE copy_dates_undecided (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TRIGGER copy_dates_proposed AFTER INSERT ON date_proposals BEGIN
    INSERT OR IGNORE INTO copy_dates_undecided (article_id) VALUES (NEW.article_id);
END;
CREATE TRIGGER copy_dates_reproposed AFTER UPDATE ON date_proposals BEGIN
    INSERT OR IGNORE INTO copy_dates_undecided (article_id) VALUES (NEW.article_id);
END;
CREATE TRIGGER copy_dates_withdrawn AFTER DELETE ON date_proposals BEGIN
    INSERT OR IGNORE INTO copy_dates_undecided (article_id)
        SELECT OLD.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id);
END;
CREATE TRIGGER copy_dates_redated AFTER INSERT ON publication_dates
    WHEN NEW.basis = 'copy' OR EXISTS (SELECT 1 FROM date_proposals WHERE article_id = NEW.article_id) BEGIN
    INSERT OR IGNORE INTO copy_dates_undecided (article_id) VALUES (NEW.article_id);
END;

-- A store migrated here decides every proposal and copied date once more at its next run, as
-- before.
INSERT OR IGNORE INTO copy_dates_undecided (article_id)
    SELECT article_id FROM date_proposals WHERE article_id IN (SELECT id FROM articles);
INSERT OR IGNORE INTO copy_dates_undecided (article_id)
    SELECT article_id FROM publication_dates WHERE basis = 'copy';
