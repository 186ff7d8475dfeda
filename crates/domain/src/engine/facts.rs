//! The engine's input: one graduate's facts on one date.

use super::membership::{membership, Membership};
use crate::date::YearMonth;
use crate::destination::Destination;
use crate::id_number::IdNumber;
use crate::member::{MarkingKind, Politics, SchoolKind, StudyStatus};
use chrono::NaiveDate;
use serde::Serialize;

/// Everything the rule engine looks at. Built from a contract case or from a stored member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// The date the question is asked.
    pub on: NaiveDate,
    pub id_number: Option<IdNumber>,
    pub birth_date: NaiveDate,
    /// 入团时间; `None` when unknown.
    pub joined: Option<YearMonth>,
    pub politics: Politics,
    pub league_post: bool,
    pub school: SchoolKind,
    pub marking: Option<MarkingKind>,
    pub identity_verified: bool,
    pub active_transfer: bool,
    pub status: StudyStatus,
    pub destination: Destination,
}

impl Facts {
    /// Whether the graduate is still a member on `on` (M5, M6, 群众).
    pub fn membership(&self) -> Membership {
        membership(
            self.birth_date,
            self.on,
            self.league_post,
            self.joined,
            self.politics,
        )
    }

    /// Defaults of docs/contract.md for everything but the date, the birth date and the destination.
    pub fn new(on: NaiveDate, birth_date: NaiveDate, destination: Destination) -> Self {
        Self {
            on,
            id_number: None,
            birth_date,
            joined: None,
            politics: Politics::League,
            league_post: false,
            school: SchoolKind::University,
            marking: None,
            identity_verified: true,
            active_transfer: false,
            status: StudyStatus::Graduating,
            destination,
        }
    }
}
