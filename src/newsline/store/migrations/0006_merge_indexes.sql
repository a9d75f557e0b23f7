-- Queries that read only the rows they show (timeline, filters, event pages, the HTTP API):
-- the date bounds, the PLOVER root type and the place as indexed columns, actors in their own
-- table, and one ordering key ("<sort date or ~>|<id>", undated last) for keyset paging.
ALTER TABLE events ADD COLUMN date_lo TEXT;      -- the day, or the window's earliest (NULL: open or undated)
ALTER TABLE events ADD COLUMN date_hi TEXT;      -- the day, or the window's latest (NULL: open or undated)
ALTER TABLE events ADD COLUMN plover TEXT;       -- the PLOVER root type (crosswalk), for --type
ALTER TABLE events ADD COLUMN place_key TEXT;    -- lower(place)
ALTER TABLE events ADD COLUMN sort_key TEXT;     -- timeline order and paging cursor

UPDATE events SET
    date_lo = COALESCE(date, json_extract(date_window, '$.earliest')),
    date_hi = COALESCE(date, json_extract(date_window, '$.latest')),
    plover = json_extract(details, '$.crosswalk.plover'),
    place_key = lower(place),
    sort_key = COALESCE(sort_date, '~') || '|' || id;

CREATE TABLE event_actors (
    actor    TEXT NOT NULL,                      -- lower-cased actor name
    event_id TEXT NOT NULL,
    PRIMARY KEY (actor, event_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);
INSERT OR IGNORE INTO event_actors (actor, event_id)
    SELECT lower(j.value), e.id FROM events e, json_each(e.actors) j;

CREATE UNIQUE INDEX events_sort_key ON events(sort_key);
CREATE INDEX events_context_order ON events(context, sort_key);
CREATE INDEX events_type_order ON events(type, sort_key);
CREATE INDEX events_plover_order ON events(plover, sort_key);
CREATE INDEX events_bounds ON events(date_hi, date_lo);
CREATE INDEX events_place ON events(place_key);
