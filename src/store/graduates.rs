//! A cohort's graduates with the rule engine's recommendation for each.
//!
//! Cohort Y = the members of branches whose graduation date falls in Y, plus members deferred
//! (M3) to a date in Y from another year's branch (listed, flagged `deferred_into`). Members
//! of Y's branches who are marked (deferred to later, or teacher) are listed too: the engine
//! sees the marking and says they are not part of 学社衔接.

use super::destinations::DEST_COLUMNS;
use super::members::{member_from_row, MEMBER_COLUMNS, MEMBER_WIDTH};
use super::orgs::{org_from_row, ORG_COLUMNS};
use super::Store;
use crate::date::YearMonth;
use crate::destination::Destination;
use crate::engine::{self, Facts, Recommendation};
use crate::member::{Marking, Member, SchoolKind};
use crate::org::Org;
use crate::Result;
use chrono::NaiveDate;
use serde::Serialize;

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
    /// Cohort `year`'s graduates, by branch then name, each with its recommendation on `on`.
    pub fn graduates(&self, year: i32, on: NaiveDate) -> Result<Vec<Graduate>> {
        super::destinations::check_year(year)?;
        let school = self.school_kind()?;
        let y = format!("{year:04}");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEMBER_COLUMNS}, {DEST_COLUMNS}, {ORG_COLUMNS}
             FROM members m
             JOIN orgs o ON o.id = m.branch_id
             LEFT JOIN markings mk ON mk.member_id = m.id
             LEFT JOIN destinations d ON d.member_id = m.id AND d.cohort_year = ?1
             WHERE substr(o.graduates, 1, 4) = ?2
                OR (mk.kind = 'deferred' AND substr(mk.graduates, 1, 4) = ?2)
             ORDER BY o.full_name, m.name, m.id"
        ))?;
        let org_at = MEMBER_WIDTH + 15;
        let rows = stmt.query_map(rusqlite::params![year, y], |r| {
            Ok((member_from_row(r)?, org_from_row(r, org_at)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (member, branch) = row?;
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
            out.push(Graduate {
                member,
                branch,
                graduates,
                deferred_into,
                recommendation,
            });
        }
        Ok(out)
    }
}
