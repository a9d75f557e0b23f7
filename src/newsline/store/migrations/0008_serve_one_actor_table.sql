-- One table of event actors: 0006_merge_indexes' event_actors, written by replace_events, already
-- holds lower(actor) per event, so the trigger-kept copy of 0007_serve_query_indexes was the same
-- rows written twice on every event insert. The server's actor filter reads event_actors now.
DROP TRIGGER IF EXISTS serve_event_actors_ai;
DROP TRIGGER IF EXISTS serve_event_actors_ad;
DROP TRIGGER IF EXISTS serve_event_actors_au;
DROP TABLE IF EXISTS serve_event_actors;
