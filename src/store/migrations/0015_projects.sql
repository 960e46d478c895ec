-- 0015: investment projects and their service commissioners (S5,
-- Liangjiang's 服务专员代办制): a signed project, the commissioner who
-- follows its approvals end to end, each approval step with its
-- authority, due date and completion, and the start of construction.
CREATE TABLE project (
	id BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	investor TEXT NOT NULL,
	industry TEXT NOT NULL,
	amount_fen BIGINT NOT NULL,      -- the investment agreed
	unit_id BIGINT NOT NULL REFERENCES unit (id), -- where it is built
	commissioner_id BIGINT REFERENCES person (id),
	signed_on TEXT NOT NULL,
	target_start TEXT NOT NULL,      -- the start of construction aimed at
	started_on TEXT,                 -- the real start; NULL: not yet
	created_at TEXT NOT NULL
);

CREATE TABLE approval_step (
	id BIGINT PRIMARY KEY,
	project_id BIGINT NOT NULL REFERENCES project (id),
	position INTEGER NOT NULL,
	name TEXT NOT NULL,              -- 项目备案, 用地, 规划许可, 环评, 施工许可
	authority TEXT NOT NULL,
	due_on TEXT NOT NULL,
	done_on TEXT,                    -- NULL: pending
	UNIQUE (project_id, position)
);
