-- A time expression that names no real time ("February 29, 2023", "June 31") is stored with
-- value NULL and the reason here, instead of failing the article.
ALTER TABLE ann_timexes ADD COLUMN invalid TEXT;
