//! The public side of the keys that protect packages (issue 25): the school's register of its
//! colleges' signing keys (trust on first use, then an explicit acceptance for a new key), this
//! office's own public keys, and the school key a college exports to. Secrets are never here
//! (a package is this database); every change is audited in its transaction.

use crate::audit::{self, Change};
use crate::Store;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;
use xianjie_domain::{Error, Result};

/// A college's signing key as the school registered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollegeKeyRecord {
    /// The college committee's full name, as its first package (or the acceptance) gave it.
    pub college: String,
    /// `xjcollege1…`; `None` while only the fingerprint was accepted.
    pub public_key: Option<String>,
    pub fingerprint: String,
    /// When a package signed by this key was first imported (RFC 3339 UTC).
    pub first_seen: Option<String>,
    /// Who accepted the key (`None`: registered by the college's first package).
    pub accepted_by: Option<String>,
    pub accepted_at: Option<String>,
}

impl CollegeKeyRecord {
    /// Whether a package signed by the key with this text and fingerprint is the college's.
    pub fn matches(&self, public_key: &str, fingerprint: &str) -> bool {
        match &self.public_key {
            Some(k) => k == public_key,
            None => self.fingerprint == fingerprint,
        }
    }
}

/// The signer of a package being kept (its public key and fingerprint).
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    pub public_key: &'a str,
    pub fingerprint: &'a str,
}

/// Which of this office's key pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyRole {
    /// The school's decryption key (age).
    School,
    /// The college's signing key (Ed25519).
    College,
}

impl KeyRole {
    pub fn code(self) -> &'static str {
        match self {
            KeyRole::School => "school",
            KeyRole::College => "college",
        }
    }
}

/// The public half of one of this office's key pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnKey {
    pub role: KeyRole,
    pub public_key: String,
    pub fingerprint: String,
    pub created_at: String,
}

/// The school key a college exports to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub recipient: String,
    pub fingerprint: String,
    pub remembered_at: String,
}

fn college_key_row(r: &Row<'_>) -> rusqlite::Result<CollegeKeyRecord> {
    Ok(CollegeKeyRecord {
        college: r.get(0)?,
        public_key: r.get(1)?,
        fingerprint: r.get(2)?,
        first_seen: r.get(3)?,
        accepted_by: r.get(4)?,
        accepted_at: r.get(5)?,
    })
}

const COLLEGE_KEY_COLUMNS: &str =
    "college, public_key, fingerprint, first_seen, accepted_by, accepted_at";

/// A fingerprint as `fingerprint_of` writes it: four groups of five Crockford base32
/// characters.
fn well_formed_fingerprint(f: &str) -> bool {
    let groups: Vec<&str> = f.split('-').collect();
    groups.len() == 4
        && groups.iter().all(|g| {
            g.len() == 5
                && g.chars()
                    .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c)))
        })
}

impl Store {
    /// Every college key the school registered, by college.
    pub fn college_keys(&self) -> Result<Vec<CollegeKeyRecord>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLLEGE_KEY_COLUMNS} FROM college_key ORDER BY college"
        ))?;
        let rows = st.query_map([], college_key_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The key registered for `college` (its name matched as typed or folded, like packages).
    pub fn college_key(&self, college: &str) -> Result<Option<CollegeKeyRecord>> {
        let all = self.college_keys()?;
        let exact = all.iter().position(|k| k.college == college);
        let found = exact.or_else(|| {
            all.iter()
                .position(|k| xianjie_domain::text::same(&k.college, college))
        });
        Ok(found.map(|i| all[i].clone()))
    }

    /// The school accepts the key with `fingerprint` for `college` (after reading it with the
    /// college by phone): the next package signed by it is taken, and registers the key in
    /// full. Audited (old → new). Accepting the key already registered changes nothing.
    pub fn accept_college_key(
        &mut self,
        college: &str,
        fingerprint: &str,
        operator: &str,
    ) -> Result<CollegeKeyRecord> {
        let op = crate::operator(operator)?;
        let college = crate::required_text(college, "学院名称")?;
        if !well_formed_fingerprint(fingerprint) {
            return Err(Error::invalid(format!(
                "公钥指纹“{fingerprint}”格式不正确：应为四组、每组五个字符，如 3F2A9-1C0B4-7KQ2M-X8D5N"
            )));
        }
        let old = self.college_key(&college)?;
        if let Some(o) = &old {
            if o.fingerprint == fingerprint {
                return Ok(o.clone());
            }
        }
        let now = audit::now();
        let new = CollegeKeyRecord {
            // The name as already registered, so that one college keeps one row.
            college: old.as_ref().map_or(college, |o| o.college.clone()),
            public_key: None,
            fingerprint: fingerprint.to_string(),
            first_seen: None,
            accepted_by: Some(op.to_string()),
            accepted_at: Some(now.clone()),
        };
        let tx = self.transaction()?;
        write_college_key(&tx, &new)?;
        audit::record(
            &tx,
            &now,
            op,
            &Change {
                entity: "college_key",
                entity_id: None,
                action: "accept",
                old: old.as_ref().map(audit::json),
                new: Some(audit::json(&new)),
            },
        )?;
        tx.commit()?;
        Ok(new)
    }

    /// The public half of this office's `role` key pair, if it has one.
    pub fn own_key(&self, role: KeyRole) -> Result<Option<OwnKey>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT public_key, fingerprint, created_at FROM own_key WHERE role = ?1",
            )?
            .query_row([role.code()], |r| {
                Ok(OwnKey {
                    role,
                    public_key: r.get(0)?,
                    fingerprint: r.get(1)?,
                    created_at: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Records this office's new `key` (created or replacing the one before), audited.
    pub fn set_own_key(&mut self, key: &OwnKey, operator: &str) -> Result<()> {
        let op = crate::operator(operator)?;
        let old = self.own_key(key.role)?;
        if old.as_ref() == Some(key) {
            return Ok(());
        }
        let tx = self.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO own_key (role, public_key, fingerprint, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                key.role.code(),
                key.public_key,
                key.fingerprint,
                key.created_at
            ],
        )?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "own_key",
                entity_id: None,
                action: if old.is_some() { "replace" } else { "create" },
                old: old.as_ref().map(audit::json),
                new: Some(audit::json(key)),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The school key this college last exported to.
    pub fn package_recipient(&self) -> Result<Option<Recipient>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT recipient, fingerprint, remembered_at FROM package_recipient WHERE id = 1",
            )?
            .query_row([], |r| {
                Ok(Recipient {
                    recipient: r.get(0)?,
                    fingerprint: r.get(1)?,
                    remembered_at: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Remembers the school key exported to; audited when it changes (the same key again
    /// writes nothing).
    pub fn remember_recipient(
        &mut self,
        recipient: &str,
        fingerprint: &str,
        operator: &str,
    ) -> Result<()> {
        let op = crate::operator(operator)?;
        let old = self.package_recipient()?;
        if old.as_ref().is_some_and(|o| o.recipient == recipient) {
            return Ok(());
        }
        let new = Recipient {
            recipient: recipient.to_string(),
            fingerprint: fingerprint.to_string(),
            remembered_at: audit::now(),
        };
        let tx = self.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO package_recipient (id, recipient, fingerprint, remembered_at)
             VALUES (1, ?1, ?2, ?3)",
            params![new.recipient, new.fingerprint, new.remembered_at],
        )?;
        audit::record(
            &tx,
            &new.remembered_at,
            op,
            &Change {
                entity: "package_recipient",
                entity_id: None,
                action: if old.is_some() { "replace" } else { "create" },
                old: old.as_ref().map(audit::json),
                new: Some(audit::json(&new)),
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn write_college_key(tx: &Transaction<'_>, k: &CollegeKeyRecord) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT OR REPLACE INTO college_key ({COLLEGE_KEY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        ),
        params![
            k.college,
            k.public_key,
            k.fingerprint,
            k.first_seen,
            k.accepted_by,
            k.accepted_at
        ],
    )?;
    Ok(())
}

/// In the transaction that keeps `college`'s package: the signer registered on first use, or
/// the accepted fingerprint completed with its key; refuses a signer that is not the
/// college's (the service checked before decrypting; this is the last word).
pub(crate) fn register_signer(
    tx: &Transaction<'_>,
    college: &str,
    signer: Signer<'_>,
    now: &str,
    operator: &str,
) -> Result<()> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {COLLEGE_KEY_COLUMNS} FROM college_key ORDER BY college"
    ))?;
    let all = st
        .query_map([], college_key_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    drop(st);
    let held = all
        .iter()
        .find(|k| k.college == college)
        .or_else(|| {
            all.iter()
                .find(|k| xianjie_domain::text::same(&k.college, college))
        })
        .cloned();
    let (action, new) = match &held {
        Some(h) if h.public_key.as_deref() == Some(signer.public_key) => return Ok(()),
        Some(h) if h.public_key.is_none() && h.fingerprint == signer.fingerprint => (
            "first_package",
            CollegeKeyRecord {
                public_key: Some(signer.public_key.to_string()),
                first_seen: Some(now.to_string()),
                ..h.clone()
            },
        ),
        Some(h) => {
            return Err(Error::refused(format!(
                "“{}”的签名密钥与登记的不同（登记指纹 {}，数据包指纹 {}），未导入",
                h.college, h.fingerprint, signer.fingerprint
            )))
        }
        None => (
            "register",
            CollegeKeyRecord {
                college: college.to_string(),
                public_key: Some(signer.public_key.to_string()),
                fingerprint: signer.fingerprint.to_string(),
                first_seen: Some(now.to_string()),
                accepted_by: None,
                accepted_at: None,
            },
        ),
    };
    write_college_key(tx, &new)?;
    audit::record(
        tx,
        now,
        operator,
        &Change {
            entity: "college_key",
            entity_id: None,
            action,
            old: held.as_ref().map(audit::json),
            new: Some(audit::json(&new)),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FP: &str = "CSM7N-BFRCA-YQEV4-FR65R";
    const KEY: &str = "xjcollege1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq";

    #[test]
    fn first_use_registers_then_only_an_accepted_key_passes() -> Result<()> {
        let mut s = Store::open_in_memory()?;
        let now = audit::now();
        let signer = Signer {
            public_key: KEY,
            fingerprint: FP,
        };
        let tx = s.transaction()?;
        register_signer(&tx, "甲学院", signer, &now, "校团委")?;
        tx.commit()?;
        let k = s
            .college_key("甲学院")?
            .ok_or_else(|| Error::internal("none"))?;
        assert!(k.matches(KEY, FP) && k.accepted_by.is_none());

        let other = Signer {
            public_key: "xjcollege1other",
            fingerprint: "00000-00000-00000-00000",
        };
        let tx = s.transaction()?;
        assert!(register_signer(&tx, "甲学院", other, &now, "校团委").is_err());
        drop(tx);

        assert!(s.accept_college_key("甲学院", "bad", "校团委").is_err());
        let a = s.accept_college_key("甲学院", other.fingerprint, "校团委")?;
        assert_eq!(a.public_key, None);
        assert!(a.matches("anything", other.fingerprint));
        let tx = s.transaction()?;
        register_signer(&tx, "甲学院", other, &now, "校团委")?;
        tx.commit()?;
        let k = s
            .college_key("甲学院")?
            .ok_or_else(|| Error::internal("none"))?;
        assert_eq!(k.public_key.as_deref(), Some(other.public_key));
        assert_eq!(k.accepted_by.as_deref(), Some("校团委"));
        let actions: Vec<String> = s
            .audit_entries(None)?
            .into_iter()
            .filter(|e| e.entity == "college_key")
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["register", "accept", "first_package"]);
        Ok(())
    }

    #[test]
    fn recipient_is_remembered_and_audited_when_it_changes() -> Result<()> {
        let mut s = Store::open_in_memory()?;
        assert!(s.package_recipient()?.is_none());
        s.remember_recipient("age1abc", FP, "学院")?;
        let stamp = s.data_stamp()?;
        s.remember_recipient("age1abc", FP, "学院")?;
        assert_eq!(s.data_stamp()?, stamp, "the same key again writes nothing");
        s.remember_recipient("age1def", FP, "学院")?;
        assert_eq!(
            s.package_recipient()?.map(|r| r.recipient).as_deref(),
            Some("age1def")
        );
        Ok(())
    }
}
