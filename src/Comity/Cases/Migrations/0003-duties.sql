-- Version 3: case duties and agency duties, with due times; referrals of single items.

-- Whose each duty is, on whom it is served and when it falls due (from the stack's duties.json
-- when the decision was recorded). An agency duty (a report, a forum) is kept for the reports but
-- never goes on a case's checklist and is never served on a case.
ALTER TABLE obligations ADD COLUMN kind TEXT NOT NULL DEFAULT 'case';          -- case, agency
ALTER TABLE obligations ADD COLUMN owed_to TEXT NOT NULL DEFAULT 'person';     -- person, attorney (comma-separated); empty for an agency duty
ALTER TABLE obligations ADD COLUMN due_basis TEXT NOT NULL DEFAULT 'on-receipt'; -- on-receipt, before-interview, at-release, none
ALTER TABLE obligations ADD COLUMN due_at TEXT;                                -- UTC, ISO 8601; null while the time is not known (before the interview, at release) or there is none
CREATE INDEX obligations_open_due ON obligations (due_at) WHERE served_at IS NULL AND withdrawn_ledger_index IS NULL AND kind = 'case';

-- The data items the answer in force refers to counsel (comma-separated; empty when none), and
-- since when the case waits for counsel.
ALTER TABLE cases ADD COLUMN referred_items TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN waiting_since TEXT;
UPDATE cases SET waiting_since = recorded_at WHERE status = 'awaiting-counsel';
