-- Opinions gathered offline (线下: forums, visits, hearings) and entered by an informant
-- or liaison: the day the opinion was given, which may be before it was recorded.
ALTER TABLE opinions ADD COLUMN gathered_on DATE;
