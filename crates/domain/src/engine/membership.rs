//! Who is still a league member on the date asked. A non-member is not transferred and is
//! outside both rates (R12, §6): 超龄离团 (M5), joined under 14 from 2017 on (M6), and
//! 政治面貌 群众. Pure and cheap, so that the reports can ask it of every graduate without
//! running the whole engine.

use crate::date::{age_on, YearMonth};
use crate::member::Politics;
use chrono::NaiveDate;
use serde::Serialize;

/// From this year on, joining under 14 means "not recognised as a member" (M6).
pub const M6_CUTOFF_YEAR: i32 = 2017;
/// The age at which a member without a league post leaves the league (M5, 团章).
pub const LEAVING_AGE: i32 = 28;

/// Whether the graduate is still a league member, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    Member,
    /// M5: 28 or older on the date asked and no league post: 超龄离团 (000 #25, 004 八、十五),
    /// party members too (000 #3).
    OverAge,
    /// M6: joined in 2017 or later before turning 14: not recognised as a member.
    JoinedUnder14,
    /// 政治面貌 群众: should not be in the roster at all (000 #1).
    Masses,
}

impl Membership {
    pub fn is_member(self) -> bool {
        self == Membership::Member
    }

    /// In words, for report lines and refusals.
    pub fn label(self) -> &'static str {
        match self {
            Membership::Member => "团员",
            Membership::OverAge => "超龄离团（M5）",
            Membership::JoinedUnder14 => "2017年后未满14周岁入团，不予认定团员身份（M6）",
            Membership::Masses => "政治面貌为群众，非团员",
        }
    }
}

/// How old the member was when joining, at month granularity (the roster gives a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinAge {
    /// Under `n` for the whole join month.
    Under,
    /// Turned `n` during the join month: cannot tell without the exact day.
    Borderline,
    /// `n` or older.
    AtLeast,
}

/// Whether someone born on `birth` was under `n` when joining in `joined`.
pub fn join_age(birth: NaiveDate, joined: YearMonth, n: i32) -> JoinAge {
    if age_on(birth, joined.last_day()) < n {
        JoinAge::Under
    } else if age_on(birth, joined.first_day()) < n {
        JoinAge::Borderline
    } else {
        JoinAge::AtLeast
    }
}

/// Membership on `on` (M5, M6, 000 #1). Order: a 群众 was never a member; an M6 join was
/// never recognised; then age.
pub fn membership(
    birth: NaiveDate,
    on: NaiveDate,
    league_post: bool,
    joined: Option<YearMonth>,
    politics: Politics,
) -> Membership {
    if politics == Politics::Masses {
        return Membership::Masses;
    }
    if let Some(j) = joined {
        if j.year() >= M6_CUTOFF_YEAR && join_age(birth, j, 14) == JoinAge::Under {
            return Membership::JoinedUnder14;
        }
    }
    if !league_post && age_on(birth, on) >= LEAVING_AGE {
        return Membership::OverAge;
    }
    Membership::Member
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
    }

    #[test]
    fn m5_over_age_on_the_birthday_not_before() {
        let birth = d(1998, 6, 15);
        let m = |on, post| membership(birth, on, post, None, Politics::League);
        assert_eq!(m(d(2026, 6, 14), false), Membership::Member);
        assert_eq!(m(d(2026, 6, 15), false), Membership::OverAge);
        assert_eq!(m(d(2026, 6, 15), true), Membership::Member, "league post");
        let party = membership(birth, d(2026, 7, 1), false, None, Politics::Party);
        assert_eq!(party, Membership::OverAge, "000 #3: party members too");
    }

    #[test]
    fn m6_only_from_2017() {
        let birth = d(2004, 3, 1);
        let joined = |y, m| YearMonth::new(y, m);
        let on = d(2026, 6, 15);
        let m = |j| membership(birth, on, false, j, Politics::League);
        assert_eq!(m(joined(2017, 2)), Membership::JoinedUnder14);
        assert_eq!(m(joined(2016, 12)), Membership::Member, "pre-2017: offline");
        assert_eq!(
            m(joined(2018, 3)),
            Membership::Member,
            "turned 14 that month"
        );
    }

    #[test]
    fn masses_never_members() {
        let m = membership(d(2004, 3, 1), d(2026, 6, 15), true, None, Politics::Masses);
        assert_eq!(m, Membership::Masses);
    }
}
