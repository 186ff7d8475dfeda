//! Org names as typed (issue 23, rules.md §1 名称按原样保存): the upgrade to schema 7 gives
//! every org its matching key and restores the full-width brackets and punctuation that
//! versions up to 6 folded away, recording each restoration ([`Store::restored_names`]) so
//! that the app and `xianjie org list --changed` show them for checking against 智慧团建.
//!
//! Which names are restored, and why that is unambiguous. Version 6 stored `text::clean` of a
//! name: each full-width form U+FF01–U+FF5E became its ASCII twin, one character for one. So a
//! stored name with ASCII punctuation may have been typed either way; two sources say which:
//!
//! 1. Evidence. Texts the old program kept as typed (the F4/F5 ledgers, the letter register's
//!    printed texts, transfer records, the office settings, the packages and collection
//!    registers — and any other text column that holds names) are searched for the name
//!    folded: where the name appears there with full-width punctuation, that is how it was
//!    typed. Only punctuation is taken from it (never digits or letters), and only when every
//!    place agrees; places that disagree leave the name as it is.
//! 2. The rule of Chinese writing (GB/T 15834): in Chinese text, brackets, commas, colons and
//!    semicolons are full-width — a Chinese input method types them so. A name with Chinese
//!    characters and no ASCII letter (no English word or abbreviation that would make the
//!    half-width form deliberate) has `(` `)` `,` `:` `;` turned into `（` `）` `，` `：` `；`.
//!
//! Nothing else is touched: a name with an ASCII word and no evidence stays; a restoration
//! that would give two orgs one name is not made. Every change is one `name_restoration` row
//! and one audit entry (operator “数据库升级”), in the migration's transaction.

use crate::audit::{self, Change};
use crate::orgs::name_key;
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use xianjie_domain::Result;

xianjie_domain::labeled_enum! {
    /// Why the upgrade restored a name.
    RestoreBasis {
        Evidence = "evidence", "库中别处记有全角写法";
        Rule = "rule", "中文名称中的括号和标点按全角恢复";
    }
}

/// One org name the upgrade to schema 7 restored, for the secretary to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoredName {
    pub org_id: i64,
    /// As version 6 stored it (folded).
    pub before: String,
    /// As it is now.
    pub after: String,
    pub basis: RestoreBasis,
    /// Where the full-width writing was found, in Chinese (for [`RestoreBasis::Evidence`]).
    pub evidence: Option<String>,
    /// When (RFC 3339 UTC; shown with `time::list_time`).
    pub at: String,
}

impl Store {
    /// The org names the upgrade to schema 7 restored (oldest first), with what they were:
    /// to be checked against 智慧团建's 系统内全称 (a wrong guess is corrected by renaming).
    pub fn restored_names(&self) -> Result<Vec<RestoredName>> {
        let mut stmt = self.conn.prepare(
            "SELECT org_id, before, after, basis, evidence, at FROM name_restoration ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RestoredName {
                org_id: r.get(0)?,
                before: r.get(1)?,
                after: r.get(2)?,
                basis: crate::enum_col(r, 3, RestoreBasis::from_code)?,
                evidence: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// The operator the upgrade's audit entries name.
const OPERATOR: &str = "数据库升级";

/// The text columns searched for evidence, with what a secretary calls them.
const SOURCES: &[(&str, &str, &str)] = &[
    (
        "special_case",
        "original_org",
        "特殊情况记录（F4）的原所在团组织名称",
    ),
    (
        "special_case",
        "target_org",
        "特殊情况记录（F4）的待转入团组织名称",
    ),
    ("special_case", "college", "特殊情况记录（F4）的学院"),
    (
        "devno_conflict",
        "branch",
        "编号被占用记录（F5）的所在团支部",
    ),
    ("devno_conflict", "college", "编号被占用记录（F5）的学院"),
    ("letter", "issuer_name", "介绍信登记的开具单位"),
    ("letter", "receiver", "介绍信登记的接收单位"),
    ("letter", "printed", "介绍信登记的打印内容"),
    ("transfer", "destination", "转接记录的转入组织"),
    ("transfer_event", "branch", "转接步骤的团支部"),
    ("transfer_event", "note", "转接步骤的备注"),
    ("settings", "value", "办公室设置"),
    ("college_package", "college", "学院数据包登记的学院"),
    ("college_package", "school", "学院数据包登记的学校"),
    ("collect_return", "file", "去向收集表的文件名"),
    ("members", "college", "团员记录的学院"),
    ("destinations", "unit_name", "毕业去向的单位名称"),
    ("destinations", "target_org", "毕业去向的转入组织"),
    (
        "member_deletions",
        "branch_full_name",
        "删除团员台账（F6）的团支部",
    ),
];

/// A full-width form whose fold is ASCII punctuation (not a digit or letter).
fn is_wide_punct(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
        && char::from_u32(c as u32 - 0xFEE0).is_some_and(|a| a.is_ascii_punctuation())
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// The rule's restoration of `name`, if it changes anything.
fn by_rule(name: &str) -> Option<String> {
    if !name.chars().any(is_cjk) || name.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let out: String = name
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            c => c,
        })
        .collect();
    (out != name).then_some(out)
}

/// The restorations of `name` the text `t` shows: at each place the folded `t` holds
/// `name`, `name` with the full-width punctuation `t` has there.
fn by_evidence(name: &[char], t: &[char], folded: &[char], out: &mut Vec<String>) {
    if name.is_empty() || folded.len() < name.len() {
        return;
    }
    for start in 0..=folded.len() - name.len() {
        if folded[start..start + name.len()] != *name {
            continue;
        }
        let typed = &t[start..start + name.len()];
        let restored: String = name
            .iter()
            .zip(typed)
            .map(|(&n, &w)| if is_wide_punct(w) { w } else { n })
            .collect();
        if restored.chars().ne(name.iter().copied()) {
            out.push(restored);
        }
    }
}

/// The migration step of schema 7 (run inside its transaction, after its SQL): restores org
/// names, records them, fills every org's `name_key`.
pub(crate) fn restore(conn: &Connection) -> Result<()> {
    let orgs: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, full_name FROM orgs ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // Only names with ASCII punctuation can have lost a full-width form.
    let candidates: Vec<&(i64, String)> = orgs
        .iter()
        .filter(|(_, n)| n.chars().any(|c| c.is_ascii_punctuation()))
        .collect();
    let mut found: BTreeMap<i64, Vec<(String, &str)>> = BTreeMap::new();
    if !candidates.is_empty() {
        for (table, column, label) in SOURCES {
            let mut stmt = conn.prepare(&format!(
                "SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let Ok(text) = r.get_ref(0)?.as_str() else {
                    continue;
                };
                if !text.chars().any(is_wide_punct) {
                    continue;
                }
                let t: Vec<char> = text.chars().collect();
                let folded: Vec<char> = xianjie_domain::text::normalize_width(text)
                    .chars()
                    .collect();
                for (id, name) in &candidates {
                    let name: Vec<char> = name.chars().collect();
                    let mut seen = Vec::new();
                    by_evidence(&name, &t, &folded, &mut seen);
                    found
                        .entry(*id)
                        .or_default()
                        .extend(seen.into_iter().map(|s| (s, *label)));
                }
            }
        }
    }
    let at = audit::now();
    for (id, name) in &candidates {
        let evidence = found.get(id).filter(|f| !f.is_empty());
        let (after, basis, source) = match evidence {
            Some(f) => {
                // Every place must agree.
                if f.iter().any(|(s, _)| *s != f[0].0) {
                    continue;
                }
                (f[0].0.clone(), RestoreBasis::Evidence, Some(f[0].1))
            }
            None => match by_rule(name) {
                Some(after) => (after, RestoreBasis::Rule, None),
                None => continue,
            },
        };
        let taken: Option<i64> = conn
            .query_row(
                "SELECT id FROM orgs WHERE full_name = ?1 AND id <> ?2",
                params![after, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            continue;
        }
        conn.execute(
            "UPDATE orgs SET full_name = ?1 WHERE id = ?2",
            params![after, id],
        )?;
        conn.execute(
            "INSERT INTO name_restoration (org_id, before, after, basis, evidence, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, name, after, basis.code(), source, at],
        )?;
        audit::record(
            conn,
            &at,
            OPERATOR,
            &Change {
                entity: "org",
                entity_id: Some(*id),
                action: "restore_name",
                old: Some(serde_json::json!({ "full_name": name })),
                new: Some(serde_json::json!({
                    "full_name": after,
                    "basis": basis,
                    "evidence": source,
                })),
            },
        )?;
    }
    // Every org's key (a restored name folds to what was stored). A second name with one key
    // (never written by this program, which kept names folded) keeps none: found by number.
    let mut keys = std::collections::HashSet::new();
    for (id, name) in &orgs {
        let key = name_key(name);
        if keys.insert(key.clone()) {
            conn.execute(
                "UPDATE orgs SET name_key = ?1 WHERE id = ?2",
                params![key, id],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_restores_chinese_text_only() {
        assert_eq!(
            by_rule("共青团某某大学(东校区)委员会").as_deref(),
            Some("共青团某某大学（东校区）委员会")
        );
        assert_eq!(
            by_rule("共青团某某学院2022级(1)班团支部").as_deref(),
            Some("共青团某某学院2022级（1）班团支部")
        );
        assert_eq!(by_rule("共青团ABC科技(中国)有限公司委员会"), None);
        assert_eq!(by_rule("共青团某某大学委员会"), None);
        assert_eq!(by_rule("(1)"), None);
    }

    #[test]
    fn evidence_gives_punctuation_only() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let name = chars("共青团ABC(中国)公司委员会");
        let typed = "转入共青团ＡＢＣ（中国）公司委员会，已退回";
        let folded = chars(&xianjie_domain::text::normalize_width(typed));
        let mut out = Vec::new();
        by_evidence(&name, &chars(typed), &folded, &mut out);
        assert_eq!(out, vec!["共青团ABC（中国）公司委员会".to_string()]);
        // The name typed half-width there too: nothing to restore.
        let mut none = Vec::new();
        let plain = "共青团ABC(中国)公司委员会，";
        by_evidence(&name, &chars(plain), &chars(plain), &mut none);
        assert!(none.is_empty());
    }
}
