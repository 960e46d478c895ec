-- 0016: open selection and recruitment campaigns (S5: Zhuhai's city-wide
-- selection of cadres for Hengqin, TEDA's graduate recruitment). A
-- campaign has posts, each with the unit, the post it fills and its
-- eligibility rules (a JSON object: docs/deployment.md); people apply to
-- one post each; the written exam and the interview are scored on 0-100,
-- kept as integers of ten-thousandths (83.3333 is 833333: the engine's
-- four decimals); the ranking is the assessment engine's (core/select).
CREATE TABLE selection (
	id BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,           -- selection (公开选拔), recruitment (招录)
	as_of TEXT NOT NULL,          -- the day ages and years are counted to
	written_weight INTEGER NOT NULL, -- percent; the interview the rest
	ratio INTEGER NOT NULL,       -- interviews a place: 3 is 1:3
	document TEXT NOT NULL,
	state TEXT NOT NULL,          -- open, written, interview, ranked, closed
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE selection_post (
	id BIGINT PRIMARY KEY,
	selection_id BIGINT NOT NULL REFERENCES selection (id),
	unit_id BIGINT NOT NULL REFERENCES unit (id),
	title TEXT NOT NULL,
	staff_type TEXT NOT NULL,
	post_level TEXT,
	rank TEXT,
	places INTEGER NOT NULL,
	rules TEXT NOT NULL           -- JSON, as given and checked
);
CREATE INDEX selection_post_selection ON selection_post (selection_id);

-- An application: eligible (1/0) with the reasons of a refusal (a JSON
-- list), the scores, the place on the shortlist and in the final order
-- (written by the shortlist and the ranking), withdrawn or appointed.
CREATE TABLE selection_application (
	id BIGINT PRIMARY KEY,
	selection_id BIGINT NOT NULL REFERENCES selection (id),
	post_id BIGINT NOT NULL REFERENCES selection_post (id),
	person_id BIGINT NOT NULL REFERENCES person (id),
	eligible INTEGER NOT NULL,
	reasons TEXT NOT NULL,
	written INTEGER,              -- ten-thousandths of a point
	interview INTEGER,
	shortlisted INTEGER NOT NULL DEFAULT 0,
	total INTEGER,                -- ten-thousandths, from the ranking
	rank INTEGER,                 -- competition rank in the post
	place INTEGER,                -- place in the post's order
	state TEXT NOT NULL,          -- applied, withdrawn, appointed
	employment_id BIGINT REFERENCES employment (id),
	created_at TEXT NOT NULL,
	UNIQUE (selection_id, person_id)
);
CREATE INDEX selection_application_post ON selection_application (post_id);
