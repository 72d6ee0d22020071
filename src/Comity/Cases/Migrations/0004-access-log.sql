-- Version 4: the access log (every read of a case, issue 18 point 14), counsel's verdict per data
-- item, and sign-in protection (lockout after repeated failures; who issued each API token).

-- One row per read of a case, a disclosure or a search: who (as ledger entries name an actor),
-- with which roles, what was read (the route, never its query string), when, and which case.
-- Never the person's identity: a case is named by its id only, a search only by the fact that it
-- was made (its words can be a name), a notice or a document by its own id.
CREATE TABLE access_log (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,                -- UTC, ISO 8601
    user_name        TEXT NOT NULL,                -- the actor, as entries name it
    roles            TEXT NOT NULL,                -- comma-separated, as held at the time
    door             TEXT NOT NULL,                -- page, api
    what             TEXT NOT NULL,                -- the route read, such as /cases/{id}/notices/{notice}
    case_id          INTEGER,                      -- null when no one case was read (a search, a disclosure)
    detail           TEXT NOT NULL DEFAULT ''      -- the route's other values (a notice's id, a document's digest)
);
CREATE INDEX access_log_case ON access_log (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX access_log_user ON access_log (user_name COLLATE NOCASE, id);

-- Counsel's outcome for each data item, as the review entry says (JSON object item -> outcome;
-- null for a review of the whole request, and for every review before version 4).
ALTER TABLE reviews ADD COLUMN items_json TEXT;

-- Failed sign-ins since the last good one; an account is locked at the fifth (CJIS 5.5.3) until an
-- administrator unlocks it.
ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_at TEXT;

-- Who issued a token (an administrator may issue one for another user; actions with it name both).
-- Null for tokens issued before version 4.
ALTER TABLE api_tokens ADD COLUMN issued_by TEXT;

-- What happened to accounts: locked after failed sign-ins, unlocked, tokens issued and revoked,
-- passwords reset, accounts disabled and enabled; by whom (null: by the sign-in itself).
CREATE TABLE account_events (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,                -- UTC, ISO 8601
    user_name        TEXT NOT NULL,                -- the account it happened to
    event            TEXT NOT NULL,                -- locked, unlocked, token-issued, token-revoked, password-reset, disabled, enabled
    by_name          TEXT,
    detail           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_events_user ON account_events (user_name COLLATE NOCASE, id);
