-- 0006: assessment cycles in the server (S6-S12). A cycle is kept as the
-- workbook the engine reads (ASSESSMENT.md section 2, docs/assessment.md),
-- so that computing it runs the very code of `kaohe assess run` and
-- exporting it gives a folder that command reproduces exactly.

-- A cycle: code is the id of its cycle.json ("zhuhai-2026"); status goes
-- draft -> open (reporters enter values until the deadline) -> computed
-- (results stored; may be computed again) -> confirmed (frozen).
CREATE TABLE cycle (
	id BIGINT PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,     -- annual, routine, special, term
	status TEXT NOT NULL,
	deadline TEXT,          -- yyyy-mm-dd, the last day of reporting
	created_at TEXT NOT NULL,
	computed_at TEXT,
	confirmed_at TEXT
);

-- The workbook's files as they are (cycle.json, schemes/NAME.json,
-- subjects.csv, ratings.csv, routine.csv, units.csv, caps.csv,
-- pools.csv), except values.csv, which is kept row by row below. After a
-- computation also results.csv and trace.jsonl, as the engine wrote them.
CREATE TABLE cycle_file (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	path TEXT NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (cycle_id, path)
);

-- The subjects of subjects.csv, with the unit whose reporters enter
-- their values (NULL: only the organisation department does).
CREATE TABLE cycle_subject (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	subject TEXT NOT NULL,
	name TEXT NOT NULL,
	category TEXT NOT NULL,
	scheme TEXT NOT NULL,   -- '' when none
	unit_id BIGINT REFERENCES unit (id),
	PRIMARY KEY (cycle_id, subject)
);

-- The values of values.csv: the actual value (and target) of an
-- indicator for a subject as entered, with where it came from and who
-- entered it when.
CREATE TABLE cycle_value (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	subject TEXT NOT NULL,
	indicator TEXT NOT NULL,
	actual TEXT NOT NULL,   -- the number as written
	target TEXT,
	source TEXT,            -- e.g. 统计局年报; NULL: not said
	entered_by TEXT NOT NULL,
	entered_at TEXT NOT NULL,
	PRIMARY KEY (cycle_id, subject, indicator)
);

-- The results of the last computation, a row per subject in ranking
-- order: the results.csv row as JSON (by column) and the trace line.
CREATE TABLE cycle_result (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	subject TEXT NOT NULL,
	position INTEGER NOT NULL,
	row TEXT NOT NULL,
	trace TEXT NOT NULL,
	PRIMARY KEY (cycle_id, subject)
);
