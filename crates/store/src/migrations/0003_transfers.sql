-- Transfers (W1–W3a), one row per step, and the campaign settings per year (W5a).
-- member_id has no foreign key on purpose: a member coming in may not be on the roster yet,
-- and a transfer's history outlives a roster deletion (M9); the audit log names both.
CREATE TABLE transfer (
    id             INTEGER PRIMARY KEY,
    member_id      INTEGER NOT NULL,
    year           INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    initiator      TEXT NOT NULL CHECK (initiator IN ('outgoing', 'incoming', 'member')),
    reason         TEXT NOT NULL CHECK (reason IN ('R1','R2','R3','R4','R5','R6','R7','R8')),
    destination    TEXT NOT NULL,
    region_kind    TEXT CHECK (region_kind IN ('province', 'system')),
    region         TEXT,
    jing_yue_min   INTEGER NOT NULL CHECK (jing_yue_min IN (0, 1)),
    into_committee INTEGER NOT NULL CHECK (into_committee IN (0, 1)),
    own_college_id INTEGER,
    own_branch_id  INTEGER,
    own_flowing    INTEGER CHECK (own_flowing IN (0, 1)),
    resubmission   INTEGER NOT NULL CHECK (resubmission IN (0, 1)),
    -- Derived from the events; kept for queries and the one-active index.
    state          TEXT NOT NULL CHECK (state IN ('planned', 'pending', 'awaiting_allocation',
                                                  'done', 'revoked', 'returned', 'auto_terminated')),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX transfer_member ON transfer (member_id);
CREATE INDEX transfer_year ON transfer (year);
-- W1: one active transfer per member, also guarded by the database.
CREATE UNIQUE INDEX transfer_one_active ON transfer (member_id)
    WHERE state IN ('planned', 'pending', 'awaiting_allocation');

CREATE TABLE transfer_event (
    id          INTEGER PRIMARY KEY,
    transfer_id INTEGER NOT NULL REFERENCES transfer (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    on_date     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('start', 'approve', 'auto_pass', 'allocate', 'revoke',
                                              'return', 'auto_terminate', 'done')),
    node        TEXT,
    branch      TEXT,
    reason      TEXT,
    actor       TEXT NOT NULL,
    note        TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (transfer_id, seq)
) STRICT;

CREATE TABLE campaign_settings (
    year       INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
    settings   TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
