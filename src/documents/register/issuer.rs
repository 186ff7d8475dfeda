//! What an issuing committee prints on every letter (phone, address, postcode, handler), kept
//! once per committee, and the request a letter is issued from, built from the store.

use super::IssueRequest;
use crate::documents::letter::ArchiveDisposition;
use crate::store::audit::{self, Change};
use crate::store::Store;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// What an issuing committee prints on every letter (stored once per committee).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IssuerProfile {
    pub org_id: i64,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub handler: String,
    pub handler_mobile: String,
    pub digits: usize,
}

/// The stored profile of `org_id`, or an empty one (3 digits).
pub fn issuer_profile(conn: &Connection, org_id: i64) -> Result<IssuerProfile> {
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

/// Saves the profile (replacing the old one).
pub fn set_issuer_profile(store: &mut Store, p: &IssuerProfile, operator: &str) -> Result<()> {
    let operator = crate::store::operator(operator)?;
    let org = store
        .org(p.org_id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {} 的团组织", p.org_id)))?;
    if !(3..=5).contains(&p.digits) {
        return Err(Error::invalid(format!(
            "编号位数应为3至5位，而不是{}位",
            p.digits
        )));
    }
    let old = issuer_profile(store.connection(), p.org_id)?;
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

/// What a secretary gives to issue one letter from the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueInput {
    pub member_id: i64,
    pub issuer_org_id: i64,
    /// 转入团委全称.
    pub receiver: String,
    pub reason: String,
    pub archive: ArchiveDisposition,
    pub archive_other: Option<String>,
    pub issued: NaiveDate,
    /// Overrides of the issuer profile's handler for this letter.
    pub handler: Option<String>,
    pub handler_mobile: Option<String>,
}

/// The request and the member, from the store (the issuer's profile fills the rest).
pub fn build_request(
    store: &Store,
    input: &IssueInput,
) -> Result<(IssueRequest, crate::member::Member)> {
    let member = store
        .member(input.member_id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {} 的团员", input.member_id)))?;
    let org = store.org(input.issuer_org_id)?.ok_or_else(|| {
        Error::not_found(format!(
            "找不到编号为 {} 的团组织（开具单位）",
            input.issuer_org_id
        ))
    })?;
    let p = issuer_profile(store.connection(), org.id)?;
    let req = IssueRequest {
        issuer: super::Issuer {
            org_id: org.id,
            full_name: org.full_name,
            level: org.level,
            phone: p.phone,
            address: p.address,
            postcode: p.postcode,
        },
        handler: input.handler.clone().unwrap_or(p.handler),
        handler_mobile: input.handler_mobile.clone().unwrap_or(p.handler_mobile),
        receiver: input.receiver.clone(),
        reason: input.reason.clone(),
        archive: input.archive,
        archive_other: input.archive_other.clone(),
        issued: input.issued,
        digits: p.digits,
    };
    Ok((req, member))
}

/// Issues one letter for a stored member.
pub fn issue_for(
    store: &mut Store,
    input: &IssueInput,
    operator: &str,
) -> Result<super::RegisteredLetter> {
    let (req, member) = build_request(store, input)?;
    super::issue(store, &req, &member, operator)
}

/// Issues many letters at once, all or nothing: when any is refused, none is issued and the
/// message lists every refusal.
pub fn issue_batch(
    store: &mut Store,
    inputs: &[IssueInput],
    operator: &str,
) -> Result<Vec<super::RegisteredLetter>> {
    // Every entry point (CLI, app) gets the snapshot before a batch (issue 7).
    store.snapshot_before_batch(inputs.len())?;
    let mut prepared = Vec::new();
    let mut errors = Vec::new();
    for i in inputs {
        match build_request(store, i) {
            Ok(p) => prepared.push(p),
            Err(e) => errors.push(e.message),
        }
    }
    let tx = store.transaction()?;
    let mut out = Vec::new();
    for (req, member) in &prepared {
        match super::issue_in(&tx, req, member, operator) {
            Ok(l) => out.push(l),
            Err(e) => errors.push(e.message),
        }
    }
    if !errors.is_empty() {
        return Err(Error::refused(format!(
            "批量开具未执行（{} 封中 {} 封有问题，全部未开具）：{}",
            inputs.len(),
            errors.len(),
            errors.join("；")
        )));
    }
    tx.commit()?;
    Ok(out)
}
