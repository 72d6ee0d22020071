-- Version 5 on PostgreSQL: ../0005-case-documents.sql in PostgreSQL's types.

CREATE TABLE case_documents (
    ledger_index     BIGINT PRIMARY KEY REFERENCES case_events (ledger_index),
    case_id          BIGINT NOT NULL REFERENCES cases (id),
    sha256           TEXT NOT NULL,
    media_type       TEXT NOT NULL,
    bytes            BIGINT NOT NULL,
    UNIQUE (case_id, sha256)
);

CREATE TABLE case_disclosures (
    disclosure_id    TEXT PRIMARY KEY,
    case_id          BIGINT NOT NULL REFERENCES cases (id),
    ledger_index     BIGINT NOT NULL UNIQUE,
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    rows_read        BIGINT NOT NULL,
    rows_written     BIGINT NOT NULL,
    fields_kept      BIGINT NOT NULL,
    fields_dropped   BIGINT NOT NULL
);
CREATE INDEX case_disclosures_case ON case_disclosures (case_id, ledger_index);

UPDATE projection SET ledger_size = 0 WHERE id = 1;
