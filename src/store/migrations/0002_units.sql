-- 0002: units (S1), the functions each carries, and their approved
-- establishment and leader-post quotas. Portable SQL as in 0001: ids from
-- id_counter, times and dates as ISO 8601 text.

-- The tree of units. Which kind may sit under which, and the absence of
-- cycles, are checked by core/org (org_tree_check) in the transaction of
-- every change, not by the database.
CREATE TABLE unit (
	id BIGINT PRIMARY KEY,
	parent_id BIGINT REFERENCES unit (id), -- NULL: at the root
	kind TEXT NOT NULL,                     -- org unit kind id: committee, ...
	name TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX unit_parent ON unit (parent_id);

-- The government functions a unit carries (大部制: 政研室 is also 法制办
-- and 司法局), in the order given.
CREATE TABLE unit_function (
	unit_id BIGINT NOT NULL REFERENCES unit (id),
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (unit_id, position)
);

-- An approved quota line of a unit: line_kind 'staff' (编制, line an org
-- staff type id) or 'post' (职数, line an org level id). A new approval
-- replaces the line (one row per unit and line).
CREATE TABLE quota (
	id BIGINT PRIMARY KEY,
	unit_id BIGINT NOT NULL REFERENCES unit (id),
	line_kind TEXT NOT NULL,
	line TEXT NOT NULL,
	count BIGINT NOT NULL,
	document TEXT NOT NULL,
	approved_on TEXT NOT NULL, -- ISO date, yyyy-mm-dd
	created_at TEXT NOT NULL,
	UNIQUE (unit_id, line_kind, line)
);
