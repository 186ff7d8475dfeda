-- The school level (issue 16): the campaign packages the school's colleges sent, one per
-- college — the latest, whole (the college's own database, sealed): a college's data stays
-- that college's, and a newer package replaces it in one statement. Every import is audited
-- (file and SHA-256).
CREATE TABLE college_package (
    college        TEXT    PRIMARY KEY NOT NULL CHECK (length(trim(college)) > 0),
    school         TEXT    NOT NULL,
    cohort_year    INTEGER NOT NULL CHECK (cohort_year BETWEEN 1900 AND 2100),
    exported_at    TEXT    NOT NULL,
    sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
    program        TEXT    NOT NULL,
    schema_version INTEGER NOT NULL CHECK (schema_version > 0),
    file           TEXT    NOT NULL,
    imported_at    TEXT    NOT NULL,
    members        INTEGER NOT NULL CHECK (members >= 0),
    graduates      INTEGER NOT NULL CHECK (graduates >= 0),
    data           BLOB    NOT NULL
) STRICT;
