-- 0003: person records (S2). Portable SQL as in 0001 and 0002: ids from
-- id_counter, times and dates as ISO 8601 text, codes as the national
-- standards write them (docs/people.md).

-- A person. The codes are checked by core/codes and the ID number by
-- core/idnum before a row is written, not by the database. unit_id is the
-- unit of the person's current post: it decides which reporters see the
-- record (a reporter sees its unit and the units below it).
CREATE TABLE person (
	id BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	gender TEXT NOT NULL,           -- GB/T 2261.1: '1' male, '2' female, ...
	birth_date TEXT NOT NULL,       -- yyyy-mm-dd, as the ID number carries it
	id_number TEXT NOT NULL UNIQUE, -- 18 characters, a lowercase x made X
	ethnicity TEXT NOT NULL,        -- GB 3304: '01' Han, ...
	political_status TEXT NOT NULL, -- GB/T 4762
	education TEXT NOT NULL,        -- GB/T 4658
	school TEXT,
	school_tier TEXT,               -- '985', '211', 'other'; NULL: not known
	phone TEXT,
	unit_id BIGINT REFERENCES unit (id), -- NULL: no current post
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX person_name ON person (name, id);
CREATE INDEX person_unit ON person (unit_id);
