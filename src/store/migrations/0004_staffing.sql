-- 0004: employments, agencies and service contracts (S2, S4), and what a
-- people list sorts and filters on. Portable SQL as in 0001: ids from
-- id_counter, dates as yyyy-mm-dd text, money as whole fen.

-- A staffing company or social service centre that staff are bought from.
CREATE TABLE agency (
	id BIGINT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,  -- staffing_company, social_service_centre
	credit_code TEXT,    -- 统一社会信用代码, 18 characters; NULL: not known
	contact TEXT,
	created_at TEXT NOT NULL
);

-- A purchased service: the agency provides headcount people of a staff
-- type to a unit (the buyer; they may work in its units below) from
-- start_date to end_date, both days in, for price_fen in all.
CREATE TABLE service_contract (
	id BIGINT PRIMARY KEY,
	agency_id BIGINT NOT NULL REFERENCES agency (id),
	unit_id BIGINT NOT NULL REFERENCES unit (id),
	staff_type TEXT NOT NULL, -- dispatched, social_worker
	document TEXT NOT NULL,   -- the contract's number
	headcount BIGINT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	price_fen BIGINT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX service_contract_agency ON service_contract (agency_id);

-- An employment: a person's place in a unit, of a staff type, with the
-- post's title, its leader-post level and the rank, from start_date to
-- end_date (the last day in post; NULL: open). The documents are those of
-- appointment (任) and removal (免): a person's employments are the history
-- of posts and ranks. concurrent (兼任) takes no place on the staff line.
-- over_quota_reason: why it was made beyond a quota (NULL: within).
CREATE TABLE employment (
	id BIGINT PRIMARY KEY,
	person_id BIGINT NOT NULL REFERENCES person (id),
	unit_id BIGINT NOT NULL REFERENCES unit (id),
	staff_type TEXT NOT NULL,
	title TEXT NOT NULL,
	post_level TEXT,          -- org level id; NULL: not a leader post
	rank TEXT,                -- staffing rank id; NULL: none
	concurrent INTEGER NOT NULL,
	contract_id BIGINT REFERENCES service_contract (id),
	monthly_pay_fen BIGINT,   -- in-system pay; NULL: not recorded
	start_date TEXT NOT NULL,
	start_document TEXT NOT NULL,
	end_date TEXT,
	end_document TEXT,
	over_quota_reason TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
-- employment_unit and employment_post count the places a unit's quota
-- line has filled on a day (app/employments, at every appointment) from
-- the index alone: reading each of a unit's thousands of past rows made
-- an import of 300,000 employments take 17 minutes (docs/benchmarks.md).
CREATE INDEX employment_person ON employment (person_id, start_date);
CREATE INDEX employment_unit ON employment (unit_id, staff_type, concurrent,
	start_date, end_date);
CREATE INDEX employment_post ON employment (unit_id, post_level, start_date,
	end_date);
CREATE INDEX employment_contract ON employment (contract_id);

-- What the people list shows and filters by, kept with the person by
-- app/staffing whenever an employment changes: the staff type and rank of
-- the current main (not concurrent) employment. The sort keys are ICU
-- collation keys of the name (base/collate) in hexadecimal, pinyin and
-- surname strokes: text compares as the keys do, in any database.
ALTER TABLE person ADD COLUMN staff_type TEXT;
ALTER TABLE person ADD COLUMN rank TEXT;
ALTER TABLE person ADD COLUMN name_pinyin TEXT;
ALTER TABLE person ADD COLUMN name_stroke TEXT;
-- The people list (app/people) counts the people a filter matches, then
-- reads its page either by walking the index of its order, testing the
-- filters on the index entries, or, when few match, by finding them
-- through a filter's index and sorting them. So every index below carries
-- every column a filter tests, the name included (reading the row of each
-- entry costs ten times more), and each filter but the gender and the
-- name leads one, which counts its matches without reading rows
-- (docs/benchmarks.md).
CREATE INDEX person_pinyin ON person (name_pinyin, id, name, staff_type, rank,
	unit_id, birth_date, education, gender);
CREATE INDEX person_stroke ON person (name_stroke, id, name, staff_type, rank,
	unit_id, birth_date, education, gender);
CREATE INDEX person_birth ON person (birth_date, id, name, staff_type, rank,
	unit_id, education, gender);
CREATE INDEX person_staff ON person (staff_type, rank, unit_id, birth_date,
	education, gender, name);
CREATE INDEX person_units ON person (unit_id, staff_type, rank, birth_date,
	education, gender, name);
CREATE INDEX person_education ON person (education, unit_id, staff_type, rank,
	birth_date, gender, name);
DROP INDEX person_unit; -- 0003's, the first column of person_units

-- The ICU collation versions that made the stored sort keys: one row
-- per set of keys ('people': "pinyin-version/stroke-version"); when ICU's
-- versions differ, app/people_order computes every key again.
CREATE TABLE collation (
	name TEXT PRIMARY KEY,
	version TEXT NOT NULL
);
