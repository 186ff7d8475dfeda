//! Letters (L1) as both doors issue them: the issuing committee and what it prints come from
//! the office's records (`office`), never from what a door happens to hold; each graduate's
//! receiver and reason default to that graduate's own transfer or recorded 转入组织.

use super::Context;
use crate::documents::letter::ArchiveDisposition;
use crate::documents::register::{self, IssueInput, RegisteredLetter};
use crate::{Error, Result};
use chrono::NaiveDate;

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

/// Issues letters, all or nothing (one snapshot before a batch, every refusal listed).
pub fn issue(ctx: &mut Context, inputs: &[IssueInput]) -> Result<Vec<RegisteredLetter>> {
    let op = ctx.operator().to_string();
    register::issue_batch(ctx.store_mut(), inputs, &op)
}

/// Issues one letter.
pub fn issue_one(ctx: &mut Context, input: &IssueInput) -> Result<RegisteredLetter> {
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
