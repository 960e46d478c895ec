-- 0012: the democratic election of a community social work station's
-- head (S4): candidates, one-time voter tokens, a secret ballot, the
-- tally with turnout, the result, and the winner's concurrent posts.
-- Secrecy as for ballots (0007): tokens are hashes with a spent flag, and
-- a ballot is only added into the count of its choice.
CREATE TABLE election (
	id BIGINT PRIMARY KEY,
	unit_id BIGINT NOT NULL REFERENCES unit (id), -- the station
	title TEXT NOT NULL,
	status TEXT NOT NULL,        -- draft, open, closed
	created_at TEXT NOT NULL,
	closed_at TEXT,
	winner_person_id BIGINT REFERENCES person (id),
	appointed INTEGER NOT NULL   -- 1 once the winner's posts are recorded
);

CREATE TABLE election_candidate (
	election_id BIGINT NOT NULL REFERENCES election (id),
	person_id BIGINT NOT NULL REFERENCES person (id),
	position INTEGER NOT NULL,   -- the order on the ballot
	PRIMARY KEY (election_id, person_id)
);

CREATE TABLE election_token (
	token_hash TEXT PRIMARY KEY,
	election_id BIGINT NOT NULL REFERENCES election (id),
	spent INTEGER NOT NULL
);
CREATE INDEX election_token_election ON election_token (election_id);

CREATE TABLE election_count (
	election_id BIGINT NOT NULL REFERENCES election (id),
	choice TEXT NOT NULL,        -- a candidate's person id, or abstain
	n BIGINT NOT NULL,
	PRIMARY KEY (election_id, choice)
);
