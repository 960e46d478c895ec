-- 0005: the parallel post and pay scale of dispatched staff (S3) and their
-- pay assignments, for the equal-pay report. Portable SQL as in 0001: ids
-- from id_counter, dates as yyyy-mm-dd text, money as whole fen.

-- A post sequence (岗位序列): civilian 文职, technical 技术, other 其它.
-- ord: the order in which the scale lists them.
CREATE TABLE pay_sequence (
	id BIGINT PRIMARY KEY,
	code TEXT NOT NULL UNIQUE, -- civilian, technical, other
	name TEXT NOT NULL,        -- the Chinese name shown: 文职
	ord INTEGER NOT NULL
);

-- The salary grades (工资级别) of a sequence: 1 (the lowest) to n, each
-- paying more a month than the one below (checked by core/pay). The scale
-- has no history: amounts are those in force now.
CREATE TABLE pay_grade (
	sequence_id BIGINT NOT NULL REFERENCES pay_sequence (id),
	grade INTEGER NOT NULL,
	monthly_fen BIGINT NOT NULL,
	PRIMARY KEY (sequence_id, grade)
);

-- A position (职位): a level of a sequence (1 at the bottom) paid within a
-- range of its grades, or with negotiated pay and no range (negotiated =
-- 1: the special administrative commissioner 特级行政专员, the special
-- technical adviser 特级技术顾问). comparable_rank: the in-system rank (a
-- core/staffing rank id) it is set beside in the pay-parity report; NULL:
-- none.
CREATE TABLE position (
	id BIGINT PRIMARY KEY,
	sequence_id BIGINT NOT NULL REFERENCES pay_sequence (id),
	level INTEGER NOT NULL,
	name TEXT NOT NULL,
	negotiated INTEGER NOT NULL,
	min_grade INTEGER,  -- NULL when negotiated
	max_grade INTEGER,  -- NULL when negotiated
	comparable_rank TEXT,
	UNIQUE (sequence_id, level)
);

-- A dispatched employment's position and pay from start_date to end_date
-- (the last day, both ends count; NULL: open, i.e. until the next
-- assignment or the employment's end). A grade of the position's range,
-- or negotiated_fen on a position with negotiated pay. document: the
-- decision that set it. A new assignment ends the previous one on the day
-- before it starts: the rows of an employment are its pay history.
CREATE TABLE pay_assignment (
	id BIGINT PRIMARY KEY,
	employment_id BIGINT NOT NULL REFERENCES employment (id),
	position_id BIGINT NOT NULL REFERENCES position (id),
	pay_grade INTEGER,
	negotiated_fen BIGINT,
	start_date TEXT NOT NULL,
	end_date TEXT,
	document TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX pay_assignment_employment ON pay_assignment (employment_id,
	start_date);
CREATE INDEX pay_assignment_position ON pay_assignment (position_id);
