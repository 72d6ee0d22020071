-- Comity's case database, version 1. The ledger (ledger.db) is the record; these tables are the
-- working view of it that staff search and act on. Every row that stands for a recorded event
-- names its ledger entry (ledger_index), and none of them is ever deleted.

-- One case per decided request.
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,          -- the case number staff see
    reference        TEXT,                         -- the request's own id, as sent
    received_at      TEXT NOT NULL,                -- the request's receivedAt, as sent
    jurisdiction     TEXT NOT NULL,                -- the stack that decided
    unit             TEXT NOT NULL,
    actor_kind       TEXT NOT NULL,
    agency           TEXT NOT NULL,
    act              TEXT NOT NULL,
    document_type    TEXT NOT NULL,
    decided_outcome  TEXT NOT NULL,                -- the engine's outcome
    outcome          TEXT NOT NULL,                -- the outcome in force: the engine's, or counsel's override
    status           TEXT NOT NULL,                -- open, awaiting-counsel, reviewed
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,                -- UTC, ISO 8601
    ledger_index     INTEGER NOT NULL UNIQUE,
    entry_json       TEXT NOT NULL,                -- the ledger entry's body: request, answer, who and when
    receipt_json     TEXT NOT NULL,                -- the ledger's receipt for it, as the answer carried it
    search_text      TEXT NOT NULL                 -- lower-case words the case list searches
);
CREATE INDEX cases_status ON cases (status, id);
CREATE INDEX cases_outcome ON cases (outcome, id);

-- Every later event of a case, in ledger order: sent to counsel, reviewed, obligation served.
CREATE TABLE case_events (
    ledger_index     INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    kind             TEXT NOT NULL,                -- referral, review, obligation
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    body_json        TEXT NOT NULL,                -- the ledger entry's body
    receipt_json     TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, ledger_index);

-- Counsel's verdicts on decisions: a confirmation or an override with its justification.
CREATE TABLE reviews (
    ledger_index     INTEGER PRIMARY KEY REFERENCES case_events (ledger_index),
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    verdict          TEXT NOT NULL,                -- confirm, override
    outcome          TEXT NOT NULL,                -- the outcome counsel settled on
    justification    TEXT NOT NULL,
    reviewer         TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX reviews_case ON reviews (case_id);

-- The duties a decision triggered (from the answer's obligations) and when each was met.
CREATE TABLE obligations (
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    rule             TEXT NOT NULL,
    text             TEXT NOT NULL,
    citations_json   TEXT NOT NULL,
    served_at        TEXT,                         -- as the officer gave it
    served_by        TEXT,                         -- the person who served the notice
    served_ledger_index INTEGER REFERENCES case_events (ledger_index),
    PRIMARY KEY (case_id, rule)
);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name     TEXT NOT NULL,
    roles            TEXT NOT NULL,                -- comma-separated: intake, supervisor, counsel, auditor, admin
    password_hash    TEXT NOT NULL,                -- ASP.NET Core Identity PasswordHasher (PBKDF2)
    must_change_password INTEGER NOT NULL,
    stamp            TEXT NOT NULL,                -- changes when roles or password change; sign-ins carry it
    created_at       TEXT NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0
);

-- Bearer tokens for other systems. Only a SHA-256 hash of each token is kept.
CREATE TABLE api_tokens (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id),
    label            TEXT NOT NULL,
    token_hash       BLOB NOT NULL UNIQUE,
    created_at       TEXT NOT NULL,
    revoked_at       TEXT
);

-- How far the tables are known to reflect the ledger: every ledger entry below `ledger_size` has
-- been projected (or is of a kind the cases do not keep). Entries from there on are checked at
-- start-up, so that a decision recorded just before a crash still gets its case.
CREATE TABLE projection (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    ledger_size      INTEGER NOT NULL
);
INSERT INTO projection (id, ledger_size) VALUES (1, 0);
