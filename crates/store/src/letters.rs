//! The letter register's tables (rules.md §6 L1): each issuing committee's profile (what its
//! letters print), the numbers per committee per year (never reused, not even after a void),
//! every letter issued with exactly what was printed, voids and receipts. The checks that
//! decide whether a letter may be issued are the core's; this writes what was decided.

use crate::audit::{self, Change};
use crate::Store;
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use xianjie_domain::letters::{
    format_number, ArchiveDisposition, IssueRequest, IssuerProfile, LetterData, ListFilter,
    RegisteredLetter, RECEIPT_MONTHS, VALID_DAYS,
};
use xianjie_domain::{Error, Result, Watch};

/// A letter checked and ready for its number: the request it was issued from, the member's
/// id and the data to print (its number still empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub req: IssueRequest,
    pub member_id: i64,
    pub draft: LetterData,
}

impl Store {
    /// The stored profile of `org_id`, or an empty one (3 digits).
    pub fn issuer_profile(&self, org_id: i64) -> Result<IssuerProfile> {
        issuer_profile(&self.conn, org_id)
    }

    /// Saves an issuing committee's profile (replacing the old one), audited.
    pub fn set_issuer_profile(&mut self, p: &IssuerProfile, operator: &str) -> Result<()> {
        set_issuer_profile(self, p, operator)
    }

    /// Numbers and registers checked letters in one transaction, all or nothing; returns them
    /// as registered (with the data printed).
    pub fn register_letters(
        &mut self,
        letters: &[Checked],
        operator: &str,
    ) -> Result<Vec<RegisteredLetter>> {
        self.register_letters_then(letters, operator, &Watch::NONE, |_| Ok(()))
    }

    /// [`Store::register_letters`] with `then` run on the registered letters before the
    /// commit (a batch's PDF is written there): a failed write or a stop (`watch`, heard after
    /// every letter) leaves no number taken and nothing registered.
    pub fn register_letters_then(
        &mut self,
        letters: &[Checked],
        operator: &str,
        watch: &Watch<'_>,
        then: impl FnOnce(&[RegisteredLetter]) -> Result<()>,
    ) -> Result<Vec<RegisteredLetter>> {
        let operator = crate::operator(operator)?;
        let tx = self.transaction()?;
        let mut out = Vec::with_capacity(letters.len());
        let total = letters.len() as u64;
        // One audit chain for the batch: each entry follows the last without reading the
        // log's head again.
        let mut chain = audit::Chain::start(&tx)?;
        for (i, c) in letters.iter().enumerate() {
            watch.check()?;
            out.push(register(&tx, &mut chain, c, operator)?);
            let done = i as u64 + 1;
            watch.step(done, total, || {
                format!("正在登记：第 {done} 封，共 {total} 封")
            });
        }
        chain.finish()?;
        then(&out)?;
        tx.commit()?;
        Ok(out)
    }

    /// Voids a letter; its number stays used.
    pub fn void_letter(&mut self, id: i64, reason: &str, operator: &str) -> Result<()> {
        void(self, id, reason, operator)
    }

    /// Records the date the receipt (回执) came back.
    pub fn record_letter_receipt(
        &mut self,
        id: i64,
        returned: NaiveDate,
        operator: &str,
    ) -> Result<()> {
        record_receipt(self, id, returned, operator)
    }

    /// One entry by id.
    pub fn letter(&self, id: i64) -> Result<RegisteredLetter> {
        get(&self.conn, id)
    }

    /// An entry by its printed number (`2026年001号`, `2026-001` or `2026/1`) and issuer.
    pub fn letter_by_number(&self, issuer_id: i64, label: &str) -> Result<RegisteredLetter> {
        find_by_number(&self.conn, issuer_id, label)
    }

    /// The register, by issuer, year and number.
    pub fn letters(&self, f: &ListFilter) -> Result<Vec<RegisteredLetter>> {
        list(&self.conn, f)
    }
}

/// The stored profile of `org_id`, or an empty one (3 digits).
fn issuer_profile(conn: &Connection, org_id: i64) -> Result<IssuerProfile> {
    let p = conn
        .query_row(
            "SELECT phone, address, postcode, handler, handler_mobile, digits
             FROM letter_issuer WHERE org_id = ?1",
            [org_id],
            |r| {
                Ok(IssuerProfile {
                    org_id,
                    phone: r.get(0)?,
                    address: r.get(1)?,
                    postcode: r.get(2)?,
                    handler: r.get(3)?,
                    handler_mobile: r.get(4)?,
                    digits: r.get::<_, i64>(5)?.clamp(3, 5) as usize,
                })
            },
        )
        .optional()?;
    Ok(p.unwrap_or(IssuerProfile {
        org_id,
        digits: 3,
        ..IssuerProfile::default()
    }))
}

fn set_issuer_profile(store: &mut Store, p: &IssuerProfile, operator: &str) -> Result<()> {
    let operator = crate::operator(operator)?;
    let org = store
        .org(p.org_id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {} 的团组织", p.org_id)))?;
    if !(3..=5).contains(&p.digits) {
        return Err(Error::invalid(format!(
            "编号位数应为3至5位，而不是{}位",
            p.digits
        )));
    }
    let old = issuer_profile(&store.conn, p.org_id)?;
    let tx = store.transaction()?;
    tx.execute(
        "INSERT INTO letter_issuer (org_id, phone, address, postcode, handler, handler_mobile, digits)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (org_id) DO UPDATE SET phone = excluded.phone, address = excluded.address,
            postcode = excluded.postcode, handler = excluded.handler,
            handler_mobile = excluded.handler_mobile, digits = excluded.digits",
        params![
            p.org_id,
            p.phone.trim(),
            p.address.trim(),
            p.postcode.trim(),
            p.handler.trim(),
            p.handler_mobile.trim(),
            p.digits as i64
        ],
    )
    ?;
    audit::record(
        &tx,
        &audit::now(),
        operator,
        &Change {
            entity: "letter_issuer",
            entity_id: Some(p.org_id),
            action: "update",
            old: Some(audit::json(&old)),
            new: Some(serde_json::json!({ "org": org.full_name, "profile": p })),
        },
    )?;
    Ok(tx.commit()?)
}

/// Numbers and registers one letter. Statements are prepared once per connection (cached)
/// and the entry is returned as written, not read back.
fn register(
    tx: &Transaction<'_>,
    chain: &mut audit::Chain<'_>,
    c: &Checked,
    operator: &str,
) -> Result<RegisteredLetter> {
    let (req, draft) = (&c.req, &c.draft);
    let year = chrono::Datelike::year(&req.issued);
    let last: i64 = tx
        .prepare_cached("SELECT last_seq FROM letter_counter WHERE issuer_id = ?1 AND year = ?2")
        .map_err(sql)?
        .query_row(params![req.issuer.org_id, year], |r| r.get(0))
        .optional()
        .map_err(sql)?
        .unwrap_or(0);
    let seq = last + 1;
    let number = format_number(seq, req.digits)?;
    tx.prepare_cached(
        "INSERT INTO letter_counter (issuer_id, year, last_seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (issuer_id, year) DO UPDATE SET last_seq = excluded.last_seq",
    )
    .map_err(sql)?
    .execute(params![req.issuer.org_id, year, seq])
    .map_err(sql)?;
    let data = LetterData {
        number: number.clone(),
        ..draft.clone()
    };
    let valid_until = req.issued + chrono::Days::new(VALID_DAYS);
    let receipt_due = req
        .issued
        .checked_add_months(Months::new(RECEIPT_MONTHS))
        .unwrap_or(valid_until);
    let printed = serde_json::to_string(&data).map_err(|e| Error::internal(e.to_string()))?;
    let now = audit::now();
    tx.prepare_cached(
        "INSERT INTO letter (issuer_id, year, seq, number, member_id, member_name, issuer_name,
            receiver, reason, archive, archive_other, issued_on, valid_until, receipt_due,
            printed, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
            ?16, ?17)",
    )
    .map_err(sql)?
    .execute(params![
        req.issuer.org_id,
        year,
        seq,
        number,
        c.member_id,
        data.name,
        data.issuer,
        data.receiver,
        data.reason,
        req.archive.code(),
        req.archive_other,
        req.issued.to_string(),
        valid_until.to_string(),
        receipt_due.to_string(),
        printed,
        now,
        operator,
    ])
    .map_err(sql)?;
    let id = tx.last_insert_rowid();
    chain.record(
        &now,
        operator,
        &Change {
            entity: "letter",
            entity_id: Some(id),
            action: "issue",
            old: None,
            new: Some(serde_json::json!({
                "number": format!("{year}年{number}号"),
                "issuer_id": req.issuer.org_id,
                "member_id": c.member_id,
                "name": data.name,
                "receiver": data.receiver,
                "reason": data.reason,
                "archive": req.archive.code(),
                "issued_on": req.issued,
                "valid_until": valid_until,
                "receipt_due": receipt_due,
            })),
        },
    )?;
    // What reading the row back (`from_row`) gives: no receipt yet, not voided.
    Ok(RegisteredLetter {
        id,
        issuer_id: req.issuer.org_id,
        year,
        seq,
        member_id: c.member_id,
        member_name: data.name.clone(),
        issuer_name: data.issuer.clone(),
        receiver: data.receiver.clone(),
        reason: data.reason.clone(),
        archive: req.archive,
        issued_on: req.issued,
        valid_until,
        receipt_due,
        receipt_returned_on: None,
        voided_at: None,
        void_reason: None,
        number,
        printed: data,
    })
}

/// Voids a letter; its number stays used.
fn void(store: &mut Store, id: i64, reason: &str, operator: &str) -> Result<()> {
    let operator = crate::operator(operator)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid("作废介绍信须写明原因"));
    }
    let tx = store.transaction()?;
    let l = get(&tx, id)?;
    if l.voided_at.is_some() {
        return Err(Error::conflict(format!(
            "介绍信 {} 已于 {} 作废",
            l.number_label(),
            l.voided_at.unwrap_or_default()
        )));
    }
    tx.execute(
        "UPDATE letter SET voided_at = ?3, void_reason = ?2 WHERE id = ?1",
        params![id, reason.trim(), audit::now()],
    )
    .map_err(sql)?;
    audit::record(
        &tx,
        &audit::now(),
        operator,
        &Change {
            entity: "letter",
            entity_id: Some(id),
            action: "void",
            old: Some(serde_json::json!({ "number": l.number_label(), "voided": false })),
            new: Some(serde_json::json!({ "voided": true, "reason": reason.trim() })),
        },
    )?;
    Ok(tx.commit()?)
}

/// Records the date the receipt (回执) came back.
fn record_receipt(store: &mut Store, id: i64, returned: NaiveDate, operator: &str) -> Result<()> {
    let operator = crate::operator(operator)?;
    let tx = store.transaction()?;
    let l = get(&tx, id)?;
    if l.voided_at.is_some() {
        return Err(Error::conflict(format!(
            "介绍信 {} 已作废，不能登记回执",
            l.number_label()
        )));
    }
    if returned < l.issued_on {
        return Err(Error::invalid(format!(
            "回执日期 {returned} 早于开具日期 {}",
            l.issued_on
        )));
    }
    tx.execute(
        "UPDATE letter SET receipt_returned_on = ?2 WHERE id = ?1",
        params![id, returned.to_string()],
    )
    .map_err(sql)?;
    audit::record(
        &tx,
        &audit::now(),
        operator,
        &Change {
            entity: "letter",
            entity_id: Some(id),
            action: "receipt",
            old: Some(serde_json::json!({
                "number": l.number_label(),
                "receipt_returned_on": l.receipt_returned_on,
            })),
            new: Some(serde_json::json!({ "receipt_returned_on": returned })),
        },
    )?;
    Ok(tx.commit()?)
}

const COLUMNS: &str = "id, issuer_id, year, seq, number, member_id, member_name, issuer_name,
    receiver, reason, archive, issued_on, valid_until, receipt_due, receipt_returned_on,
    voided_at, void_reason, printed";

fn from_row(r: &Row<'_>) -> rusqlite::Result<RegisteredLetter> {
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let s: String = r.get(i)?;
        s.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let archive: String = r.get(10)?;
    let printed: String = r.get(17)?;
    let printed: LetterData = serde_json::from_str(&printed).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(17, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let returned: Option<String> = r.get(14)?;
    Ok(RegisteredLetter {
        id: r.get(0)?,
        issuer_id: r.get(1)?,
        year: r.get(2)?,
        seq: r.get(3)?,
        number: r.get(4)?,
        member_id: r.get(5)?,
        member_name: r.get(6)?,
        issuer_name: r.get(7)?,
        receiver: r.get(8)?,
        reason: r.get(9)?,
        archive: ArchiveDisposition::from_code(&archive).unwrap_or(ArchiveDisposition::Other),
        issued_on: date(11)?,
        valid_until: date(12)?,
        receipt_due: date(13)?,
        receipt_returned_on: returned.and_then(|s| s.parse().ok()),
        voided_at: r.get(15)?,
        void_reason: r.get(16)?,
        printed,
    })
}

/// One entry by id.
fn get(conn: &Connection, id: i64) -> Result<RegisteredLetter> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM letter WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()
    .map_err(sql)?
    .ok_or_else(|| Error::not_found(format!("没有编号为 {id} 的介绍信登记")))
}

/// Finds an entry by its printed number (`2026年001号`, `2026-001` or `2026/1`) and issuer.
fn find_by_number(conn: &Connection, issuer_id: i64, label: &str) -> Result<RegisteredLetter> {
    let digits: Vec<i64> = label
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let [year, seq] = digits[..] else {
        return Err(Error::invalid(format!(
            "“{label}”不是介绍信编号（例如 2026年001号）"
        )));
    };
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM letter WHERE issuer_id = ?1 AND year = ?2 AND seq = ?3",
            params![issuer_id, year, seq],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql)?;
    match id {
        Some(id) => get(conn, id),
        None => Err(Error::not_found(format!("没有介绍信 {label}"))),
    }
}

/// The register, by issuer, year and number.
fn list(conn: &Connection, f: &ListFilter) -> Result<Vec<RegisteredLetter>> {
    let sql_text = format!(
        "SELECT {COLUMNS} FROM letter
         WHERE (?1 IS NULL OR issuer_id = ?1) AND (?2 IS NULL OR year = ?2)
           AND (?3 IS NULL OR member_id = ?3) AND (?4 OR voided_at IS NULL)
           AND (?5 IS NULL OR (receipt_returned_on IS NULL AND voided_at IS NULL
                               AND receipt_due < ?5))
         ORDER BY issuer_id, year, seq"
    );
    // Cached: a batch asks it once per graduate (the letters each already holds).
    let mut stmt = conn.prepare_cached(&sql_text).map_err(sql)?;
    let rows = stmt
        .query_map(
            params![
                f.issuer_id,
                f.year,
                f.member_id,
                f.include_voided,
                f.receipt_overdue_on.map(|d| d.to_string())
            ],
            from_row,
        )
        .map_err(sql)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql)
}

fn sql(e: rusqlite::Error) -> Error {
    Error::storage(format!("介绍信登记簿读写失败：{e}"))
}
