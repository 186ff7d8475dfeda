//! The letter register (DOMAIN.md §7 L1): every 团组织关系介绍信 issued, numbered per issuing
//! committee per year, never reused (not even after a void), valid 90 days, receipt due back
//! within one month. Issuing checks everything first and refuses with the whole list of what
//! is wrong; nothing is numbered or written unless the letter can be printed.

use super::font;
use super::letter::{ArchiveDisposition, LetterData};
use crate::date::{age_on, YearMonth};
use crate::member::{development_no_required, valid_development_no, Member};
use crate::org::OrgLevel;
use crate::store::audit::{self, Change};
use crate::store::Store;
use crate::{Error, Result};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

/// The register's tables, as one migration.
pub const MIGRATION: &str = include_str!("register.sql");

pub mod issuer;
pub use issuer::{
    build_request, issue_batch, issue_for, issuer_profile, set_issuer_profile, IssueInput,
    IssuerProfile,
};

/// Days a letter is valid from its issue date (003 附件10 注意事项5).
pub const VALID_DAYS: u64 = 90;
/// Months the receiving committee has to send the receipt back (注意事项10).
pub const RECEIPT_MONTHS: u32 = 1;

/// The issuing committee, with what the letter prints about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    pub org_id: i64,
    pub full_name: String,
    pub level: OrgLevel,
    pub phone: String,
    pub address: String,
    pub postcode: String,
}

/// What the secretary enters to issue one letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRequest {
    pub issuer: Issuer,
    pub handler: String,
    pub handler_mobile: String,
    /// 转入团委全称.
    pub receiver: String,
    pub reason: String,
    pub archive: ArchiveDisposition,
    pub archive_other: Option<String>,
    pub issued: NaiveDate,
    /// Digits of the number, 3 (default) to 5.
    pub digits: usize,
}

/// One register entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisteredLetter {
    pub id: i64,
    pub issuer_id: i64,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    pub member_id: i64,
    pub member_name: String,
    pub issuer_name: String,
    pub receiver: String,
    pub reason: String,
    pub archive: ArchiveDisposition,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub receipt_due: NaiveDate,
    pub receipt_returned_on: Option<NaiveDate>,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    /// Exactly what was printed.
    pub printed: LetterData,
}

impl RegisteredLetter {
    /// `2026年001号`.
    pub fn number_label(&self) -> String {
        format!("{}年{}号", self.year, self.number)
    }
    /// 状态 for lists: 已作废 / 回执已返回 / 回执逾期 / 待回执.
    pub fn status(&self, today: NaiveDate) -> &'static str {
        if self.voided_at.is_some() {
            "已作废"
        } else if self.receipt_returned_on.is_some() {
            "回执已返回"
        } else if today > self.receipt_due {
            "回执逾期"
        } else {
            "待回执"
        }
    }
}

/// Everything wrong with a request, in Chinese, one item per problem (empty: it can be issued).
pub fn problems(req: &IssueRequest, m: &Member) -> Vec<String> {
    let mut out = Vec::new();
    // R12 / M5 / M6: someone who is not a member on the day of issue gets no letter.
    if let Some(why) = not_a_member(m, req.issued) {
        out.push(format!(
            "{why}：不再（或从未）保留团籍，不开具团组织关系介绍信"
        ));
    }
    if req.issuer.level == OrgLevel::Branch {
        out.push(format!(
            "开具单位“{}”是团支部：介绍信只能由基层团委（或独立单位的团总支）开具，团支部一律不得开具（L1）",
            req.issuer.full_name
        ));
    }
    let has_devno = m
        .development_no
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty());
    if m.joined.is_none() && !has_devno {
        // Without the join month the letter cannot tell "无" (pre-2017) from a missing number.
        out.push("缺少入团时间且无团员发展编号：无法判断应填写12位编号还是“无”（L1）".to_string());
    }
    if development_no_required(m.joined) {
        match m.development_no.as_deref().map(str::trim) {
            Some(d) if valid_development_no(d) => {}
            Some(d) if !d.is_empty() => out.push(format!(
                "团员发展编号“{d}”不是12位数字（2017年1月1日后入团的必须填写12位编号，L1）"
            )),
            _ => out.push(
                "该团员2017年1月1日后入团，缺少12位团员发展编号（L1；2017年前入团且无编号的才打印“无”）"
                    .to_string(),
            ),
        }
    }
    let required: [(&str, Option<&str>); 12] = [
        ("转出团委全称", Some(req.issuer.full_name.as_str())),
        ("转出团委联系电话", Some(req.issuer.phone.as_str())),
        ("转出团委通讯地址", Some(req.issuer.address.as_str())),
        ("邮编", Some(req.issuer.postcode.as_str())),
        ("转出经办人", Some(req.handler.as_str())),
        ("经办人手机", Some(req.handler_mobile.as_str())),
        ("转入团委全称", Some(req.receiver.as_str())),
        ("转接原因", Some(req.reason.as_str())),
        ("姓名", Some(m.name.as_str())),
        ("民族", m.ethnicity.as_deref()),
        ("团员本人联系电话", m.mobile.as_deref()),
        ("团费交至", m.dues_paid_to.map(|_| "有")),
    ];
    for (name, value) in required {
        if value.is_none_or(|v| v.trim().is_empty()) {
            out.push(format!("缺少“{name}”"));
        }
    }
    if req.archive == ArchiveDisposition::Other
        && req
            .archive_other
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        out.push("团员档案选择“其他”时须写明具体去向".to_string());
    }
    if req.issuer.postcode.trim().len() != 6
        && !req.issuer.postcode.trim().is_empty()
        && !req
            .issuer
            .postcode
            .trim()
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        out.push(format!("邮编“{}”应为6位数字", req.issuer.postcode.trim()));
    }
    if !(3..=5).contains(&req.digits) {
        out.push(format!("编号位数应为3至5位，而不是{}位", req.digits));
    }
    out
}

/// Why `m` is not a league member on `on` (M5 超龄离团, M6, 群众), if it is not one.
pub fn not_a_member(m: &Member, on: NaiveDate) -> Option<&'static str> {
    let ms = crate::engine::membership::membership(
        m.id_number.birth_date(),
        on,
        m.league_post,
        m.joined,
        m.politics,
    );
    (!ms.is_member()).then(|| ms.label())
}

/// The letter as it will be printed (number still to be assigned).
fn letter_data(req: &IssueRequest, m: &Member, year: i32, number: String) -> LetterData {
    LetterData {
        year,
        number,
        issuer: req.issuer.full_name.trim().to_string(),
        issuer_phone: req.issuer.phone.trim().to_string(),
        issuer_address: req.issuer.address.trim().to_string(),
        issuer_postcode: req.issuer.postcode.trim().to_string(),
        handler: req.handler.trim().to_string(),
        handler_mobile: req.handler_mobile.trim().to_string(),
        receiver: req.receiver.trim().to_string(),
        name: m.name.trim().to_string(),
        sex: m.sex,
        age: age_on(m.id_number.birth_date(), req.issued),
        ethnicity: m.ethnicity.clone().unwrap_or_default(),
        id_number: m.id_number.as_str().to_string(),
        development_no: m.development_no.clone().filter(|d| !d.trim().is_empty()),
        reason: req.reason.trim().to_string(),
        dues_paid_to: m.dues_paid_to,
        member_phone: m.mobile.clone().unwrap_or_default(),
        archive: req.archive,
        archive_other: req.archive_other.clone(),
        issued: req.issued,
    }
}

/// `001`; grows past `digits` (up to 5) rather than repeat a number.
pub fn format_number(seq: i64, digits: usize) -> Result<String> {
    let digits = digits.clamp(3, 5);
    let s = format!("{seq:0digits$}");
    if s.len() > 5 {
        return Err(Error::refused("本年度介绍信编号已用尽（最多5位，99999号）"));
    }
    Ok(s)
}

/// Issues one letter: checks, numbers, registers and audits it in one transaction; returns the
/// entry (with the data to print). Refused with every problem listed when anything is wrong.
pub fn issue(
    store: &mut Store,
    req: &IssueRequest,
    member: &Member,
    operator: &str,
) -> Result<RegisteredLetter> {
    let tx = store.transaction()?;
    let letter = issue_in(&tx, req, member, operator)?;
    tx.commit()?;
    Ok(letter)
}

/// As [`issue`], inside the caller's transaction (batch issuing: all or nothing).
pub fn issue_in(
    tx: &Transaction<'_>,
    req: &IssueRequest,
    member: &Member,
    operator: &str,
) -> Result<RegisteredLetter> {
    let operator = crate::store::operator(operator)?;
    let mut wrong = problems(req, member);
    let year = chrono::Datelike::year(&req.issued);
    let draft = letter_data(req, member, year, "000".into());
    if let Err(e) = font::check_glyphs(draft.printed_fields()) {
        wrong.push(e.message);
    } else if let Err(e) = super::letter::check_layout(&draft) {
        wrong.push(e.message);
    }
    if !wrong.is_empty() {
        let list: Vec<String> = wrong
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}. {p}", i + 1))
            .collect();
        return Err(Error::refused(format!(
            "不能为{}开具介绍信：{}",
            member.name,
            list.join("；")
        )));
    }
    let last: i64 = tx
        .query_row(
            "SELECT last_seq FROM letter_counter WHERE issuer_id = ?1 AND year = ?2",
            params![req.issuer.org_id, year],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql)?
        .unwrap_or(0);
    let seq = last + 1;
    let number = format_number(seq, req.digits)?;
    tx.execute(
        "INSERT INTO letter_counter (issuer_id, year, last_seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (issuer_id, year) DO UPDATE SET last_seq = excluded.last_seq",
        params![req.issuer.org_id, year, seq],
    )
    .map_err(sql)?;
    let data = LetterData {
        number: number.clone(),
        ..draft
    };
    let valid_until = req.issued + chrono::Days::new(VALID_DAYS);
    let receipt_due = req
        .issued
        .checked_add_months(Months::new(RECEIPT_MONTHS))
        .unwrap_or(valid_until);
    let printed = serde_json::to_string(&data).map_err(|e| Error::internal(e.to_string()))?;
    tx.execute(
        "INSERT INTO letter (issuer_id, year, seq, number, member_id, member_name, issuer_name,
            receiver, reason, archive, archive_other, issued_on, valid_until, receipt_due,
            printed, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
            ?16, ?17)",
        params![
            req.issuer.org_id,
            year,
            seq,
            number,
            member.id,
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
            audit::now(),
            operator,
        ],
    )
    .map_err(sql)?;
    let id = tx.last_insert_rowid();
    audit::record(
        tx,
        &audit::now(),
        operator,
        &Change {
            entity: "letter",
            entity_id: Some(id),
            action: "issue",
            old: None,
            new: Some(serde_json::json!({
                "number": format!("{year}年{number}号"),
                "issuer_id": req.issuer.org_id,
                "member_id": member.id,
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
    get(tx, id)
}

/// Voids a letter; its number stays used.
pub fn void(store: &mut Store, id: i64, reason: &str, operator: &str) -> Result<()> {
    let operator = crate::store::operator(operator)?;
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
pub fn record_receipt(
    store: &mut Store,
    id: i64,
    returned: NaiveDate,
    operator: &str,
) -> Result<()> {
    let operator = crate::store::operator(operator)?;
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
pub fn get(conn: &Connection, id: i64) -> Result<RegisteredLetter> {
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
pub fn find_by_number(conn: &Connection, issuer_id: i64, label: &str) -> Result<RegisteredLetter> {
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

/// Filter for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub issuer_id: Option<i64>,
    pub year: Option<i32>,
    pub member_id: Option<i64>,
    pub include_voided: bool,
    /// Only letters whose receipt is overdue on this date.
    pub receipt_overdue_on: Option<NaiveDate>,
}

/// The register, by issuer, year and number.
pub fn list(conn: &Connection, f: &ListFilter) -> Result<Vec<RegisteredLetter>> {
    let sql_text = format!(
        "SELECT {COLUMNS} FROM letter
         WHERE (?1 IS NULL OR issuer_id = ?1) AND (?2 IS NULL OR year = ?2)
           AND (?3 IS NULL OR member_id = ?3) AND (?4 OR voided_at IS NULL)
           AND (?5 IS NULL OR (receipt_returned_on IS NULL AND voided_at IS NULL
                               AND receipt_due < ?5))
         ORDER BY issuer_id, year, seq"
    );
    let mut stmt = conn.prepare(&sql_text).map_err(sql)?;
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

/// `2026年7月` for 团费交至 and the like.
pub fn year_month_label(ym: Option<YearMonth>) -> String {
    ym.map(YearMonth::chinese).unwrap_or_default()
}

fn sql(e: rusqlite::Error) -> Error {
    Error::storage(format!("介绍信登记簿读写失败：{e}"))
}
