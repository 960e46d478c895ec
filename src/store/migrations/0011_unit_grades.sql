-- 0011: performance-linked quotas (绩效挂钩, S12): a unit team's grade in
-- one confirmed cycle sets how many of its people may be excellent in
-- another (the engine's units.csv and share_by_unit_grade). The unit of
-- each subject (subjects.csv's `unit`) is kept to find the team's unit.
ALTER TABLE cycle_subject ADD COLUMN unit TEXT;

-- units.csv of a cycle, taken from the results of a confirmed team cycle:
-- the team's grade by its place among that cycle's grades — the first
-- good, the second fair, the third average, the rest poor.
CREATE TABLE cycle_unit_grade (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	unit TEXT NOT NULL,
	grade TEXT NOT NULL,       -- good, fair, average, poor
	source_cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	PRIMARY KEY (cycle_id, unit)
);
