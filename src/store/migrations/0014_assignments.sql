-- 0014: frontline assignments (S5): a cadre sent from the home unit to a
-- working unit from start_date to end_date (the planned last day; both
-- count), for a purpose, by a document; ended_on is the actual last day
-- once it has ended. assessed_by says who gives the routine assessment
-- meanwhile: 'working' (usually) or 'home'.
CREATE TABLE assignment (
	id BIGINT PRIMARY KEY,
	person_id BIGINT NOT NULL REFERENCES person (id),
	kind TEXT NOT NULL,        -- secondment, frontline, grassroots, commissioner
	home_unit_id BIGINT NOT NULL REFERENCES unit (id),
	working_unit_id BIGINT NOT NULL REFERENCES unit (id),
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	ended_on TEXT,
	purpose TEXT NOT NULL,
	assessed_by TEXT NOT NULL,
	document TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX assignment_person ON assignment (person_id, start_date);
CREATE INDEX assignment_home ON assignment (home_unit_id);
CREATE INDEX assignment_working ON assignment (working_unit_id);
