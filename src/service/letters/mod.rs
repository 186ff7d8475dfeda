//! Letters (L1) as both doors issue them: the issuing committee and what it prints come from
//! the office's records (`office`), never from what a door happens to hold; each graduate's
//! receiver and reason default to that graduate's own transfer or recorded 转入组织.

use super::Context;
use crate::documents::letter::{self, ArchiveDisposition, LetterData};
pub mod register;

use super::view::Choice;
use crate::service::letters::register::LetterTexts;
use crate::{files, Error, Result, Watch};
use chrono::NaiveDate;
use register::{IssueInput, ListFilter, RegisteredLetter};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One graduate's own receiver, reason or archive in a batch (the CLI's CSV lines); blank
/// values take the batch's, then the graduate's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct LetterLine {
    pub member_id: i64,
    pub receiver: Option<String>,
    pub reason: Option<String>,
    /// An [`ArchiveDisposition`] code or label.
    pub archive: Option<String>,
}

/// Letters for graduates of one cohort. Empty choices take each graduate's own values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraduateLetters {
    pub members: Vec<i64>,
    /// Per-graduate values, by member (empty: none).
    pub lines: Vec<LetterLine>,
    pub year: i32,
    /// 转入团委全称 shared by all; default: each graduate's own.
    pub receiver: Option<String>,
    /// 因____原因; default: 升学 for R1, else 毕业.
    pub reason: Option<String>,
    pub archive: ArchiveDisposition,
    pub archive_other: Option<String>,
    /// Default: today.
    pub issued: Option<NaiveDate>,
}

/// The receiver a graduate's letter names: the latest transfer's 转入组织, else the recorded
/// one.
fn own_receiver(ctx: &Context, member_id: i64, year: i32) -> Result<Option<String>> {
    let h = ctx.store().transfer_history(member_id)?;
    if let Some(t) = h
        .latest(member_id)
        .filter(|t| !t.destination.trim().is_empty())
    {
        return Ok(Some(t.destination.clone()));
    }
    Ok(ctx
        .store()
        .destination(member_id, year)?
        .and_then(|d| d.details)
        .and_then(|d| d.target_org)
        .filter(|t| !t.trim().is_empty()))
}

/// The inputs of a batch: the office's issuer, each graduate's receiver and reason.
pub fn inputs(ctx: &Context, req: &GraduateLetters) -> Result<Vec<IssueInput>> {
    if req.members.is_empty() {
        return Err(Error::invalid("请先选择要开具介绍信的团员"));
    }
    let issuer = super::office::issuer(ctx)?;
    let issued = req.issued.unwrap_or_else(|| ctx.today());
    let mut out = Vec::with_capacity(req.members.len());
    let mut missing = Vec::new();
    let nonblank = |v: &Option<String>| v.clone().filter(|r| !r.trim().is_empty());
    for &member_id in &req.members {
        let line = req.lines.iter().find(|l| l.member_id == member_id);
        let archive = match line.and_then(|l| nonblank(&l.archive)) {
            Some(a) => parse_archive(&a)?,
            None => req.archive,
        };
        let receiver = match line
            .and_then(|l| nonblank(&l.receiver))
            .or_else(|| nonblank(&req.receiver))
        {
            Some(r) => r,
            None => match own_receiver(ctx, member_id, req.year)? {
                Some(r) => r,
                None => {
                    missing.push(ctx.member(member_id)?.name);
                    continue;
                }
            },
        };
        let reason = match line
            .and_then(|l| nonblank(&l.reason))
            .or_else(|| nonblank(&req.reason))
        {
            Some(r) => r,
            None => {
                let rec = super::transfers::recommendation(ctx, member_id, req.year, issued)?;
                let study =
                    rec.reason.or(rec.intended_reason) == Some(crate::destination::Reason::R1);
                if study { "升学" } else { "毕业" }.to_string()
            }
        };
        out.push(IssueInput {
            member_id,
            issuer_org_id: issuer.id,
            receiver,
            reason,
            archive,
            archive_other: req.archive_other.clone().filter(|s| !s.trim().is_empty()),
            issued,
            handler: None,
            handler_mobile: None,
        });
    }
    if !missing.is_empty() {
        return Err(Error::invalid(format!(
            "以下 {} 名团员没有转入团委全称（转接记录和毕业去向中都没有）：{}；请先录入，或在此统一填写",
            missing.len(),
            super::scope::some_of(&missing)
        )));
    }
    Ok(out)
}

/// Makes `p.org_id` the office's issuing committee and saves what its letters print — the
/// record the app's 设置 edits (团委全称, 经办人, phones, address, digits). A branch never
/// issues (L1).
pub fn set_issuer(ctx: &mut Context, p: &register::IssuerProfile) -> Result<()> {
    let org = ctx
        .store()
        .org(p.org_id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {} 的团组织", p.org_id)))?;
    if org.level == crate::org::OrgLevel::Branch {
        return Err(Error::refused(format!(
            "“{}”是团支部：介绍信只能由基层团委（或独立单位的团总支）开具，团支部一律不得开具（L1）",
            org.full_name
        )));
    }
    super::office::name_issuer(ctx, &org)?;
    let op = ctx.operator().to_string();
    ctx.store_mut().set_issuer_profile(p, &op)
}

/// Whether a graduate who already holds a letter (not voided) gets another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Again {
    /// Refuse, naming the letters held (the default: a second letter is usually a mistake).
    #[default]
    Refuse,
    /// The secretary confirmed: issue anyway.
    Confirmed,
}

/// The letters (not voided) the graduates of `inputs` already hold: (name, 2026年001号 …).
pub fn already_issued(ctx: &Context, member_ids: &[i64]) -> Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for &member_id in member_ids {
        let held = ctx.store().letters(&ListFilter {
            member_id: Some(member_id),
            ..Default::default()
        })?;
        if let Some(first) = held.first() {
            out.push((
                first.member_name.clone(),
                held.iter()
                    .map(|l| format!("{}（转往{}）", l.number_label(), l.receiver))
                    .collect(),
            ));
        }
    }
    Ok(out)
}

/// A second letter for the same graduate needs the secretary's word (#18: two letters were
/// issued for one graduate without a prompt). The refusal is a conflict naming each letter.
fn check_again(ctx: &Context, inputs: &[IssueInput], again: Again) -> Result<()> {
    if again == Again::Confirmed {
        return Ok(());
    }
    let ids: Vec<i64> = inputs.iter().map(|i| i.member_id).collect();
    let held = already_issued(ctx, &ids)?;
    if held.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = held
        .iter()
        .map(|(name, letters)| format!("{name}：{}", letters.join("、")))
        .collect();
    Err(Error::conflict(format!(
        "以下团员已开具过介绍信（未作废）：{}。原介绍信作废的，请先在登记簿中作废；确需再开具的，请确认后重试",
        list.join("；")
    )))
}

/// Where a batch's letters are written.
#[derive(Debug, Clone, Copy)]
pub enum Output<'p> {
    /// One PDF, a letter a page.
    Pdf(&'p Path),
    /// A PDF per letter (`<编号>_<姓名>.pdf`) in the folder.
    Dir(&'p Path),
}

/// Issues letters, all or nothing (one snapshot before a batch, every refusal listed), and
/// writes them to `out` before the register commits: a target that cannot be written, or a
/// stop asked through `watch`, leaves no number taken. A graduate who already holds a letter
/// gets another only when `again` is confirmed.
pub fn issue(
    ctx: &mut Context,
    inputs: &[IssueInput],
    again: Again,
    out: Output<'_>,
    watch: &Watch<'_>,
) -> Result<Vec<RegisteredLetter>> {
    let started = std::time::Instant::now();
    check_again(ctx, inputs, again)?;
    // A target open in another program (Excel, a PDF viewer) is refused before any work.
    if let Output::Pdf(p) = out {
        files::check_writable(p)?;
    }
    let op = ctx.operator().to_string();
    let written = std::cell::RefCell::new(Vec::new());
    let issued = register::issue_batch(ctx.store_mut(), inputs, &op, watch, |registered, w| {
        let data: Vec<LetterData> = registered.iter().map(|l| l.printed.clone()).collect();
        match out {
            Output::Pdf(p) => {
                let bytes = letter::render_letters_watched(&data, w)?;
                files::write_output(p, &bytes)?;
                written.borrow_mut().push(p.to_path_buf());
            }
            Output::Dir(d) => {
                let paths = write_letters_separately(&data, d)?;
                written.borrow_mut().extend(paths);
            }
        }
        Ok(())
    });
    match &issued {
        Ok(done) => {
            let (n, total) = (done.len(), 3 * inputs.len() as u64);
            watch.step(total, total, || format!("已开具 {n} 封，已写入文件"));
            crate::diagnostics::record_long_task("letter_batch", started.elapsed(), n as u64);
        }
        // The register did not commit: letters whose numbers were never taken are not kept.
        Err(_) => {
            for p in written.borrow().iter() {
                let _ = std::fs::remove_file(p);
            }
        }
    }
    issued
}

/// Issues one letter (the same rule for a second letter).
pub fn issue_one(ctx: &mut Context, input: &IssueInput, again: Again) -> Result<RegisteredLetter> {
    check_again(ctx, std::slice::from_ref(input), again)?;
    let op = ctx.operator().to_string();
    register::issue_for(ctx.store_mut(), input, &op)
}

/// Voids a letter: its number is never used again.
pub fn void(ctx: &mut Context, letter_id: i64, reason: &str) -> Result<()> {
    let op = ctx.operator().to_string();
    ctx.store_mut().void_letter(letter_id, reason.trim(), &op)
}

/// Records the receipt's return (L1: due within a month).
pub fn receipt(ctx: &mut Context, letter_id: i64, on: Option<NaiveDate>) -> Result<()> {
    let op = ctx.operator().to_string();
    let on = on.unwrap_or_else(|| ctx.today());
    ctx.store_mut().record_letter_receipt(letter_id, on, &op)
}

/// The letters `ids` as registered, for a reprint exactly as issued (a voided letter is
/// refused: its number is dead).
pub fn reprint(ctx: &Context, ids: &[i64]) -> Result<Vec<LetterData>> {
    if ids.is_empty() {
        return Err(Error::invalid("请先选择要重印的介绍信"));
    }
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let l = ctx.store().letter(id)?;
        if l.voided_at.is_some() {
            return Err(Error::refused(format!(
                "{}（{}）已作废，不能重印",
                l.number_label(),
                l.member_name
            )));
        }
        out.push(l.printed);
    }
    Ok(out)
}

/// Writes each letter to its own file `<编号>_<姓名>.pdf` in `dir`; returns the paths. Every
/// target is checked first (one open in Excel or a PDF viewer stops the batch before any file
/// is replaced); each file is then written whole or not at all.
pub fn write_letters_separately(
    letters: &[LetterData],
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>> {
    for l in letters {
        letter::check_letter(l)?;
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::storage(format!(
            "无法创建文件夹 {}：{}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let paths: Vec<std::path::PathBuf> = letters.iter().map(|l| dir.join(l.file_name())).collect();
    for p in &paths {
        files::check_writable(p)?;
    }
    for (l, path) in letters.iter().zip(&paths) {
        files::write_output(path, &letter::render_letter(l)?)?;
    }
    Ok(paths)
}

/// Letters for one or more graduates (one PDF, a page per letter; or a PDF each in a folder).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRequest {
    pub member_ids: Vec<i64>,
    /// 转入团委全称 shared by all; blank: each graduate's own.
    pub receiver: String,
    /// 因____原因 shared by all; blank: 升学 for R1, else 毕业.
    pub reason: String,
    /// An [`ArchiveDisposition`] code or label.
    pub archive: String,
    pub archive_other: Option<String>,
    /// The PDF (or, with `separate`, the folder) written.
    pub out: String,
    /// The secretary confirmed letters for graduates who already hold one (not voided).
    pub again: bool,
    /// The cohort (default: this year).
    #[serde(default)]
    pub year: Option<i32>,
    /// 开具日期 (`YYYY-MM-DD`); null: today.
    #[serde(default)]
    pub issued: Option<String>,
    /// The issuing committee as the door names it (number or full name): it must be the
    /// office's (设置 › 团委全称); null: the office's.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Per-graduate values (a CSV batch); their members are added to `member_ids`.
    #[serde(default)]
    pub lines: Vec<LetterLine>,
    /// `out` is a folder: a PDF per letter (`<编号>_<姓名>.pdf`).
    #[serde(default)]
    pub separate: bool,
}

/// An archive disposition by code or Chinese label.
pub fn parse_archive(s: &str) -> Result<ArchiveDisposition> {
    let t = crate::text::clean(s);
    ArchiveDisposition::from_code(&t)
        .or_else(|| ArchiveDisposition::from_label(&t))
        .ok_or_else(|| {
            Error::invalid(format!(
                "团员档案“{s}”无法识别，应为 {} 或对应的中文",
                ArchiveDisposition::codes()
            ))
        })
}

/// The committee a door named must be the office's: letters are issued by the office's
/// committee with what it prints (L1), never by a branch.
fn check_issuer(ctx: &Context, named: Option<&str>) -> Result<()> {
    let Some(named) = named.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(());
    };
    let o = super::orgs::resolve_org(ctx, named)?;
    if o.level == crate::org::OrgLevel::Branch {
        return Err(Error::refused(format!(
            "开具单位“{}”是团支部：介绍信只能由基层团委（或独立单位的团总支）开具，团支部一律不得开具（L1）",
            o.full_name
        )));
    }
    let office = super::office::issuer(ctx)?;
    if o.id != office.id {
        return Err(Error::refused(format!(
            "介绍信由本单位的团委“{}”开具（设置 › 团委全称），不能以“{}”的名义开具（L1）",
            office.full_name, o.full_name
        )));
    }
    Ok(())
}

/// Letters just issued: the PDF and what each page prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuedLetters {
    pub path: String,
    pub letters: Vec<LetterTexts>,
}

/// One row of the 登记簿.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterRow {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub issuer: String,
    pub receiver: String,
    pub issued_on: String,
    pub valid_until: String,
    pub receipt_due: String,
    pub receipt_returned_on: Option<String>,
    /// 已作废 / 回执已返回 / 回执逾期 / 待回执 (code `voided`…).
    pub status: Choice,
    pub letter: LetterTexts,
}

fn register_row(l: &RegisteredLetter, today: chrono::NaiveDate) -> RegisterRow {
    RegisterRow {
        id: l.id,
        number: l.number_label(),
        name: l.member_name.clone(),
        issuer: l.issuer_name.clone(),
        receiver: l.receiver.clone(),
        issued_on: l.issued_on.to_string(),
        valid_until: l.valid_until.to_string(),
        receipt_due: l.receipt_due.to_string(),
        receipt_returned_on: l.receipt_returned_on.map(|d| d.to_string()),
        status: {
            let st = l.status(today);
            Choice::new(st.code(), st.label())
        },
        letter: l.printed.texts(),
    }
}

/// Issues L1 for every graduate of the request (all or nothing), numbers them in the register
/// and writes one PDF to `req.out`. The issuer and what it prints are the office's records; a
/// blank receiver means each graduate's own (its transfer's, else its recorded 转入组织).
pub fn issue_letters(
    ctx: &mut Context,
    req: &LetterRequest,
    watch: &Watch<'_>,
) -> Result<IssuedLetters> {
    let inputs = request_inputs(ctx, req)?;
    let again = if req.again {
        Again::Confirmed
    } else {
        Again::Refuse
    };
    let out = if req.separate {
        Output::Dir(Path::new(&req.out))
    } else {
        Output::Pdf(Path::new(&req.out))
    };
    let issued = issue(ctx, &inputs, again, out, watch)?;
    Ok(IssuedLetters {
        path: req.out.clone(),
        letters: issued.iter().map(|l| l.printed.texts()).collect(),
    })
}

/// Every letter of `req` that cannot be issued, with all its reasons — the same check the
/// issue makes, numbering nothing (a refused batch's whole list: the CLI's `--problems`, the
/// app's table and its export).
pub fn problems(ctx: &Context, req: &LetterRequest) -> Result<Vec<register::LetterProblem>> {
    let inputs = request_inputs(ctx, req)?;
    Ok(register::check_batch(ctx.store(), &inputs, &Watch::NONE)?.1)
}

/// The inputs of a request: the office's issuer (a named one checked), each graduate's
/// receiver, reason and archive.
fn request_inputs(ctx: &Context, req: &LetterRequest) -> Result<Vec<IssueInput>> {
    let archive = parse_archive(&req.archive)?;
    check_issuer(ctx, req.issuer.as_deref())?;
    let issued = match req
        .issued
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => Some(
            crate::date::parse_date_lenient(d)
                .map_err(|e| Error::invalid(format!("开具日期：{e}")))?,
        ),
        None => None,
    };
    let year = req.year.unwrap_or_else(|| ctx.this_year());
    let mut members = req.member_ids.clone();
    for l in &req.lines {
        if !members.contains(&l.member_id) {
            members.push(l.member_id);
        }
    }
    inputs(
        ctx,
        &GraduateLetters {
            members,
            lines: req.lines.clone(),
            year,
            receiver: Some(req.receiver.clone()),
            reason: Some(req.reason.clone()),
            archive,
            archive_other: req.archive_other.clone(),
            issued,
        },
    )
}

/// A refused batch's whole list as CSV (UTF-8 with BOM, as Excel opens it): 团员编号, 姓名, 问题.
pub fn problems_csv(wrong: &[register::LetterProblem]) -> Vec<u8> {
    let mut rows = vec![vec!["团员编号".to_string(), "姓名".into(), "问题".into()]];
    for p in wrong {
        for problem in &p.problems {
            rows.push(vec![
                p.member_id.to_string(),
                p.name.clone(),
                problem.clone(),
            ]);
        }
    }
    files::csv_bytes(&rows)
}

/// The register (voided letters included), newest first; `overdue_only` keeps the letters
/// whose receipt is past due.
pub fn register_list(ctx: &Context, overdue_only: bool) -> Result<Vec<RegisterRow>> {
    let today = ctx.today();
    let f = ListFilter {
        include_voided: !overdue_only,
        receipt_overdue_on: overdue_only.then_some(today),
        ..ListFilter::default()
    };
    Ok(register(ctx, &f)?
        .iter()
        .rev()
        .map(|l| register_row(l, today))
        .collect())
}

/// A registered letter by its number (`2026年001号`, or `001` of `year`) — the office's
/// committee's, or the named issuer's.
pub fn by_number(ctx: &Context, issuer: Option<&str>, number: &str) -> Result<RegisteredLetter> {
    let issuer = match issuer.map(str::trim).filter(|i| !i.is_empty()) {
        Some(i) => super::orgs::resolve_org(ctx, i)?,
        None => super::office::issuer(ctx)?,
    };
    ctx.store().letter_by_number(issuer.id, number)
}

/// The register's letters `f` keeps, oldest first (the CLI's `letter list`, the app's 登记簿).
pub fn register(ctx: &Context, f: &ListFilter) -> Result<Vec<RegisteredLetter>> {
    ctx.store().letters(f)
}

/// 登记簿 › 作废: the number is never used again; the reason is required.
pub fn void_letter(ctx: &mut Context, id: i64, reason: &str) -> Result<()> {
    void(ctx, id, reason)
}

/// 登记簿 › 回执已返回 (today).
pub fn letter_receipt(ctx: &mut Context, id: i64) -> Result<()> {
    receipt(ctx, id, None)
}

/// 登记簿 › 原样重印: the registered letters, printed again exactly as issued.
pub fn reprint_to(ctx: &Context, ids: &[i64], out: &str) -> Result<String> {
    let letters = reprint(ctx, ids)?;
    files::write_output(Path::new(out), &letter::render_letters(&letters)?)?;
    Ok(out.to_string())
}
