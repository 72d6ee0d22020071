-- Version 7 on PostgreSQL: ../0007-records-requests.sql in PostgreSQL's types.

CREATE TABLE records_particulars (
    commitment       TEXT PRIMARY KEY,
    salt             BYTEA NOT NULL,
    particulars_json TEXT NOT NULL                 -- the canonical bytes hashed: text, never jsonb
);

CREATE TABLE records_requests (
    ledger_index     BIGINT PRIMARY KEY,
    jurisdiction     TEXT NOT NULL,
    unit             TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    particulars      TEXT REFERENCES records_particulars (commitment),
    cites_json       TEXT NOT NULL,
    first_due_at     TEXT,
    due_at           TEXT,
    determination    TEXT,
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX records_requests_due ON records_requests (determination, due_at);

CREATE TABLE records_request_events (
    ledger_index     BIGINT PRIMARY KEY,
    request          BIGINT NOT NULL REFERENCES records_requests (ledger_index),
    kind             TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    body_json        TEXT NOT NULL,
    receipt_json     TEXT NOT NULL
);
CREATE INDEX records_request_events_request ON records_request_events (request, ledger_index);
