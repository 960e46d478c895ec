-- 0001: accounts, roles, sessions and the audit chain.
-- SQL that SQLite and PostgreSQL both accept: no autoincrement (ids come
-- from id_counter), times as ISO 8601 text or epoch seconds, 0/1 flags.

CREATE TABLE id_counter (
	name TEXT PRIMARY KEY,
	last_id BIGINT NOT NULL
);

CREATE TABLE account (
	id BIGINT PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	must_change INTEGER NOT NULL DEFAULT 1,
	disabled INTEGER NOT NULL DEFAULT 0,     -- locked by an administrator
	failed_count INTEGER NOT NULL DEFAULT 0, -- consecutive failed logins
	locked_until BIGINT NOT NULL DEFAULT 0,  -- lockout end, epoch ms
	unit_id BIGINT,                          -- a reporter's unit
	created_at TEXT NOT NULL,
	password_changed_at TEXT
);

CREATE TABLE account_role (
	account_id BIGINT NOT NULL REFERENCES account (id),
	role TEXT NOT NULL,
	PRIMARY KEY (account_id, role)
);

-- A session is known by the SHA-256 of its token; the token itself is only
-- ever in the client's cookie.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	account_id BIGINT NOT NULL REFERENCES account (id),
	csrf TEXT NOT NULL,
	created_at BIGINT NOT NULL,  -- epoch ms
	last_seen BIGINT NOT NULL,   -- epoch ms
	client TEXT NOT NULL
);
CREATE INDEX session_account ON session (account_id);

-- The audit log: a hash chain. hash = SHA-256 of prev_hash and the
-- record's fields (see src/core/audit.c); audit_head holds the last link
-- and serialises appends.
CREATE TABLE audit (
	seq BIGINT PRIMARY KEY,
	at TEXT NOT NULL,
	account TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	before_value TEXT,
	after_value TEXT,
	client TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);

CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY,
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES
	(1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
