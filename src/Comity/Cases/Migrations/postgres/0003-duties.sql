-- Version 3 on PostgreSQL: ../0003-duties.sql in PostgreSQL's types.

ALTER TABLE obligations ADD COLUMN kind TEXT NOT NULL DEFAULT 'case';
ALTER TABLE obligations ADD COLUMN owed_to TEXT NOT NULL DEFAULT 'person';
ALTER TABLE obligations ADD COLUMN due_basis TEXT NOT NULL DEFAULT 'on-receipt';
ALTER TABLE obligations ADD COLUMN due_at TEXT;
CREATE INDEX obligations_open_due ON obligations (due_at) WHERE served_at IS NULL AND withdrawn_ledger_index IS NULL AND kind = 'case';

ALTER TABLE cases ADD COLUMN referred_items TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN waiting_since TEXT;
UPDATE cases SET waiting_since = recorded_at WHERE status = 'awaiting-counsel';
