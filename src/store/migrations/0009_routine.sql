-- 0009: routine assessment (平时考核, S10) and the cadre behind a subject.
-- A subject may be a person with an account (a leading cadre): that
-- account writes the subject's quarterly work notes and self-summary and
-- sees the subject's result, nobody else's.
ALTER TABLE cycle_subject ADD COLUMN account_id BIGINT REFERENCES account (id);

-- The share of `good` a supervisor may give among a unit's subjects in a
-- period (NULL: 0.4, the 40% the seed's practice uses).
ALTER TABLE cycle ADD COLUMN routine_good_share REAL;

-- One subject's routine record of one period (2026Q1..Q4): the work
-- notes (工作纪实) and self-summary the cadre writes, and the supervisor's
-- rating: good, fair, average or poor. Rated records become the cycle's
-- routine.csv rows (after those the workbook came with).
CREATE TABLE routine_entry (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	subject TEXT NOT NULL,
	period TEXT NOT NULL,
	notes TEXT NOT NULL,
	summary TEXT NOT NULL,
	written_by TEXT,
	written_at TEXT,
	rating TEXT,
	rated_by TEXT,
	rated_at TEXT,
	PRIMARY KEY (cycle_id, subject, period)
);
