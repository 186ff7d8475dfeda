-- The keys that protect what leaves the PC (issue 25). Only public keys and fingerprints are
-- kept here: a college's package is this database, so a secret stored here would travel with
-- it. The secret halves are files beside the database (`service::keys`, SECURITY.md).

-- The school's register of its colleges' signing keys. A college's first package registers
-- the key that signed it (trust on first use; the two offices read its fingerprint to each
-- other by phone); a package signed by another key is refused until the school accepts that
-- key's fingerprint — then `public_key` is null until the first package signed by it.
CREATE TABLE college_key (
    college     TEXT PRIMARY KEY NOT NULL CHECK (length(trim(college)) > 0),
    public_key  TEXT CHECK (public_key IS NULL OR public_key LIKE 'xjcollege1%'),
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 23),
    -- When a package signed by this key was first imported (null: accepted, none yet).
    first_seen  TEXT,
    -- Who accepted the key and when (null: registered by its first package).
    accepted_by TEXT,
    accepted_at TEXT,
    CHECK (public_key IS NOT NULL OR accepted_by IS NOT NULL)
) STRICT;

-- This office's own key pairs, their public halves: what `xianjie school key show` and a
-- college's export name, and what tells that a key file went missing.
CREATE TABLE own_key (
    role        TEXT PRIMARY KEY NOT NULL CHECK (role IN ('school', 'college')),
    public_key  TEXT NOT NULL CHECK (length(public_key) > 10),
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 23),
    created_at  TEXT NOT NULL
) STRICT;

-- The school key a college last exported its package to, so that it exports again without
-- retyping it (one row).
CREATE TABLE package_recipient (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    recipient     TEXT NOT NULL CHECK (recipient LIKE 'age1%'),
    fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 23),
    remembered_at TEXT NOT NULL
) STRICT;
