//! Letters received (N11): the paper 团组织关系介绍信 a new student brings — its number, issuer
//! and date — recorded; the 回执 (L1's third part) printed with the office's handler and
//! phone; and the register of which 回执 are due (one month from receiving the letter,
//! `letters::RECEIPT_MONTHS`) and which were sent.

use super::resolve;
use crate::documents::letter::receipt::{self, ReceiptData};
use crate::service::transfers::list::urgency;
use crate::service::view::count;
use crate::service::Context;
use crate::store::freshmen::{FreshmanLetter, LetterInput};
use crate::{Error, Result};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use xianjie_domain::letters::{RECEIPT_MONTHS, VALID_DAYS};

/// A letter to record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRecord {
    pub year: i32,
    /// The student: number in the freshmen list, ID number, or a name unique in the year.
    pub student: String,
    /// The letter's number as printed on it (2026年015号).
    pub number: String,
    /// The committee that issued it (转出团委全称).
    pub issuer: String,
    /// Its date (`YYYY-MM-DD`).
    pub issued_on: String,
    /// The day the office received it; null: today.
    #[serde(default)]
    pub received_on: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterView {
    pub letter_id: i64,
    pub student_id: i64,
    pub name: String,
    pub number: String,
    pub issuer: String,
    pub issued_on: String,
    pub received_on: String,
    /// Past L1's 90 days when received: ask the issuer for a new one.
    pub expired: bool,
    pub receipt_due: String,
    /// Printed (the office's local time), if it was.
    pub receipt_printed: Option<String>,
    pub receipt_sent_on: Option<String>,
    /// `sent`, `due` or `overdue`.
    pub status: String,
    /// Days to the due date (negative: overdue); null once sent.
    pub days_left: Option<i64>,
    /// `overdue`, `soon` or `none` (the 转接 rows' rule).
    pub urgency: String,
}

/// The register of a year's letters received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRegister {
    pub year: i32,
    pub on: String,
    pub letters: Vec<LetterView>,
    /// 回执 not sent yet and not late.
    pub due: u32,
    /// 回执 not sent past the month.
    pub overdue: u32,
    pub sent: u32,
}

fn view(l: &FreshmanLetter, on: NaiveDate) -> LetterView {
    let expired = l
        .issued_on
        .checked_add_days(Days::new(VALID_DAYS))
        .is_some_and(|x| l.received_on > x);
    let (status, days_left) = match l.receipt_sent_on {
        Some(_) => ("sent", None),
        None => {
            let left = (l.receipt_due - on).num_days();
            (if left < 0 { "overdue" } else { "due" }, Some(left))
        }
    };
    LetterView {
        letter_id: l.id,
        student_id: l.freshman_id,
        name: l.name.clone(),
        number: l.number.clone(),
        issuer: l.issuer.clone(),
        issued_on: l.issued_on.to_string(),
        received_on: l.received_on.to_string(),
        expired,
        receipt_due: l.receipt_due.to_string(),
        receipt_printed: l.receipt_printed_at.as_deref().map(crate::time::list_time),
        receipt_sent_on: l.receipt_sent_on.map(|d| d.to_string()),
        status: status.into(),
        days_left,
        urgency: if status == "sent" {
            "none".into()
        } else {
            urgency(days_left, false)
        },
    }
}

fn date(s: &str, what: &str) -> Result<NaiveDate> {
    crate::date::parse_date_lenient(s.trim()).map_err(|e| Error::invalid(format!("{what}：{e}")))
}

/// Records a letter a new student brought (audited); the 回执 is due a month after it was
/// received.
pub fn record(ctx: &mut Context, r: &LetterRecord) -> Result<LetterView> {
    let f = resolve(ctx, r.year, &r.student)?;
    let issued_on = date(&r.issued_on, "介绍信开具日期")?;
    let received_on = match r
        .received_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => date(s, "收到介绍信的日期")?,
        None => ctx.today(),
    };
    let receipt_due = received_on
        .checked_add_months(Months::new(RECEIPT_MONTHS))
        .ok_or_else(|| Error::invalid("收到介绍信的日期超出范围"))?;
    let op = ctx.operator().to_string();
    let l = ctx.store_mut().record_freshman_letter(
        &LetterInput {
            freshman_id: f.id,
            number: r.number.clone(),
            issuer: r.issuer.clone(),
            issued_on,
            received_on,
            receipt_due,
            note: r.note.clone().filter(|n| !n.trim().is_empty()),
        },
        &op,
    )?;
    Ok(view(&l, ctx.today()))
}

/// The register of year `year`'s letters as of `on`.
pub fn register(ctx: &Context, year: i32, on: NaiveDate) -> Result<LetterRegister> {
    let letters: Vec<LetterView> = ctx
        .store()
        .freshman_letters(year)?
        .iter()
        .map(|l| view(l, on))
        .collect();
    let n = |s: &str| count(letters.iter().filter(|l| l.status == s).count());
    Ok(LetterRegister {
        year,
        on: on.to_string(),
        due: n("due"),
        overdue: n("overdue"),
        sent: n("sent"),
        letters,
    })
}

/// A 回执 to print or to mark sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptRequest {
    /// The letters (register numbers).
    pub letters: Vec<i64>,
    /// Where to write the PDF; null: print nothing (only `sent_on`).
    #[serde(default)]
    pub out: Option<String>,
    /// The date printed on the 回执; null: today.
    #[serde(default)]
    pub date: Option<String>,
    /// The day the 回执 went out (mail, scan, fax); null: not sent yet.
    #[serde(default)]
    pub sent_on: Option<String>,
}

/// What printing or sending did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptDone {
    pub file: Option<String>,
    pub letters: Vec<LetterView>,
}

/// Prints the 回执 of `letters` into one PDF (one a page) with the office's handler and
/// phone, and/or records them sent; each is audited.
pub fn receipt(ctx: &mut Context, req: &ReceiptRequest) -> Result<ReceiptDone> {
    if req.letters.is_empty() {
        return Err(Error::invalid("请先选择介绍信"));
    }
    if req.out.is_none() && req.sent_on.is_none() {
        return Err(Error::invalid(
            "请给出回执 PDF 的保存位置（--out），或寄出日期（--sent）",
        ));
    }
    let today = ctx.today();
    let printed_on = match req.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => date(s, "回执日期")?,
        None => today,
    };
    let sent_on = match req
        .sent_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => Some(date(s, "回执寄出日期")?),
        None => None,
    };
    let mut letters = Vec::with_capacity(req.letters.len());
    for id in &req.letters {
        letters.push(
            ctx.store()
                .freshman_letter(*id)?
                .ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的介绍信记录")))?,
        );
    }
    let mut file = None;
    if let Some(out) = &req.out {
        let office = super::super::office::load(ctx)?;
        let p = &office.profile;
        let phone = [p.phone.trim(), p.handler_mobile.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("，");
        let data: Vec<ReceiptData> = letters
            .iter()
            .map(|l| ReceiptData {
                number: l.number.clone(),
                issuer: l.issuer.clone(),
                name: l.name.clone(),
                handler: p.handler.clone(),
                phone: phone.clone(),
                date: printed_on,
            })
            .collect();
        let pdf = receipt::render(&data)?;
        crate::files::write_output(std::path::Path::new(out), &pdf)?;
        file = Some(out.clone());
    }
    let op = ctx.operator().to_string();
    let mut out = Vec::with_capacity(letters.len());
    for l in &letters {
        let l = ctx
            .store_mut()
            .mark_freshman_receipt(l.id, file.is_some(), sent_on, &op)?;
        out.push(view(&l, today));
    }
    Ok(ReceiptDone { file, letters: out })
}

/// The letters of one student (the register's lines of `student`).
pub fn of_student(ctx: &Context, year: i32, student: &str) -> Result<Vec<LetterView>> {
    let f = resolve(ctx, year, student)?;
    let on = ctx.today();
    Ok(register(ctx, year, on)?
        .letters
        .into_iter()
        .filter(|l| l.student_id == f.id)
        .collect())
}
