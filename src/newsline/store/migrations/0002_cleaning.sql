-- Boilerplate statistics for the repeat signal (newsline.clean), kept per scope: the outlet, or
-- '*' (the whole corpus) when the outlet is unknown. A block counts once per *story*: articles
-- that share their opening paragraphs (copies of one report) are one story.
CREATE TABLE clean_docs (
    article_id TEXT PRIMARY KEY,           -- Article.id (raw_sha[:16])
    scope      TEXT NOT NULL,
    story      TEXT NOT NULL,              -- article_id of the first article of its story
    lead       TEXT NOT NULL,              -- JSON list of the fingerprints of its opening blocks
    doc        TEXT NOT NULL,              -- JSON: what re-cleaning needs besides Article.raw
    seq        INTEGER NOT NULL
);
CREATE INDEX clean_docs_story ON clean_docs(scope, story);

CREATE TABLE clean_leads (
    scope      TEXT NOT NULL,
    fp         TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (scope, fp, article_id)
);

CREATE TABLE clean_blocks (                -- which articles hold a block (to re-clean them)
    scope      TEXT NOT NULL,
    fp         TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (scope, fp, article_id)
) WITHOUT ROWID;

CREATE TABLE clean_block_stories (         -- which stories hold a block (to count them)
    scope      TEXT NOT NULL,
    fp         TEXT NOT NULL,
    story      TEXT NOT NULL,
    PRIMARY KEY (scope, fp, story)
) WITHOUT ROWID;

CREATE TABLE clean_dirty (                 -- blocks whose story count crossed a threshold since the last finish()
    scope      TEXT NOT NULL,
    fp         TEXT NOT NULL,
    PRIMARY KEY (scope, fp)
) WITHOUT ROWID;
