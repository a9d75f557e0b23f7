-- Quotes keep their cue verb span and, when no speaker is given, the reason; kinds are now
-- direct, partial, indirect (was "reported") and scare.
ALTER TABLE ann_quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE ann_quotes ADD COLUMN cue_end INTEGER;
ALTER TABLE ann_quotes ADD COLUMN speaker_note TEXT;
UPDATE ann_quotes SET kind = 'indirect' WHERE kind = 'reported';
