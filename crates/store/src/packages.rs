//! The school's register of its colleges' campaign packages (issue 16), and the two store
//! operations a package needs: a college's whole store as bytes (the package's content), and
//! a package's bytes opened as a store of their own (in memory, read by the school's pages).
//!
//! A college's data is kept whole, as that college sent it: the school never merges rows of
//! two colleges into one table (two colleges may hold the same ID number, M2, and must both be
//! shown), and a newer package replaces the college's row in one statement.

use crate::audit::{self, Change};
use crate::{backup, migrations, Store};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::Path;
use xianjie_domain::{Error, ErrorCode, Result};

/// A package the school holds (without its data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollegePackage {
    pub college: String,
    pub school: String,
    pub year: i32,
    /// When the college exported it (RFC 3339, UTC; compared as stored, shown with
    /// `time::list_time`).
    pub exported_at: String,
    pub sha256: String,
    /// The program version that wrote it.
    pub program: String,
    pub schema_version: u32,
    /// The file it was imported from (its name as given).
    pub file: String,
    /// As stored (RFC 3339 UTC), shown with `time::list_time`.
    pub imported_at: String,
    pub members: u64,
    pub graduates: u64,
}

impl Store {
    /// The whole store as the bytes of one self-contained SQLite file (a consistent copy).
    /// The copy is made in the private backups folder beside the database (a `.partial` that
    /// pruning removes should a crash leave it), not in the system's shared temporary folder:
    /// it is the data in clear, on its way into an encrypted package or backup.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let dir = match self.path() {
            Some(db) => {
                let dir = backup::backups_dir(&db);
                backup::create_private_dir(&dir)?;
                dir
            }
            None => std::env::temp_dir(),
        };
        let tmp = dir.join(format!(
            "copy-{}-{}.partial",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        backup::copy_database(&self.conn, &tmp)?;
        let bytes = std::fs::read(&tmp);
        let _ = std::fs::remove_file(&tmp);
        bytes.map_err(Error::from)
    }

    /// A store in memory holding a copy of the database `bytes` (a package's content),
    /// checked (`integrity_check`) and brought up to this program's schema; a database from a
    /// newer program is refused. Nothing is written to disk but a temporary file, removed.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Store> {
        let tmp = std::env::temp_dir().join(format!(
            "xianjie-open-{}-{}.db",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        std::fs::write(&tmp, bytes)?;
        let opened = (|| -> Result<Store> {
            let check = backup::verify_file(&tmp).map_err(|e| match e.code {
                ErrorCode::DatabaseTooNew => Error::new(
                    ErrorCode::DatabaseTooNew,
                    format!("{name} 由更新版本的学社衔接助手导出，请先升级本程序再导入"),
                ),
                _ => Error::new(e.code, format!("{name}：{}", e.message)),
            })?;
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let from = Connection::open_with_flags(&tmp, flags)?;
            let mut conn = Connection::open_in_memory()?;
            {
                let b = Backup::new(&from, &mut conn)?;
                if b.step(-1)? != StepResult::Done {
                    return Err(Error::internal("数据包未能完整读入"));
                }
            }
            crate::connection::configure(&conn)?;
            if check.version < migrations::latest_version() {
                migrations::run(&mut conn, Path::new(":memory:"))?;
            }
            Ok(Store { conn })
        })();
        let _ = std::fs::remove_file(&tmp);
        opened
    }

    /// How many members the store holds (a package's manifest says it).
    pub fn member_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM members", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// The packages the school holds, by college.
    pub fn college_packages(&self) -> Result<Vec<CollegePackage>> {
        let mut st = self.conn.prepare_cached(
            "SELECT college, school, cohort_year, exported_at, sha256, program, schema_version,
                    file, imported_at, members, graduates
             FROM college_package ORDER BY college",
        )?;
        let rows = st.query_map([], |r| {
            Ok(CollegePackage {
                college: r.get(0)?,
                school: r.get(1)?,
                year: r.get(2)?,
                exported_at: r.get(3)?,
                sha256: r.get(4)?,
                program: r.get(5)?,
                schema_version: r.get(6)?,
                file: r.get(7)?,
                imported_at: r.get(8)?,
                members: r.get::<_, i64>(9)?.max(0) as u64,
                graduates: r.get::<_, i64>(10)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The college name as the package of `college` holds it: a college is the same college
    /// whatever width its brackets are typed in (names are kept as typed, matched folded).
    fn package_college(&self, college: &str) -> Result<String> {
        let held: Vec<String> = self
            .college_packages()?
            .into_iter()
            .map(|p| p.college)
            .collect();
        let exact = held.iter().find(|c| *c == college);
        Ok(exact
            .or_else(|| held.iter().find(|c| xianjie_domain::text::same(c, college)))
            .map_or_else(|| college.to_string(), Clone::clone))
    }

    /// The SHA-256 of `college`'s package (what names its content), without reading it.
    pub fn college_package_sha(&self, college: &str) -> Result<String> {
        let held = self.package_college(college)?;
        self.conn
            .query_row(
                "SELECT sha256 FROM college_package WHERE college = ?1",
                [&held],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("没有“{college}”的数据包")))
    }

    /// The SHA-256 and the database bytes of `college`'s package, read together.
    pub fn college_package_data(&self, college: &str) -> Result<(String, Vec<u8>)> {
        let held = self.package_college(college)?;
        self.conn
            .query_row(
                "SELECT sha256, data FROM college_package WHERE college = ?1",
                [&held],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("没有“{college}”的数据包")))
    }

    /// Keeps `p` (with its database `data`) as `college`'s package, replacing the one held, in
    /// one transaction with its audit entry (the file and its SHA-256; old → new). The package
    /// held under the same name typed with other brackets (a college whose upgrade restored
    /// its full-width name) is the one replaced. A signed package's `signer` is registered in
    /// the same transaction (trust on first use, or the accepted fingerprint completed;
    /// `keys::register_signer`), so that a refused package registers nothing.
    pub fn put_college_package(
        &mut self,
        p: &CollegePackage,
        data: &[u8],
        signer: Option<crate::keys::Signer<'_>>,
        operator: &str,
    ) -> Result<()> {
        let op = crate::operator(operator)?;
        let old = self
            .college_packages()?
            .into_iter()
            .find(|o| xianjie_domain::text::same(&o.college, &p.college));
        let tx = self.transaction()?;
        let now = audit::now();
        if let Some(signer) = signer {
            crate::keys::register_signer(&tx, &p.college, signer, &now, op)?;
        }
        if let Some(o) = old.as_ref().filter(|o| o.college != p.college) {
            tx.execute(
                "DELETE FROM college_package WHERE college = ?1",
                [&o.college],
            )?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO college_package
                (college, school, cohort_year, exported_at, sha256, program, schema_version,
                 file, imported_at, members, graduates, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                p.college,
                p.school,
                p.year,
                p.exported_at,
                p.sha256,
                p.program,
                p.schema_version,
                p.file,
                p.imported_at,
                p.members as i64,
                p.graduates as i64,
                data
            ],
        )?;
        audit::record(
            &tx,
            &now,
            op,
            &Change {
                entity: "college_package",
                entity_id: None,
                action: if old.is_some() { "replace" } else { "import" },
                old: old.as_ref().map(audit::json),
                new: Some(audit::json(p)),
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}
