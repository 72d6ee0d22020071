-- Version 7: requests for public records about ICE access (Gov. Code 7283.1(c) makes them public
-- records; 7922.535 sets the time to answer). Each row is the working view of a records-request
-- ledger entry and the extension and determination entries that follow it.

-- Who asked and what for, as given: a member of the public's name and words, kept here only. The
-- ledger entry holds the commitment (sha256 of salt || json) in their place.
CREATE TABLE records_particulars (
    commitment       TEXT PRIMARY KEY,
    salt             BLOB NOT NULL,
    particulars_json TEXT NOT NULL                 -- {"asked":...,"requester":...}: the bytes committed
);

CREATE TABLE records_requests (
    ledger_index     INTEGER PRIMARY KEY,          -- the records-request entry; the request's number
    jurisdiction     TEXT NOT NULL,
    unit             TEXT NOT NULL,
    received_at      TEXT NOT NULL,                -- as given (ISO 8601)
    particulars      TEXT REFERENCES records_particulars (commitment),
    cites_json       TEXT NOT NULL,                -- the law that sets the time, as the entry cites it
    first_due_at     TEXT,                         -- UTC; null where the stack's law sets no time
    due_at           TEXT,                         -- UTC, after any extension
    determination    TEXT,                         -- null while open
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX records_requests_due ON records_requests (determination, due_at);

CREATE TABLE records_request_events (
    ledger_index     INTEGER PRIMARY KEY,
    request          INTEGER NOT NULL REFERENCES records_requests (ledger_index),
    kind             TEXT NOT NULL,                -- records-extension, records-determination
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    body_json        TEXT NOT NULL,
    receipt_json     TEXT NOT NULL
);
CREATE INDEX records_request_events_request ON records_request_events (request, ledger_index);
