-- Indexes for the event filters of newsline serve / newsline.api.events (see store/search.py):
-- counting by context, and the actors of each event as rows (lower case), kept by triggers, so an
-- actor filter reads a narrow table instead of parsing every event's JSON. And ingest order:
-- the articles list pages by seq, and put_article's MAX(seq) becomes a lookup, not a scan.
CREATE INDEX serve_events_context ON events(context);
CREATE INDEX serve_articles_seq ON articles(seq);

CREATE TABLE serve_event_actors (
    event_id TEXT NOT NULL,
    actor    TEXT NOT NULL                 -- lower(actor)
);
CREATE INDEX serve_event_actors_event ON serve_event_actors(event_id);
INSERT INTO serve_event_actors SELECT e.id, lower(j.value) FROM events e, json_each(e.actors) j;

CREATE TRIGGER serve_event_actors_ai AFTER INSERT ON events BEGIN
    INSERT INTO serve_event_actors SELECT new.id, lower(value) FROM json_each(new.actors);
END;
CREATE TRIGGER serve_event_actors_ad AFTER DELETE ON events BEGIN
    DELETE FROM serve_event_actors WHERE event_id = old.id;
END;
CREATE TRIGGER serve_event_actors_au AFTER UPDATE OF id, actors ON events BEGIN
    DELETE FROM serve_event_actors WHERE event_id = old.id;
    INSERT INTO serve_event_actors SELECT new.id, lower(value) FROM json_each(new.actors);
END;
