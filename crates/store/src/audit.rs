//! The audit log: every change to business data, with old and new values, when and by whom.
//!
//! Entries are written in the same transaction as the change they describe and form a
//! SHA-256 hash chain (each entry hashes its fields and the previous entry's hash), so that an
//! entry edited or removed outside the program is found by [`Store::verify_audit`]. Triggers
//! refuse UPDATE and DELETE on the table as a first line.

use super::Store;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use xianjie_domain::{Error, Result};

/// The settings key holding the chain's head (`<last id>:<last hash>`), written with every
/// entry: the chain alone cannot tell a truncated tail from a shorter log.
const HEAD_KEY: &str = "audit_head";

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change to record. `entity` is a noun (`org`, `member`, `marking`, …) that other areas
/// may extend with their own; `action` a verb (`create`, `update`, `delete`, `mark`, …).
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub action: &'a str,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    /// As stored, RFC 3339 UTC: shown with `time::list_time` (the office's local time).
    pub at: String,
    pub operator: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    pub hash: String,
}

/// What [`Store::verify_audit`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditCheck {
    pub entries: u64,
    /// The first entry whose hash or link does not match, if any (for a truncated tail: the
    /// first missing entry).
    pub broken_at: Option<i64>,
    /// What is wrong there, in Chinese, naming the entry.
    pub problem: Option<String>,
}

/// The current time as stored: RFC 3339, UTC, seconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn chain_hash(prev: &str, fields: [&str; 7]) -> String {
    // Length-prefixed fields: no two different entries serialise to the same bytes. Fed to
    // the hasher piecewise (no joined copy of the entry).
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    let mut len = [0u8; 20];
    for f in fields {
        h.update(b"\n");
        h.update(itoa(&mut len, f.len()));
        h.update(b":");
        h.update(f.as_bytes());
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// The decimal digits of `n`, written into the end of `buf`.
fn itoa(buf: &mut [u8; 20], mut n: usize) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// A change whose old and new values are already JSON text (bulk writers build it directly).
#[derive(Debug, Clone, Copy)]
pub struct RawChange<'a> {
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub action: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

/// Many creations of one kind recorded as ONE entry: the column names once, then one array of
/// values per record. An import creating 50,000 members writes one entry holding every row
/// instead of 50,000 entries repeating every key: half the bytes, one hash, one row to insert.
/// Its JSON is `{"columns": [...], "rows": [[...], ...], "count": n}` plus the caller's
/// fields; [`records`] turns it back into one object per record.
pub struct Records {
    text: Vec<u8>,
    count: usize,
}

impl Records {
    pub fn new(columns: &[&str]) -> Result<Records> {
        // Room for a thousand rows (≈ 250 bytes each) without copying the text as it grows.
        let mut text = Vec::with_capacity(256 << 10);
        text.extend_from_slice(b"{\"columns\":");
        serde_json::to_writer(&mut text, columns).map_err(broken)?;
        text.extend_from_slice(b",\"rows\":[");
        Ok(Records { text, count: 0 })
    }

    /// Appends one record: `row` serialises as a JSON array in the columns' order (a tuple
    /// struct does).
    pub fn push<T: Serialize>(&mut self, row: &T) -> Result<()> {
        if self.count > 0 {
            self.text.push(b',');
        }
        serde_json::to_writer(&mut self.text, row).map_err(broken)?;
        self.count += 1;
        Ok(())
    }

    /// Records pushed so far.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The entry's JSON text, with `fields` (name and text value) after the records.
    pub fn finish(mut self, fields: &[(&str, &str)]) -> Result<String> {
        self.text.extend_from_slice(b"],\"count\":");
        serde_json::to_writer(&mut self.text, &self.count).map_err(broken)?;
        for (k, v) in fields {
            self.text.push(b',');
            serde_json::to_writer(&mut self.text, k).map_err(broken)?;
            self.text.push(b':');
            serde_json::to_writer(&mut self.text, v).map_err(broken)?;
        }
        self.text.push(b'}');
        String::from_utf8(self.text).map_err(broken)
    }
}

fn broken(e: impl std::fmt::Display) -> Error {
    Error::internal(format!("审计记录无法生成：{e}"))
}

/// The records of an entry written by [`Records`], one object per record (column name →
/// value); `None` for any other entry.
pub fn records(new: &Value) -> Option<Vec<serde_json::Map<String, Value>>> {
    let columns: Vec<&str> = new
        .get("columns")?
        .as_array()?
        .iter()
        .map(|c| c.as_str())
        .collect::<Option<_>>()?;
    let rows = new.get("rows")?.as_array()?;
    rows.iter()
        .map(|r| {
            let values = r.as_array()?;
            Some(
                columns
                    .iter()
                    .zip(values)
                    .map(|(c, v)| ((*c).to_string(), v.clone()))
                    .collect(),
            )
        })
        .collect()
}

/// Appends entries inside the caller's transaction, remembering the chain's last hash: a bulk
/// operation (an import) pays one INSERT per entry instead of a look-up of its predecessor
/// and a rewrite of the chain's head too. Only valid while nothing else writes the log in
/// that transaction; [`Chain::finish`] records the head and must be called before commit.
pub struct Chain<'c> {
    conn: &'c Connection,
    prev: String,
    /// The last entry written, as the settings' head record wants it.
    head: Option<i64>,
}

impl<'c> Chain<'c> {
    /// Continues the chain from its last stored entry.
    pub fn start(conn: &'c Connection) -> Result<Chain<'c>> {
        let prev: String = conn
            .prepare_cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| GENESIS.to_string());
        Ok(Chain {
            conn,
            prev,
            head: None,
        })
    }

    pub fn record(&mut self, at: &str, operator: &str, change: &Change<'_>) -> Result<()> {
        let old = change.old.as_ref().map(Value::to_string);
        let new = change.new.as_ref().map(Value::to_string);
        self.record_raw(
            at,
            operator,
            &RawChange {
                entity: change.entity,
                entity_id: change.entity_id,
                action: change.action,
                old: old.as_deref(),
                new: new.as_deref(),
            },
        )
    }

    pub fn record_raw(&mut self, at: &str, operator: &str, c: &RawChange<'_>) -> Result<()> {
        let entity_id = c.entity_id.map(|i| i.to_string()).unwrap_or_default();
        let hash = chain_hash(
            &self.prev,
            [
                at,
                operator,
                c.entity,
                &entity_id,
                c.action,
                c.old.unwrap_or(""),
                c.new.unwrap_or(""),
            ],
        );
        self.conn
            .prepare_cached(
                "INSERT INTO audit_log (at, operator, entity, entity_id, action, old_json, new_json, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                at,
                operator,
                c.entity,
                c.entity_id,
                c.action,
                c.old,
                c.new,
                self.prev,
                hash
            ])?;
        self.prev = hash;
        self.head = Some(self.conn.last_insert_rowid());
        Ok(())
    }

    /// Records the chain's head (last id and hash) once for all entries written.
    pub fn finish(self) -> Result<()> {
        if let Some(id) = self.head {
            let head = format!("{id}:{}", self.prev);
            self.conn
                .prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?
                .execute(params![HEAD_KEY, head])?;
        }
        Ok(())
    }
}

/// Appends `change` to the log inside the caller's transaction.
pub fn record(conn: &Connection, at: &str, operator: &str, change: &Change<'_>) -> Result<()> {
    let mut chain = Chain::start(conn)?;
    chain.record(at, operator, change)?;
    chain.finish()
}

/// The fields of `new` that differ from `old` (both JSON objects), as (old, new) objects.
/// `None` when nothing changed.
pub fn diff(old: &Value, new: &Value) -> Option<(Value, Value)> {
    let (Value::Object(o), Value::Object(n)) = (old, new) else {
        return (old != new).then(|| (old.clone(), new.clone()));
    };
    let mut before = serde_json::Map::new();
    let mut after = serde_json::Map::new();
    for (k, v) in n {
        let was = o.get(k).unwrap_or(&Value::Null);
        if was != v {
            before.insert(k.clone(), was.clone());
            after.insert(k.clone(), v.clone());
        }
    }
    for (k, v) in o {
        if !n.contains_key(k) {
            before.insert(k.clone(), v.clone());
            after.insert(k.clone(), Value::Null);
        }
    }
    (!after.is_empty()).then_some((Value::Object(before), Value::Object(after)))
}

/// JSON of a value for the log (serialisation of our own types cannot fail; `Null` if it does).
pub fn json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn parse_json(s: Option<String>) -> Option<Value> {
    s.map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)))
}

impl Store {
    /// Entries in order, optionally from a day on — the office's day (`time`): its local
    /// midnight as the UTC instant entries are stamped in. Show `at` with `time::list_time`.
    pub fn audit_entries(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
        let since = since.map(|d| {
            xianjie_domain::time::local_to_utc(d.and_time(chrono::NaiveTime::MIN))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        });
        let mut stmt = self.conn.prepare(
            "SELECT id, at, operator, entity, entity_id, action, old_json, new_json, hash
             FROM audit_log WHERE ?1 IS NULL OR at >= ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([since], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                action: r.get(5)?,
                old: parse_json(r.get(6)?),
                new: parse_json(r.get(7)?),
                hash: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Recomputes the hash chain; reports the first entry that was edited, inserted, reordered
    /// or whose predecessor was removed, and a tail cut off after the last entry.
    pub fn verify_audit(&self) -> Result<AuditCheck> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, operator, entity, entity_id, action, old_json, new_json, prev_hash, hash
             FROM audit_log ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_string();
        let mut last_id = 0i64;
        let mut entries = 0u64;
        let broken = |entries, id, problem: String| AuditCheck {
            entries,
            broken_at: Some(id),
            problem: Some(problem),
        };
        while let Some(r) = rows.next()? {
            entries += 1;
            let id: i64 = r.get(0)?;
            let entity_id: Option<i64> = r.get(4)?;
            let entity_id = entity_id.map(|i| i.to_string()).unwrap_or_default();
            let old: Option<String> = r.get(6)?;
            let new: Option<String> = r.get(7)?;
            let stored_prev: String = r.get(8)?;
            let stored: String = r.get(9)?;
            let at: String = r.get(1)?;
            let operator: String = r.get(2)?;
            let entity: String = r.get(3)?;
            let action: String = r.get(5)?;
            let expected = chain_hash(
                &stored_prev,
                [
                    &at,
                    &operator,
                    &entity,
                    &entity_id,
                    &action,
                    old.as_deref().unwrap_or(""),
                    new.as_deref().unwrap_or(""),
                ],
            );
            if stored != expected {
                return Ok(broken(
                    entries,
                    id,
                    format!("审计日志第 {id} 条的内容与其哈希不符：该条在程序之外被修改"),
                ));
            }
            if stored_prev != prev {
                let problem = if id != last_id + 1 {
                    format!(
                        "审计日志第 {id} 条之前的记录（第 {} 至 {} 条）被删除",
                        last_id + 1,
                        id - 1
                    )
                } else {
                    format!(
                        "审计日志第 {id} 条与前一条（第 {last_id} 条）接不上：记录被删除、调换顺序或替换"
                    )
                };
                return Ok(broken(entries, id, problem));
            }
            prev = stored;
            last_id = id;
        }
        drop(rows);
        // The head written with the last entry: a log cut short ends before it.
        let head: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([HEAD_KEY], |r| r.get(0))
            .optional()?;
        if let Some((head_id, head_hash)) = head.as_deref().and_then(|h| h.split_once(':')) {
            let head_id: i64 = head_id.parse().unwrap_or(i64::MAX);
            if head_id != last_id || head_hash != prev {
                let problem = if head_id > last_id {
                    format!(
                        "审计日志末尾被截断：最后应为第 {head_id} 条，现只到第 {last_id} 条（第 {} 条起缺失）",
                        last_id + 1
                    )
                } else {
                    format!("审计日志第 {last_id} 条与记录的链尾不符：末尾记录被替换")
                };
                let at = if head_id > last_id {
                    last_id + 1
                } else {
                    last_id
                };
                return Ok(broken(entries, at, problem));
            }
        }
        Ok(AuditCheck {
            entries,
            broken_at: None,
            problem: None,
        })
    }
}

impl AuditCheck {
    /// `Ok` when intact, else a Conflict naming the entry.
    pub fn into_result(self) -> Result<u64> {
        match (self.broken_at, self.problem) {
            (None, _) => Ok(self.entries),
            (Some(_), Some(p)) => Err(Error::conflict(p)),
            (Some(id), None) => Err(Error::conflict(format!(
                "审计日志第 {id} 条与哈希链不符：该条或其前一条在程序之外被修改或删除"
            ))),
        }
    }
}
