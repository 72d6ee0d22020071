-- Version 2: who a case is about, corrections, voids and what the unit did.

-- subject.identity of each case, kept here only. The ledger's decision (or correction) entry
-- commits it by a salted hash, "sha256:HEX" of salt || identity_json, never in clear. A row is
-- written before the ledger entry that commits it, so that a crash between the two loses nothing;
-- a row that no case names is never shown.
CREATE TABLE identities (
    commitment       TEXT PRIMARY KEY,             -- sha256:HEX, as the ledger entry names it
    salt             BLOB NOT NULL,                -- 32 random bytes
    identity_json    TEXT NOT NULL,                -- subject.identity in RFC 8785 canonical form: the bytes hashed
    search_text      TEXT NOT NULL                 -- lower-case words the case list searches (name, booking, A-number, ...)
);

-- The identity in force (null: the request named nobody).
ALTER TABLE cases ADD COLUMN identity TEXT REFERENCES identities (commitment);

-- A duty a correction's answer no longer lists: kept, marked by the correction that withdrew it.
ALTER TABLE obligations ADD COLUMN withdrawn_ledger_index INTEGER REFERENCES case_events (ledger_index);

-- What the unit did on a case (action entries), and whether the decision in force then allowed it.
CREATE TABLE case_actions (
    ledger_index     INTEGER PRIMARY KEY REFERENCES case_events (ledger_index),
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    action           TEXT NOT NULL,                -- notified, information-given, transferred, interview-held, declined, released
    taken_at         TEXT NOT NULL,                -- as staff gave it, ISO 8601 with offset
    receiving_agency TEXT,                         -- transferred: to whom
    attorney_present INTEGER,                      -- interview-held: 1 or 0
    against_decision TEXT                          -- null when the decision in force allowed it; else why not, in a sentence
);
CREATE INDEX case_actions_case ON case_actions (case_id, ledger_index);
CREATE INDEX case_actions_against ON case_actions (case_id) WHERE against_decision IS NOT NULL;
