-- Stage completion: which per-article stages and barriers each article has been through, and with
-- which version of their model and data. Written in the same transaction as the stage's output,
-- so after a kill a run (or `newsline resume`) does exactly what is not done yet.
-- status: 'done', or 'failed' (the step raised for this article: see rejects.article_id; it is
-- retried by `ingest --retry-rejects` or when the stage's version changes).
-- version '' marks work done by a release that did not record stages (taken as done).
CREATE TABLE article_stages (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    version    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'done',
    done_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, stage)
) WITHOUT ROWID;
CREATE INDEX article_stages_stage ON article_stages(stage, status, article_id);

-- A reject of a stored article's later step names the article and the exception class.
ALTER TABLE rejects ADD COLUMN article_id TEXT;
ALTER TABLE rejects ADD COLUMN error TEXT;
CREATE INDEX rejects_article ON rejects(article_id);

-- Stores written before stages were recorded: what is there was done.
INSERT INTO article_stages (article_id, stage, version, status, done_at)
    SELECT id, 'clean', '', 'done', ingested_at FROM articles;
INSERT INTO article_stages (article_id, stage, version, status, done_at)
    SELECT s.article_id, 'duplicates', '', 'done', a.ingested_at
    FROM dedup_signatures s JOIN articles a ON a.id = s.article_id;
INSERT INTO article_stages (article_id, stage, version, status, done_at)
    SELECT n.article_id, x.stage, '', 'done', n.annotated_at
    FROM ann_articles n CROSS JOIN (SELECT 'copy_dates' AS stage UNION ALL SELECT 'language' UNION ALL SELECT 'events'
                                    UNION ALL SELECT 'dating' UNION ALL SELECT 'merge') x;
