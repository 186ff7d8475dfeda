-- Xianjie store, version 1: org tree, graduation markings (G1–G4), members (§3), markings with
-- history (M3–M4), destination facts per cohort year (§4), deletion ledger (M9, F6), audit log.
-- Enum columns are CHECKed against the Rust enums' code() strings (a unit test keeps them in
-- step). Year-months are TEXT 'YYYY-MM'; timestamps are TEXT RFC 3339 UTC.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE orgs (
    id             INTEGER PRIMARY KEY,
    full_name      TEXT NOT NULL UNIQUE CHECK (length(trim(full_name)) > 0),
    level          TEXT NOT NULL CHECK (level IN ('committee', 'work_committee', 'general_branch', 'branch')),
    parent_id      INTEGER REFERENCES orgs(id) ON DELETE RESTRICT,
    category       TEXT CHECK (category IS NULL OR category IN (
                       'party_government', 'public_institution', 'university', 'vocational_college',
                       'high_school', 'secondary_vocational', 'complete_middle_school',
                       'junior_middle_school', 'primary_school', 'nine_year_school',
                       'twelve_year_school', 'state_enterprise', 'collective_enterprise',
                       'private_enterprise', 'social_organization', 'urban_community', 'rural')),
    kind           TEXT NOT NULL DEFAULT 'ordinary'
                       CHECK (kind IN ('ordinary', 'flowing', 'abroad_study', 'deferred', 'temporary')),
    -- G1: a year-month, or the reason none can be fixed; only branches carry one.
    graduates      TEXT CHECK (graduates IS NULL OR graduates GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    no_date_reason TEXT CHECK (no_date_reason IS NULL OR no_date_reason IN ('teacher', 'mixed')),
    CHECK (graduates IS NULL OR no_date_reason IS NULL),
    CHECK (level = 'branch' OR (graduates IS NULL AND no_date_reason IS NULL)),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_graduation_year ON orgs(substr(graduates, 1, 4)) WHERE graduates IS NOT NULL;

-- G4: changing an already-marked date needs upper-level approval (feeds F3).
CREATE TABLE graduation_changes (
    id            INTEGER PRIMARY KEY,
    branch_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    old_graduates TEXT NOT NULL CHECK (old_graduates GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    new_graduates TEXT NOT NULL CHECK (new_graduates GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    submitted_at  TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_at    TEXT,
    decided_by    TEXT,
    decision_note TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (old_graduates <> new_graduates)
) STRICT;
CREATE UNIQUE INDEX graduation_changes_one_pending ON graduation_changes(branch_id) WHERE status = 'pending';

-- §3 member records; M2: one per ID number.
CREATE TABLE members (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sex               TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    ethnicity         TEXT,
    id_number         TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
    student_no        TEXT,
    college           TEXT,
    branch_id         INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
    joined            TEXT CHECK (joined IS NULL OR joined GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    development_no    TEXT,
    politics          TEXT NOT NULL CHECK (politics IN ('league', 'probationary_party', 'party', 'masses')),
    league_post       INTEGER NOT NULL DEFAULT 0 CHECK (league_post IN (0, 1)),
    mobile            TEXT,
    dues_paid_to      TEXT CHECK (dues_paid_to IS NULL OR dues_paid_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    identity_verified INTEGER NOT NULL DEFAULT 0 CHECK (identity_verified IN (0, 1)),
    status            TEXT NOT NULL DEFAULT 'graduating' CHECK (status IN ('graduating', 'dropout', 'suspended')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX members_branch ON members(branch_id);

-- M3: the current marking (at most one per member); revoking (M4) deletes the row.
CREATE TABLE markings (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('deferred', 'teacher')),
    graduates TEXT CHECK (graduates IS NULL OR graduates GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    reason    TEXT,
    marked_at TEXT NOT NULL,
    marked_by TEXT NOT NULL,
    CHECK ((kind = 'deferred' AND graduates IS NOT NULL AND length(trim(coalesce(reason, ''))) > 0)
        OR (kind = 'teacher' AND graduates IS NULL AND reason IS NULL))
) STRICT;
CREATE INDEX markings_deferred_year ON markings(substr(graduates, 1, 4)) WHERE kind = 'deferred';

-- M3–M4: every mark and revoke, in order.
CREATE TABLE marking_history (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    action    TEXT NOT NULL CHECK (action IN ('mark', 'revoke')),
    kind      TEXT NOT NULL CHECK (kind IN ('deferred', 'teacher')),
    graduates TEXT,
    reason    TEXT,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL
) STRICT;
CREATE INDEX marking_history_member ON marking_history(member_id);

-- §4 destination facts, one row per graduate and cohort year.
CREATE TABLE destinations (
    member_id               INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    cohort_year             INTEGER NOT NULL CHECK (cohort_year BETWEEN 1900 AND 2100),
    kind                    TEXT NOT NULL CHECK (kind IN ('study', 'employed', 'abroad_work', 'abroad_study',
                                'abroad_private', 'none', 'army', 'classified', 'postgrad_teaching')),
    employer_has_org        INTEGER NOT NULL CHECK (employer_has_org IN (0, 1)),
    labor_dispatch          INTEGER NOT NULL CHECK (labor_dispatch IN (0, 1)),
    system                  TEXT CHECK (system IS NULL OR system IN ('railway', 'civil_aviation',
                                'central_finance', 'central_enterprise', 'central_state_organs')),
    province                TEXT,
    central_unit_in_beijing INTEGER NOT NULL CHECK (central_unit_in_beijing IN (0, 1)),
    retain_in_school        INTEGER NOT NULL CHECK (retain_in_school IN (0, 1)),
    note                    TEXT CHECK (note IS NULL OR note IN ('retake_postgrad_exam', 'employer_wants_file')),
    chosen_reason           TEXT CHECK (chosen_reason IS NULL OR chosen_reason IN
                                ('R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8')),
    has_details             INTEGER NOT NULL CHECK (has_details IN (0, 1)),
    study_level             TEXT,
    unit_name               TEXT,
    address                 TEXT,
    target_org              TEXT,
    city                    TEXT,
    updated_at              TEXT NOT NULL,
    PRIMARY KEY (member_id, cohort_year)
) STRICT;
CREATE INDEX destinations_year ON destinations(cohort_year);

-- M9 / F6 删除团员台账: survives the member row (no foreign key on purpose).
CREATE TABLE member_deletions (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER NOT NULL,
    name             TEXT NOT NULL,
    branch_full_name TEXT NOT NULL,
    id_number        TEXT NOT NULL,
    student_no       TEXT,
    college          TEXT,
    reason           TEXT NOT NULL CHECK (reason IN ('wrong_identity', 'not_a_member', 'death', 'school_confirmed')),
    note             TEXT,
    at               TEXT NOT NULL,
    operator         TEXT NOT NULL,
    CHECK (reason <> 'school_confirmed' OR length(trim(coalesce(note, ''))) > 0)
) STRICT;

-- Every change to business data, hash-chained so that edits outside the program are detected.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    old_json  TEXT,
    new_json  TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
