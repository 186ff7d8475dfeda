-- Letter register (rules.md §6 L1) and the two small ledgers the office keeps by hand for
-- F4 (special-case transfers) and F5 (development-number conflicts). Changes are audited in
-- audit_log (entity letter / letter_issuer / special_case / devno_conflict).

-- Last number used per issuing committee per year; it only ever grows, so a number is never
-- reused, not even after a void.
CREATE TABLE letter_counter (
    issuer_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL CHECK (last_seq >= 0),
    PRIMARY KEY (issuer_id, year)
) STRICT;

-- What an issuing committee prints on every letter: entered once, used by every issue.
CREATE TABLE letter_issuer (
    org_id         INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    phone          TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    postcode       TEXT    NOT NULL DEFAULT '',
    handler        TEXT    NOT NULL DEFAULT '',
    handler_mobile TEXT    NOT NULL DEFAULT '',
    digits         INTEGER NOT NULL DEFAULT 3 CHECK (digits BETWEEN 3 AND 5)
) STRICT;

CREATE TABLE letter (
    id                  INTEGER PRIMARY KEY,
    issuer_id           INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
    year                INTEGER NOT NULL,
    seq                 INTEGER NOT NULL CHECK (seq >= 1),
    number              TEXT    NOT NULL,
    member_id           INTEGER NOT NULL,
    member_name         TEXT    NOT NULL,
    issuer_name         TEXT    NOT NULL,
    receiver            TEXT    NOT NULL,
    reason              TEXT    NOT NULL,
    archive             TEXT    NOT NULL,
    archive_other       TEXT,
    issued_on           TEXT    NOT NULL,
    valid_until         TEXT    NOT NULL,
    receipt_due         TEXT    NOT NULL,
    receipt_returned_on TEXT,
    voided_at           TEXT,
    void_reason         TEXT,
    -- member_id has no foreign key on purpose: the register outlives a deleted member (M9).
    -- Exactly what was printed (LetterData as JSON), so a reprint is identical.
    printed             TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    created_by          TEXT,
    UNIQUE (issuer_id, year, seq),
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX letter_member ON letter (member_id);

-- F4 学社衔接转出特殊情况记录: returned, refused or stuck transfers.
CREATE TABLE special_case (
    id             INTEGER PRIMARY KEY,
    member_id      INTEGER,
    name           TEXT    NOT NULL,
    student_no     TEXT    NOT NULL DEFAULT '',
    college        TEXT    NOT NULL DEFAULT '',
    branch_id      INTEGER,
    original_org   TEXT    NOT NULL DEFAULT '',
    transfer_type  TEXT    NOT NULL DEFAULT '',
    province       TEXT    NOT NULL DEFAULT '',
    city           TEXT    NOT NULL DEFAULT '',
    target_org     TEXT    NOT NULL DEFAULT '',
    kind           TEXT    NOT NULL CHECK (kind IN ('returned', 'refused', 'stuck')),
    initiated      INTEGER NOT NULL CHECK (initiated IN (0, 1)),
    refusal_reason TEXT    NOT NULL DEFAULT '',
    remark         TEXT    NOT NULL DEFAULT '',
    cohort_year    INTEGER,
    recorded_at    TEXT    NOT NULL
) STRICT;

-- F5 团员发展编号被占用汇总表.
CREATE TABLE devno_conflict (
    id             INTEGER PRIMARY KEY,
    member_id      INTEGER,
    province       TEXT    NOT NULL DEFAULT '',
    branch         TEXT    NOT NULL DEFAULT '',
    college        TEXT    NOT NULL DEFAULT '',
    name           TEXT    NOT NULL,
    id_number      TEXT    NOT NULL,
    development_no TEXT    NOT NULL,
    occupied_by    TEXT    NOT NULL DEFAULT '',
    cohort_year    INTEGER,
    recorded_at    TEXT    NOT NULL
) STRICT;
