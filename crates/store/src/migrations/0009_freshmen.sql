-- The September half (issue 24, rules.md §9): the new students a campaign year receives, as
-- the freshmen list gives them, one row per student and year. Names and units are kept as
-- typed; the class branch is found by its folded key (orgs.name_key). Non-members (群众, and
-- whoever the engine finds is no longer a member) are kept and listed, outside every league
-- count: membership is the engine's answer, never a column.
CREATE TABLE freshman (
    id                INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    name              TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    id_number         TEXT    NOT NULL CHECK (length(id_number) = 18),
    student_no        TEXT,
    college           TEXT,
    major             TEXT,
    class             TEXT,
    -- The class branch's full name (as the list gave it, or in the office's pattern) and its
    -- folded key: the org may not exist yet (N1: the branches are built after enrolment).
    branch            TEXT,
    branch_key        TEXT,
    politics          TEXT    NOT NULL CHECK (politics IN ('league', 'probationary_party', 'party', 'masses')),
    level             TEXT    NOT NULL CHECK (level IN ('undergraduate', 'postgraduate')),
    own_graduate      INTEGER NOT NULL CHECK (own_graduate IN (0, 1)),
    league_post       INTEGER NOT NULL CHECK (league_post IN (0, 1)),
    former_unit       TEXT,
    former_province   TEXT,
    joined            TEXT    CHECK (joined IS NULL OR joined GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    development_no    TEXT    CHECK (development_no IS NULL OR length(development_no) = 12),
    account           TEXT    NOT NULL CHECK (account IN ('usable', 'none', 'deleted', 'duplicate',
                                                           'file_not_uploaded', 'unknown')),
    join_date_differs INTEGER NOT NULL CHECK (join_date_differs IN (0, 1)),
    -- N8: the admitted major's college, when the list gives one.
    admitted_college  TEXT,
    -- N7: 定向委培, the post held in the original unit, and the request to stay there.
    commissioned      INTEGER NOT NULL CHECK (commissioned IN (0, 1)),
    post_in_unit      TEXT,
    asks_to_stay      INTEGER NOT NULL CHECK (asks_to_stay IN (0, 1)),
    -- N11: the list says the student brought a paper letter (its details: freshman_letter).
    brought_letter    INTEGER NOT NULL CHECK (brought_letter IN (0, 1)),
    -- N1: the student's own enrolment date; NULL: the year's (incoming_settings).
    enrolled          TEXT    CHECK (enrolled IS NULL OR enrolled GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    UNIQUE (year, id_number)
) STRICT;
CREATE INDEX freshman_branch ON freshman (branch_key);

-- N1's settings of a campaign year beside its campaign_settings (W5a): the school's
-- enrolment date and the months within which every transfer in is started (JSON).
CREATE TABLE incoming_settings (
    year       INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
    settings   TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
) STRICT;

-- N11: a paper 团组织关系介绍信 a new student brought — its number, issuer and date — and
-- the 回执 (L1's third part) the office returns within a month: printed, and when sent.
CREATE TABLE freshman_letter (
    id                 INTEGER PRIMARY KEY,
    freshman_id        INTEGER NOT NULL REFERENCES freshman (id) ON DELETE RESTRICT,
    number             TEXT    NOT NULL CHECK (length(trim(number)) > 0),
    issuer             TEXT    NOT NULL CHECK (length(trim(issuer)) > 0),
    issued_on          TEXT    NOT NULL,
    received_on        TEXT    NOT NULL,
    receipt_due        TEXT    NOT NULL,
    receipt_printed_at TEXT,
    receipt_sent_on    TEXT,
    note               TEXT,
    recorded_at        TEXT    NOT NULL,
    CHECK (issued_on <= received_on)
) STRICT;
CREATE INDEX freshman_letter_student ON freshman_letter (freshman_id);

-- An incoming transfer of a new student (N1, N3) is an ordinary transfer, filed in the
-- ledger under the key −freshman.id (roster members' ids are positive): one W1 guard, one
-- state machine, one rates calculation. The link is kept explicitly as well.
ALTER TABLE transfer ADD COLUMN freshman_id INTEGER REFERENCES freshman (id)
    CHECK (freshman_id IS NULL OR member_id = -freshman_id);
CREATE INDEX transfer_freshman ON transfer (freshman_id) WHERE freshman_id IS NOT NULL;
