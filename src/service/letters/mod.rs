//! Letters (L1) as both doors issue them: the issuing committee and what it prints come from
//! the office's records (`office`), never from what a door happens to hold; each graduate's
//! receiver and reason default to that graduate's own transfer or recorded 转入组织.

use super::Context;
use crate::documents::letter::{self, ArchiveDisposition, LetterData};
pub mod register;

use register::{IssueInput, RegisteredLetter};
use crate::{files, Error, Result, Watch};
use chrono::NaiveDate;
use std::path::Path;

/// Letters for graduates of one cohort. Empty choices take each graduate's own values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraduateLetters {
    pub members: Vec<i64>,
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
    for &member_id in &req.members {
        let receiver = match req.receiver.clone().filter(|r| !r.trim().is_empty()) {
            Some(r) => r,
            None => match own_receiver(ctx, member_id, req.year)? {
                Some(r) => r,
                None => {
                    missing.push(ctx.member(member_id)?.name);
                    continue;
                }
            },
        };
        let reason = match req.reason.clone().filter(|r| !r.trim().is_empty()) {
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
            archive: req.archive,
            archive_other: req.archive_other.clone().filter(|s| !s.trim().is_empty()),
            issued,
            handler: None,
            handler_mobile: None,
        });
    }
    if !missing.is_empty() {
        return Err(Error::invalid(format!(
            "以下团员没有转入团委全称（转接记录和毕业去向中都没有）：{}；请先录入，或在此统一填写",
            missing.join("、")
        )));
    }
    Ok(out)
}

/// Saves an issuing committee's profile (what every letter of it prints) — the record the
/// app's 设置 edits for the office's committee.
pub fn set_issuer(ctx: &mut Context, p: &register::IssuerProfile) -> Result<()> {
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
        let held = ctx
            .store()
            .letters(&crate::service::letters::register::ListFilter {
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
    ctx.store_mut().void_letter(letter_id, reason, &op)
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
pub fn write_letters_separately(letters: &[LetterData], dir: &Path) -> Result<Vec<std::path::PathBuf>> {
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

