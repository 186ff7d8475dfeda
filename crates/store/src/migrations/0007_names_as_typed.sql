-- Names as typed (issue 23, rules.md §1 名称按原样保存). Up to version 6 every name was stored
-- full-width folded: “共青团某某大学（东校区）委员会” became “…(东校区)委员会”, a wrong 系统内全称
-- for 智慧团建 and the F-tables. From version 7 a name is kept as typed and matched by a folded
-- key: orgs.name_key (text::clean of the full name), unique, so that “（东校区）” and
-- “(东校区)” still name one org. The key is filled, and the org names the fold is known to
-- have changed are restored, by this migration's Rust step (`names::restore`, in the same
-- transaction), which records each restoration here and in the audit log for the secretary
-- to check against 智慧团建.
ALTER TABLE orgs ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX orgs_name_key ON orgs(name_key);

-- One org name the upgrade restored: before (as version 6 stored it) → after, and why.
CREATE TABLE name_restoration (
    id       INTEGER PRIMARY KEY,
    org_id   INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    before   TEXT    NOT NULL,
    after    TEXT    NOT NULL CHECK (after <> before),
    -- 'evidence': the same name stored elsewhere with full-width punctuation;
    -- 'rule': brackets and punctuation inside Chinese text with no ASCII word.
    basis    TEXT    NOT NULL CHECK (basis IN ('evidence', 'rule')),
    -- Where the evidence was found (table.column), for 'evidence'.
    evidence TEXT,
    at       TEXT    NOT NULL
) STRICT;
