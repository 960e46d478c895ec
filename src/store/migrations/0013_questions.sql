-- 0013: questionnaires (问卷, S8): the investment-environment
-- questionnaire for enterprises and the satisfaction survey for
-- residents ask, besides rating the subjects (which feeds the cycle's
-- ratings component), their own questions. Answers are kept as ballots
-- are (0007): counted per question and answer, and free texts in a table
-- ordered by a random key, so no answer is joined to a token, to another
-- answer of the same response, or to a moment.
CREATE TABLE question (
	id BIGINT PRIMARY KEY,
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	component TEXT NOT NULL,  -- the ratings component it goes with
	position INTEGER NOT NULL,
	kind TEXT NOT NULL,       -- choice, scale, text
	text TEXT NOT NULL,
	options TEXT,             -- choice: a JSON array of the options' texts
	required INTEGER NOT NULL
);
CREATE INDEX question_cycle ON question (cycle_id, component, position);

CREATE TABLE question_count (
	question_id BIGINT NOT NULL REFERENCES question (id),
	answer TEXT NOT NULL,     -- choice: the option's index; scale: 1..5
	n BIGINT NOT NULL,
	PRIMARY KEY (question_id, answer)
);

CREATE TABLE question_text (
	question_id BIGINT NOT NULL REFERENCES question (id),
	slot TEXT NOT NULL,       -- random: the order says nothing
	text TEXT NOT NULL,
	PRIMARY KEY (question_id, slot)
) WITHOUT ROWID; -- stored in the random slots' order, not in arrival order
