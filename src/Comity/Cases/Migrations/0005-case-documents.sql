-- Version 5: the papers of a case (the document ICE sent, attached by intake), the disclosures
-- cut for a case, and notice entries on the case's timeline. (Version 4 is the access log.)

-- A document attached to a case: the file is kept content-addressed in DATA/documents/, named by
-- its SHA-256; the ledger's document entry names the same hash. The file's own name is never kept:
-- it can name the person.
CREATE TABLE case_documents (
    ledger_index     INTEGER PRIMARY KEY REFERENCES case_events (ledger_index),
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    sha256           TEXT NOT NULL,                -- sha256:HEX of the file's bytes
    media_type       TEXT NOT NULL,                -- from the file's first bytes: application/pdf, image/png, image/jpeg, image/tiff
    bytes            INTEGER NOT NULL,
    UNIQUE (case_id, sha256)
);

-- A disclosure cut from a case's decided request in the web app (DATA/disclosures/ID.*): which
-- case it was for. The disclosure's own ledger entry holds the request and the manifest.
CREATE TABLE case_disclosures (
    disclosure_id    TEXT PRIMARY KEY,             -- 32 hex digits, as DATA/disclosures names it
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    ledger_index     INTEGER NOT NULL UNIQUE,      -- the disclosure entry
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    rows_read        INTEGER NOT NULL,
    rows_written     INTEGER NOT NULL,
    fields_kept      INTEGER NOT NULL,
    fields_dropped   INTEGER NOT NULL
);
CREATE INDEX case_disclosures_case ON case_disclosures (case_id, ledger_index);

-- Notice and document entries now join a case's events: the ledger is read again from its start
-- once, so that notices printed before this version reach their cases' timelines.
UPDATE projection SET ledger_size = 0 WHERE id = 1;
