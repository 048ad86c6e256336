-- The scheduler asks for the oldest dialogue on every look; without this index that
-- is a scan of every stored dialogue (18 ms at 100,000 in benches/service.rs).
CREATE INDEX dialogues_updated ON dialogues (updated_at);
