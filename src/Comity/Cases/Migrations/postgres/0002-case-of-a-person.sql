-- Version 2 on PostgreSQL: ../0002-case-of-a-person.sql in PostgreSQL's types.

CREATE TABLE identities (
    commitment       TEXT PRIMARY KEY,
    salt             BYTEA NOT NULL,
    identity_json    TEXT NOT NULL,                -- the canonical bytes hashed: text, never jsonb (which would reorder them)
    search_text      TEXT NOT NULL
);

ALTER TABLE cases ADD COLUMN identity TEXT REFERENCES identities (commitment);

ALTER TABLE obligations ADD COLUMN withdrawn_ledger_index BIGINT REFERENCES case_events (ledger_index);

CREATE TABLE case_actions (
    ledger_index     BIGINT PRIMARY KEY REFERENCES case_events (ledger_index),
    case_id          BIGINT NOT NULL REFERENCES cases (id),
    action           TEXT NOT NULL,
    taken_at         TEXT NOT NULL,
    receiving_agency TEXT,
    attorney_present BIGINT,
    against_decision TEXT
);
CREATE INDEX case_actions_case ON case_actions (case_id, ledger_index);
CREATE INDEX case_actions_against ON case_actions (case_id) WHERE against_decision IS NOT NULL;
