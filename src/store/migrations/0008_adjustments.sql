-- 0008: the organisation department's adjustments of a cycle's results:
-- a grade a subject may not exceed, with the reason (a disciplinary
-- warning, a reported problem). They are the engine's caps (caps.csv), so
-- the computation and its export keep them: the rows come after those the
-- workbook was imported with.
CREATE TABLE cycle_adjustment (
	id BIGINT PRIMARY KEY,
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	subject TEXT NOT NULL,
	grade TEXT NOT NULL,
	reason TEXT NOT NULL,
	entered_by TEXT NOT NULL,
	entered_at TEXT NOT NULL
);
CREATE INDEX cycle_adjustment_cycle ON cycle_adjustment (cycle_id);
