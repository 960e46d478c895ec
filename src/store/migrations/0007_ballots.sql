-- 0007: anonymous ballots (民主测评) and survey responses (民意调查) of a
-- cycle's ratings components (S7, S8). A rater holds a one-time token
-- printed on a sheet; a ballot spends it.
-- Secrecy: the tokens table and the counts share no key, order or time.
-- A token is kept only as the SHA-256 of its text, with a flag once spent
-- (no time); a ballot is not kept as a row at all, only added into the
-- counts of each (subject, level) it chose, so no row can be joined to a
-- token, to another ballot of the same rater, or to a moment.

CREATE TABLE ballot_token (
	token_hash TEXT PRIMARY KEY, -- hex SHA-256 of the token's text
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	component TEXT NOT NULL,     -- a ratings component of cycle.json
	grp TEXT NOT NULL,           -- one of its rater groups
	batch INTEGER NOT NULL,      -- the generation it was printed in
	spent INTEGER NOT NULL       -- 0, 1
);
CREATE INDEX ballot_token_group ON ballot_token (cycle_id, component, grp);

-- How many ballots chose each level for each subject: ratings.csv as
-- counts (the engine counts ratings anyway).
CREATE TABLE ballot_count (
	cycle_id BIGINT NOT NULL REFERENCES cycle (id),
	component TEXT NOT NULL,
	grp TEXT NOT NULL,
	subject TEXT NOT NULL,
	level TEXT NOT NULL,         -- a key of the scale, or abstain
	n BIGINT NOT NULL,
	PRIMARY KEY (cycle_id, component, grp, subject, level)
);
