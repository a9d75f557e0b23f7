-- The one event query (store/queries.py) reads a page from a covering index in timeline order and
-- then only the rows it shows. Two covering indexes serve every filter: the timeline order with
-- the filtered columns beside it, and the same per type (a type filter walks its own events in
-- order). events_span holds each window's length, so a date range becomes a sort_key interval.
-- The indexes they replace led the planner to read every event of a context and sort them.
DROP INDEX IF EXISTS serve_events_context;   -- 0007: COUNT by context; the covering indexes count too
DROP INDEX IF EXISTS events_context_order;   -- 0006_merge_indexes
DROP INDEX IF EXISTS serve_events_order;     -- 0006_serve_fts: the COALESCE(sort_date) order, now sort_key
DROP INDEX IF EXISTS events_plover_order;    -- a type filter takes exact codes now
DROP INDEX IF EXISTS events_type_order;
DROP INDEX IF EXISTS events_type;            -- 0005
DROP INDEX IF EXISTS events_bounds;
DROP INDEX IF EXISTS events_place;           -- place filters match a part of the name: no equality lookups

CREATE INDEX events_timeline ON events(sort_key, context, type, date_lo, date_hi, place_key, id);
CREATE INDEX events_type_timeline ON events(type, sort_key, context, date_lo, date_hi, place_key, id);
CREATE INDEX events_span ON events(COALESCE(julianday(date_hi) - julianday(date_lo), 1e9))
    WHERE date_lo IS NOT NULL;

-- The names an actor or place filter can match, one row each: a filter matches a part of a name
-- (instr) over these few rows, then reads the events of the names found through the indexes,
-- instead of testing every event's actors. Kept by triggers, so every write path (a full merge,
-- an incremental one) fills them; a name no event holds any more stays and matches nothing.
CREATE TABLE actor_names (actor TEXT PRIMARY KEY) WITHOUT ROWID;       -- lower case, as event_actors
INSERT OR IGNORE INTO actor_names SELECT actor FROM event_actors;
CREATE TRIGGER actor_names_ai AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO actor_names (actor) VALUES (new.actor);
END;

CREATE TABLE place_names (place TEXT PRIMARY KEY) WITHOUT ROWID;       -- events.place_key
INSERT OR IGNORE INTO place_names SELECT place_key FROM events WHERE place_key IS NOT NULL;
CREATE TRIGGER place_names_ai AFTER INSERT ON events WHEN new.place_key IS NOT NULL BEGIN
    INSERT OR IGNORE INTO place_names (place) VALUES (new.place_key);
END;
CREATE TRIGGER place_names_au AFTER UPDATE OF place_key ON events WHEN new.place_key IS NOT NULL BEGIN
    INSERT OR IGNORE INTO place_names (place) VALUES (new.place_key);
END;
CREATE INDEX events_place_timeline ON events(place_key, sort_key, context, type, date_lo, date_hi);
