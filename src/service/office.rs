//! The office's details — its name on the tables, the committee that issues letters and what
//! every letter prints about it (phone, address, postcode, handler) — kept once, in the store.
//! The app's 设置 page and the CLI's `letter issuer` edit the same records, so a letter never
//! prints what the other door set differently (L1: the stub and the original carry the same
//! handler and phone).

use super::Context;
use crate::org::{Org, OrgLevel};
use crate::service::letters::register::IssuerProfile;
use crate::store::NewOrg;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

pub(super) const COLLEGE: &str = "college";
const ISSUER: &str = "issuer_org_id";

/// Longest free text an office detail may hold (a full org name is well under 100 characters).
pub const MAX_TEXT: usize = 200;

/// The office as both doors see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// 学校（学院）名称 (tables' 学院 column, F1's header).
    pub college: String,
    /// The committee that issues letters (L1: never a branch).
    pub issuer: Option<Org>,
    /// Its profile (empty while there is no issuer).
    pub profile: IssuerProfile,
}

/// The office's details as 设置 edits them. Empty strings mean "not filled in yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct OfficeInput {
    /// 学校（学院）名称.
    pub college: String,
    /// 开具介绍信的团委全称 (as in 智慧团建).
    pub committee_full_name: String,
    /// 经办人.
    pub handler: String,
    /// 联系电话（办公）.
    pub office_phone: String,
    /// 经办人手机.
    pub mobile: String,
    /// 通讯地址.
    pub address: String,
    /// 邮政编码.
    pub postcode: String,
}

/// Checks the details a letter relies on; the message names the field. The window and the
/// command line are not trusted: every text has a bound and no control characters.
pub fn validate(s: &OfficeInput) -> Result<()> {
    match problems(s).into_iter().next() {
        Some((_, message)) => Err(Error::invalid(message)),
        None => Ok(()),
    }
}

/// Every problem of the details, as (field of [`OfficeInput`], message).
pub fn problems(s: &OfficeInput) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let postcode = s.postcode.trim();
    let six_digits = postcode.len() == 6 && postcode.bytes().all(|b| b.is_ascii_digit());
    if !postcode.is_empty() && !six_digits {
        out.push(("postcode", format!("邮政编码“{postcode}”应为6位数字")));
    }
    let mobile = s.mobile.trim();
    let mobile_ok =
        mobile.len() == 11 && mobile.starts_with('1') && mobile.bytes().all(|b| b.is_ascii_digit());
    if !mobile.is_empty() && !mobile_ok {
        out.push((
            "mobile",
            format!("经办人手机“{mobile}”应为以1开头的11位数字"),
        ));
    }
    let phone = s.office_phone.trim();
    if !phone.is_empty()
        && !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '转'))
    {
        out.push((
            "office_phone",
            format!("联系电话“{phone}”只能包含数字、“-”、括号或“转”"),
        ));
    }
    for (field, label, v) in [
        ("college", "学院名称", &s.college),
        ("committee_full_name", "团委全称", &s.committee_full_name),
        ("handler", "经办人", &s.handler),
        ("address", "通信地址", &s.address),
        ("office_phone", "联系电话", &s.office_phone),
    ] {
        let n = v.chars().count();
        if n > MAX_TEXT {
            out.push((field, format!("{label}过长（{n}个字，最多{MAX_TEXT}个字）")));
        }
        if v.chars().any(char::is_control) {
            out.push((field, format!("{label}中含有不可见的控制字符")));
        }
    }
    out
}

/// The office's details. Until a committee is named, the tree's first top-level committee
/// issues (a branch never does, L1).
pub fn load(ctx: &Context) -> Result<Office> {
    let store = ctx.store();
    let college = store.setting(COLLEGE)?.unwrap_or_default();
    let issuer = match store.setting(ISSUER)?.and_then(|v| v.parse::<i64>().ok()) {
        Some(id) => store.org(id)?,
        None => None,
    };
    let issuer = match issuer {
        Some(o) => Some(o),
        None => default_issuer(ctx)?,
    };
    let profile = match &issuer {
        Some(o) => store.issuer_profile(o.id)?,
        None => IssuerProfile {
            digits: 3,
            ..IssuerProfile::default()
        },
    };
    Ok(Office {
        college,
        issuer,
        profile,
    })
}

fn default_issuer(ctx: &Context) -> Result<Option<Org>> {
    Ok(ctx
        .store()
        .orgs()?
        .into_iter()
        .find(|o| o.level == OrgLevel::Committee && o.parent_id.is_none()))
}

/// Saves the office's details (each changed record audited). The 团委全称 must name a
/// committee of the org tree; in an empty office it becomes the tree's first org.
pub fn save(ctx: &mut Context, input: &OfficeInput) -> Result<Office> {
    validate(input)?;
    let op = ctx.operator().to_string();
    let name = crate::text::keep(&input.committee_full_name);
    let issuer = if name.is_empty() {
        default_issuer(ctx)?
    } else {
        Some(match ctx.store().org_by_full_name(&name)? {
            Some(o) if o.level == OrgLevel::Branch => {
                return Err(Error::refused(format!(
                    "“{name}”是团支部：介绍信只能由基层团委（或独立单位的团总支）开具（L1）"
                )))
            }
            Some(o) => o,
            None if ctx.store().orgs()?.is_empty() => ctx
                .store_mut()
                .create_org(&NewOrg::new(name.clone(), OrgLevel::Committee, None), &op)?,
            None => {
                return Err(Error::not_found(format!(
                    "组织树中没有“{name}”：团委全称须与组织树中的团委一致（与智慧团建中的全称相同）"
                )))
            }
        })
    };
    let college = crate::text::keep(&input.college);
    // Only a committee the office named is remembered; the default follows the tree.
    let issuer_id = issuer
        .as_ref()
        .filter(|_| !name.is_empty())
        .map(|o| o.id.to_string());
    ctx.store_mut().set_settings(
        &[
            (COLLEGE, Some(college.as_str()).filter(|c| !c.is_empty())),
            (ISSUER, issuer_id.as_deref()),
        ],
        &op,
    )?;
    if let Some(o) = &issuer {
        let old = ctx.store().issuer_profile(o.id)?;
        let want = IssuerProfile {
            org_id: o.id,
            phone: input.office_phone.trim().to_string(),
            address: input.address.trim().to_string(),
            postcode: input.postcode.trim().to_string(),
            handler: input.handler.trim().to_string(),
            handler_mobile: input.mobile.trim().to_string(),
            digits: old.digits,
        };
        if want != old {
            ctx.store_mut().set_issuer_profile(&want, &op)?;
        }
    }
    load(ctx)
}

/// Names `org` as the office's issuing committee (audited when it changes).
pub(super) fn name_issuer(ctx: &mut Context, org: &Org) -> Result<()> {
    let id = org.id.to_string();
    if ctx.store().setting(ISSUER)?.as_deref() == Some(id.as_str()) {
        return Ok(());
    }
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .set_settings(&[(ISSUER, Some(id.as_str()))], &op)
}

/// The committee that issues letters: the office's, else the tree's first top-level committee
/// (a branch never issues, L1).
pub fn issuer(ctx: &Context) -> Result<Org> {
    load(ctx)?.issuer.ok_or_else(|| {
        Error::invalid("没有可开具介绍信的团委：请在“设置”中填写开具单位（团委全称）")
    })
}

/// Before the office's details lived in the store, the app kept them in `settings.json`: a
/// store that has none adopts them once (audited), so an upgrade loses nothing.
pub(super) fn adopt_legacy_settings(ctx: &mut Context) -> Result<()> {
    if ctx.store().setting(COLLEGE)?.is_some() || ctx.store().setting(ISSUER)?.is_some() {
        return Ok(());
    }
    let Ok(text) = std::fs::read_to_string(&ctx.paths().settings) else {
        return Ok(());
    };
    // A damaged file is reported where the app reads its operator; here it adopts nothing.
    let Ok(old) = serde_json::from_str::<OfficeInput>(&text) else {
        return Ok(());
    };
    if old == OfficeInput::default() {
        return Ok(());
    }
    if save(ctx, &old).is_err() {
        // The committee it named is not in the tree: keep what can be kept.
        let college_only = OfficeInput {
            college: old.college,
            ..OfficeInput::default()
        };
        save(ctx, &college_only)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Clock;

    fn input() -> OfficeInput {
        OfficeInput {
            college: "星河大学信息工程学院".into(),
            committee_full_name: "共青团星河大学信息工程学院委员会".into(),
            handler: "李老师".into(),
            office_phone: "021-55550000".into(),
            mobile: "13800001111".into(),
            address: "某市某区某路1号".into(),
            postcode: "200000".into(),
        }
    }

    #[test]
    fn one_truth_in_the_store() {
        let mut ctx = Context::in_memory("测试员", Clock::System).unwrap_or_else(|e| panic!("{e}"));
        let o = save(&mut ctx, &input()).unwrap_or_else(|e| panic!("{e}"));
        let issuer = o
            .issuer
            .unwrap_or_else(|| panic!("issuer created in an empty office"));
        assert_eq!(o.profile.handler, "李老师");
        // What the CLI's `letter issuer` writes is what the app then shows.
        let mut p = o.profile.clone();
        p.handler = "王老师".into();
        ctx.store_mut()
            .set_issuer_profile(&p, "测试员")
            .unwrap_or_else(|e| panic!("{e}"));
        let again = load(&ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.profile.handler, "王老师");
        assert_eq!(again.issuer.map(|o| o.id), Some(issuer.id));
        // Saving unchanged details writes nothing.
        let stamp = ctx.data_stamp().unwrap_or_default();
        let mut same = input();
        same.handler = "王老师".into();
        save(&mut ctx, &same).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ctx.data_stamp().unwrap_or_default(), stamp);
    }

    #[test]
    fn unknown_committee_refused_once_the_tree_exists() {
        let mut ctx = Context::in_memory("测试员", Clock::System).unwrap_or_else(|e| panic!("{e}"));
        save(&mut ctx, &input()).unwrap_or_else(|e| panic!("{e}"));
        let mut other = input();
        other.committee_full_name = "共青团别处委员会".into();
        let e = save(&mut ctx, &other).err().map(|e| e.code);
        assert_eq!(e, Some(crate::ErrorCode::NotFound));
        let mut bad = input();
        bad.postcode = "12".into();
        assert!(save(&mut ctx, &bad).is_err());
    }
}
