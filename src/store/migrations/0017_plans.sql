-- 0017: redeployment plans (S5, Binhai's restructuring): a plan names
-- the cadres a restructuring touches; each entry records the cadre's home
-- unit when added, the route proposed and then decided (secondment,
-- frontline, grassroots, stay), the receiving unit, the decision's
-- document and date, and the assignment the decision made (none for
-- stay). State: draft, in_progress, closed (core/plan).
CREATE TABLE plan (
	id BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	document TEXT,             -- the plan's document; needed to start
	due_on TEXT,               -- decisions aimed to be made by; NULL: none
	state TEXT NOT NULL,       -- draft, in_progress, closed
	created_by TEXT NOT NULL,  -- the account's username
	created_at TEXT NOT NULL,
	started_on TEXT,
	closed_on TEXT
);

CREATE TABLE plan_entry (
	id BIGINT PRIMARY KEY,
	plan_id BIGINT NOT NULL REFERENCES plan (id),
	person_id BIGINT NOT NULL REFERENCES person (id),
	home_unit_id BIGINT NOT NULL REFERENCES unit (id), -- when added
	route TEXT,                -- proposed, then decided; NULL: none yet
	receiving_unit_id BIGINT REFERENCES unit (id), -- NULL: none (stay)
	decision TEXT NOT NULL,    -- pending, decided
	document TEXT,             -- the decision's document number
	decided_on TEXT,
	assignment_id BIGINT REFERENCES assignment (id), -- what it made
	over_quota_reason TEXT,    -- sent beyond the free places, why
	created_at TEXT NOT NULL,
	UNIQUE (plan_id, person_id)
);
CREATE INDEX plan_entry_home ON plan_entry (home_unit_id);
CREATE INDEX plan_entry_receiving ON plan_entry (receiving_unit_id);
