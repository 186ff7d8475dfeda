//! The schema's history: an ordered list of SQL scripts, each applied once in its own
//! transaction and recorded in `PRAGMA user_version`.
//!
//! Appending a migration is one line in [`MIGRATIONS`] plus its `.sql` file (and, when SQL
//! alone cannot say it, a Rust `step` run after the SQL in the same transaction); never edit a
//! migration that has shipped (databases in the field already ran it).

use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use xianjie_domain::{Error, ErrorCode, Result};

/// One schema step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The `user_version` after this step; versions are 1, 2, 3… in list order.
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
    /// Run after `sql`, in its transaction: what SQL alone cannot compute.
    pub step: Option<fn(&Connection) -> Result<()>>,
}

/// Every migration, in order: the one list of the store's schema.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial: orgs, members, markings, destinations, deletions, audit log",
        sql: include_str!("migrations/0001_initial.sql"),
        step: None,
    },
    Migration {
        version: 2,
        name: "documents: letter register, F4/F5 ledgers",
        sql: include_str!("migrations/0002_letters.sql"),
        step: None,
    },
    Migration {
        version: 3,
        name: "transfers, transfer events, campaign settings",
        sql: include_str!("migrations/0003_transfers.sql"),
        step: None,
    },
    Migration {
        version: 4,
        name: "report indexes: a cohort's members and destinations from index pages",
        sql: include_str!("migrations/0004_report_indexes.sql"),
        step: None,
    },
    Migration {
        version: 5,
        name: "campaign: the workbooks branches returned, the recommendations reviewed",
        sql: include_str!("migrations/0005_campaign.sql"),
        step: None,
    },
    Migration {
        version: 6,
        name: "school: the campaign packages of the school's colleges",
        sql: include_str!("migrations/0006_packages.sql"),
        step: None,
    },
    Migration {
        version: 7,
        name: "names as typed: org name keys, full-width names restored and recorded",
        sql: include_str!("migrations/0007_names_as_typed.sql"),
        step: Some(crate::names::restore),
    },
    Migration {
        version: 8,
        name: "keys: colleges' signing keys, this office's public keys, the package recipient",
        sql: include_str!("migrations/0008_keys.sql"),
        step: None,
    },
    Migration {
        version: 9,
        name: "freshmen: the new students, N1's settings, letters received, transfers in",
        sql: include_str!("migrations/0009_freshmen.sql"),
        step: None,
    },
];

/// The schema version this program writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The database's `user_version`.
pub fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    u32::try_from(v).map_err(|_| Error::storage(format!("数据库版本号 {v} 无效")))
}

/// Refuses a database written by a newer program (reads only).
pub(crate) fn check_version(conn: &Connection, path: &Path) -> Result<u32> {
    let found = user_version(conn)?;
    let supported = latest_version();
    if found > supported {
        return Err(Error::new(
            ErrorCode::DatabaseTooNew,
            format!(
                "数据库文件 {} 由更新版本的学社衔接助手写入（数据库版本 {found}；本程序版本 {}，只支持到数据库版本 {supported}），为避免损坏数据，未做任何修改；请升级本程序后再打开",
                path.display(),
                env!("CARGO_PKG_VERSION")
            ),
        ));
    }
    Ok(found)
}

/// Applies every migration newer than the database, each in its own immediate transaction
/// (so two programs opening the same new file do not both apply it). Returns how many ran.
pub(crate) fn run(conn: &mut Connection, path: &Path) -> Result<usize> {
    run_to(conn, path, latest_version())
}

/// [`run`] stopped at version `target` (dev: fixture databases of earlier versions).
pub(crate) fn run_to(conn: &mut Connection, path: &Path, target: u32) -> Result<usize> {
    check_version(conn, path)?;
    let mut applied = 0;
    for m in MIGRATIONS.iter().filter(|m| m.version <= target) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if check_version(&tx, path)? >= m.version {
            continue;
        }
        let done = tx
            .execute_batch(m.sql)
            .map_err(Error::from)
            .and_then(|()| m.step.map_or(Ok(()), |step| step(&tx)));
        done.map_err(|inner| {
            Error::new(
                inner.code,
                format!(
                    "数据库升级到版本 {}（{}）失败，数据库未被修改：{}",
                    m.version, m.name, inner.message
                ),
            )
        })?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
        applied += 1;
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive() {
        for (want, m) in (1..).zip(MIGRATIONS) {
            assert_eq!(m.version, want, "{}", m.name);
        }
    }

    /// Every enum column's CHECK lists exactly the Rust codes (both directions are tested by
    /// inserting in the store tests; here: no code is missing from the SQL).
    #[test]
    fn enum_codes_are_in_the_schema() {
        use xianjie_domain::destination::{
            DestinationKind, Reason, RetentionNote, SystemCommittee,
        };
        use xianjie_domain::member::{DeletionReason, MarkingKind, Politics, StudyStatus};
        use xianjie_domain::org::{NoDateReason, OrgCategory, OrgKind, OrgLevel};
        let sql = MIGRATIONS[0].sql;
        let mut codes: Vec<&str> = Vec::new();
        codes.extend(OrgLevel::ALL.iter().map(|c| c.code()));
        codes.extend(OrgKind::ALL.iter().map(|c| c.code()));
        codes.extend(OrgCategory::ALL.iter().map(|c| c.code()));
        codes.extend(NoDateReason::ALL.iter().map(|c| c.code()));
        codes.extend(Politics::ALL.iter().map(|c| c.code()));
        codes.extend(StudyStatus::ALL.iter().map(|c| c.code()));
        codes.extend(MarkingKind::ALL.iter().map(|c| c.code()));
        codes.extend(DeletionReason::ALL.iter().map(|c| c.code()));
        codes.extend(DestinationKind::ALL.iter().map(|c| c.code()));
        codes.extend(SystemCommittee::ALL.iter().map(|c| c.code()));
        codes.extend(RetentionNote::ALL.iter().map(|c| c.code()));
        codes.extend(Reason::ALL.iter().map(|c| c.code()));
        for code in codes {
            assert!(sql.contains(&format!("'{code}'")), "{code} missing");
        }
    }

    /// The freshmen table's enum CHECKs list the receiving engine's codes.
    #[test]
    fn freshman_codes_are_in_the_schema() {
        use xianjie_domain::engine::incoming::{AccountStatus, StudyLevel};
        let sql = MIGRATIONS
            .iter()
            .find(|m| m.version == 9)
            .map_or("", |m| m.sql);
        let codes = AccountStatus::ALL
            .iter()
            .map(|c| c.code())
            .chain(StudyLevel::ALL.iter().map(|c| c.code()));
        for code in codes {
            assert!(sql.contains(&format!("'{code}'")), "{code} missing");
        }
    }

    /// The CHECKs bite: an unknown code or a marking on a non-branch is refused by SQLite.
    #[test]
    fn checks_refuse_unknown_codes() -> xianjie_domain::Result<()> {
        let store = crate::Store::open_in_memory()?;
        let c = store.connection();
        let bad = [
            "INSERT INTO orgs (full_name, level) VALUES ('a', 'school')",
            "INSERT INTO orgs (full_name, level, kind) VALUES ('b', 'branch', 'odd')",
            "INSERT INTO orgs (full_name, level, graduates) VALUES ('c', 'committee', '2026-07')",
            "INSERT INTO orgs (full_name, level, graduates, no_date_reason) VALUES ('d', 'branch', '2026-07', 'teacher')",
            "INSERT INTO orgs (full_name, level, graduates) VALUES ('e', 'branch', '2026-7')",
            "INSERT INTO member_deletions (member_id, name, branch_full_name, id_number, reason, at, operator) VALUES (1, 'x', 'y', 'z', 'dropout', 't', 'o')",
            "INSERT INTO member_deletions (member_id, name, branch_full_name, id_number, reason, at, operator) VALUES (1, 'x', 'y', 'z', 'school_confirmed', 't', 'o')",
        ];
        for sql in bad {
            assert!(c.execute(sql, []).is_err(), "{sql}");
        }
        c.execute(
            "INSERT INTO orgs (full_name, level, graduates) VALUES ('ok', 'branch', '2026-07')",
            [],
        )?;
        Ok(())
    }
}
