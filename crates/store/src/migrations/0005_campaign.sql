-- The 毕业去向 collection (issue 18): which branch's workbook came back when, so the office
-- sees who has answered and who has not. One row per branch and cohort year: the latest
-- return; every import is audited as well.
CREATE TABLE collect_return (
    branch_id   INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    cohort_year INTEGER NOT NULL CHECK (cohort_year BETWEEN 1900 AND 2100),
    file        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    exported_at TEXT    NOT NULL,
    imported_at TEXT    NOT NULL,
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    PRIMARY KEY (branch_id, cohort_year)
) STRICT;

-- Review by exception (issue 18): the graduates whose recommendation the secretary checked
-- and accepted, with what it said then (a fingerprint: when the facts change the answer, the
-- mark no longer holds and the graduate is back in the queue). Every mark is audited.
CREATE TABLE review (
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    cohort_year INTEGER NOT NULL CHECK (cohort_year BETWEEN 1900 AND 2100),
    fingerprint TEXT    NOT NULL,
    reviewed_at TEXT    NOT NULL,
    PRIMARY KEY (member_id, cohort_year)
) STRICT;
