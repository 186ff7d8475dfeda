//! A cohort's graduates with the rule engine's recommendation for each.
//!
//! Cohort Y = the members of branches whose graduation date falls in Y, plus members deferred
//! (M3) to a date in Y from another year's branch (listed, flagged `deferred_into`). Members
//! of Y's branches who are marked (deferred to later, or teacher) are listed too: the engine
//! sees the marking and says they are not part of 学社衔接.

use super::destinations::DEST_COLUMNS;
use super::members::{member_from_row, MEMBER_COLUMNS};
use super::orgs::{org_from_row, ORG_COLUMNS};
use super::Store;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use xianjie_domain::date::YearMonth;
use xianjie_domain::destination::Destination;
use xianjie_domain::engine::{self, Facts, Recommendation};
use xianjie_domain::member::{Marking, Member, SchoolKind};
use xianjie_domain::order;
use xianjie_domain::org::Org;
use xianjie_domain::Result;

/// One graduate of a cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Graduate {
    /// The member; `destination` is this cohort year's.
    pub member: Member,
    pub branch: Org,
    /// The month this member graduates: the deferred date (M3) or the branch's (M4).
    pub graduates: Option<YearMonth>,
    /// Listed because the member's own deferred date is in this year, not the branch's.
    pub deferred_into: bool,
    /// `None` while no destination is recorded for this cohort year.
    pub recommendation: Option<Recommendation>,
}

/// The engine's facts for a stored member on `on`.
pub fn facts(
    member: &Member,
    destination: &Destination,
    school: SchoolKind,
    on: NaiveDate,
) -> Facts {
    let mut f = Facts::new(on, member.id_number.birth_date(), destination.clone());
    f.id_number = Some(member.id_number.clone());
    f.joined = member.joined;
    f.politics = member.politics;
    f.league_post = member.league_post;
    f.school = school;
    f.marking = member.marking.as_ref().map(Marking::kind);
    f.identity_verified = member.identity_verified;
    f.status = member.status;
    f
}

impl Store {
    /// Cohort `year`'s graduates in the one order (`xianjie_domain::order`: branch by grade and
    /// natural name, then name by pinyin), each with its recommendation on `on`.
    pub fn graduates(&self, year: i32, on: NaiveDate) -> Result<Vec<Graduate>> {
        super::destinations::check_year(year)?;
        let school = self.school_kind()?;
        let y = format!("{year:04}");
        // The cohort's branches once; rows then reuse them (and the index on branch_id).
        let mut branches: HashMap<i64, Org> = HashMap::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {ORG_COLUMNS} FROM orgs o WHERE substr(o.graduates, 1, 4) = ?1"
            ))?;
            for org in stmt.query_map([&y], |r| org_from_row(r, 0))? {
                let org = org?;
                branches.insert(org.id, org);
            }
        }
        let select = format!(
            "SELECT {MEMBER_COLUMNS}, {DEST_COLUMNS} FROM members m
             LEFT JOIN markings mk ON mk.member_id = m.id
             LEFT JOIN destinations d ON d.member_id = m.id AND d.cohort_year = ?1"
        );
        let mut stmt = self.conn.prepare(&format!(
            "{select} WHERE m.branch_id IN (SELECT id FROM orgs WHERE substr(graduates, 1, 4) = ?2)
             UNION ALL
             {select} WHERE mk.kind = 'deferred' AND substr(mk.graduates, 1, 4) = ?2
                 AND m.branch_id NOT IN (SELECT id FROM orgs WHERE substr(graduates, 1, 4) = ?2)"
        ))?;
        let rows = stmt.query_map(rusqlite::params![year, y], member_from_row)?;
        // Rows are large: kept in slots so that sorting moves each one once.
        let expected: i64 = self.conn.query_row(
            "SELECT count(*) FROM members WHERE branch_id IN
                 (SELECT id FROM orgs WHERE substr(graduates, 1, 4) = ?1)",
            [&y],
            |r| r.get(0),
        )?;
        let mut out: Vec<Option<Graduate>> =
            Vec::with_capacity(usize::try_from(expected).unwrap_or(0) + 16);
        for row in rows {
            let member = row?;
            let branch = match branches.get(&member.branch_id) {
                Some(b) => b.clone(),
                None => {
                    let b = super::orgs::require_org(&self.conn, member.branch_id)?;
                    branches.insert(b.id, b.clone());
                    b
                }
            };
            let branch_date = branch.graduation.and_then(|g| g.date());
            let (graduates, deferred_into) = match &member.marking {
                Some(Marking::Deferred { graduates, .. }) => (
                    Some(*graduates),
                    graduates.year() == year && branch_date.map(|d| d.year()) != Some(year),
                ),
                _ => (branch_date, false),
            };
            let recommendation = member
                .destination
                .as_ref()
                .map(|d| engine::recommend(&facts(&member, d, school, on)));
            out.push(Some(Graduate {
                member,
                branch,
                graduates,
                deferred_into,
                recommendation,
            }));
        }
        // Sort keys, not the (large) rows: the domain's one order (branch by grade and natural
        // name, then name by pinyin; rules.md §6), then id.
        let mut names: Vec<(xianjie_domain::order::BranchKey, i64)> = branches
            .values()
            .map(|b| (order::branch_key(&b.full_name), b.id))
            .collect();
        names.sort_unstable();
        let rank: HashMap<i64, usize> = names
            .iter()
            .enumerate()
            .map(|(i, (_, id))| (*id, i))
            .collect();
        let mut keys: Vec<(usize, order::TextKey, i64, usize)> = out
            .iter()
            .enumerate()
            .filter_map(|(i, g)| g.as_ref().map(|g| (i, g)))
            .map(|(i, g)| {
                let r = rank.get(&g.branch.id).copied().unwrap_or(usize::MAX);
                (r, order::name_key(&g.member.name), g.member.id, i)
            })
            .collect();
        keys.sort_unstable();
        let sorted: Vec<Graduate> = keys
            .into_iter()
            .filter_map(|(_, _, _, i)| out.get_mut(i).and_then(Option::take))
            .collect();
        Ok(sorted)
    }
}
