//! Organizations (rules.md §1): the org tree, branch kinds and the graduation marking (G1).

use crate::date::YearMonth;
use serde::{Deserialize, Serialize};

/// Declares a closed enum whose variants carry a Chinese label and a snake_case code.
#[macro_export]
macro_rules! labeled_enum {
    ($(#[$m:meta])* $name:ident { $( $variant:ident = $code:literal, $label:literal; )* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        // The crate expanding this decides: its own `ts` feature (TypeScript for the window).
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $( #[serde(rename = $code)] $variant, )* }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];
            /// The Chinese label, as 智慧团建 and the templates write it.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label, )* }
            }
            /// The stable code used in JSON and in the database.
            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code, )* }
            }
            pub fn from_code(s: &str) -> Option<Self> {
                match s { $( $code => Some($name::$variant), )* _ => None }
            }
            pub fn from_label(s: &str) -> Option<Self> {
                match s { $( $label => Some($name::$variant), )* _ => None }
            }
            /// The codes, for error messages ("应为 a、b、c").
            pub fn codes() -> String {
                [$( $code, )*].join("、")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labeled_enum! {
    /// Org levels; a branch is a leaf and members belong to branches.
    OrgLevel {
        Committee = "committee", "团委";
        WorkCommittee = "work_committee", "团工委";
        GeneralBranch = "general_branch", "团总支";
        Branch = "branch", "团支部";
    }
}

labeled_enum! {
    /// What a branch is for (rules.md §1, special branches).
    OrgKind {
        Ordinary = "ordinary", "普通";
        Flowing = "flowing", "流动团员团支部";
        AbroadStudy = "abroad_study", "出国（境）学习研究团员团支部";
        Deferred = "deferred", "延迟毕业";
        Temporary = "temporary", "临时";
    }
}

labeled_enum! {
    /// Org categories of the templates (the second sheet of F1).
    OrgCategory {
        PartyGovernment = "party_government", "党政机关";
        PublicInstitution = "public_institution", "事业单位（不含公立学校）";
        University = "university", "普通高等院校";
        VocationalCollege = "vocational_college", "高等职业（专科）院校";
        HighSchool = "high_school", "普通高中";
        SecondaryVocational = "secondary_vocational", "中等职业院校";
        CompleteMiddleSchool = "complete_middle_school", "完全中学";
        JuniorMiddleSchool = "junior_middle_school", "初级中学";
        PrimarySchool = "primary_school", "小学";
        NineYearSchool = "nine_year_school", "九年一贯制学校";
        TwelveYearSchool = "twelve_year_school", "十二年一贯制学校";
        StateEnterprise = "state_enterprise", "国有企业";
        CollectiveEnterprise = "collective_enterprise", "集体企业";
        PrivateEnterprise = "private_enterprise", "非公企业";
        SocialOrganization = "social_organization", "社会组织";
        UrbanCommunity = "urban_community", "城市社区";
        Rural = "rural", "农村";
    }
}

impl OrgCategory {
    /// The categories the template's second sheet lists under each level (003 附件1, Sheet1).
    /// Branches cannot be 完全中学, 九年/十二年一贯制学校.
    pub fn for_level(level: OrgLevel) -> Vec<OrgCategory> {
        match level {
            OrgLevel::Branch => Self::ALL
                .iter()
                .copied()
                .filter(|c| {
                    !matches!(
                        c,
                        OrgCategory::CompleteMiddleSchool
                            | OrgCategory::NineYearSchool
                            | OrgCategory::TwelveYearSchool
                    )
                })
                .collect(),
            _ => Self::ALL.to_vec(),
        }
    }
}

labeled_enum! {
    /// G1: why a branch has no graduation date.
    NoDateReason {
        Teacher = "teacher", "教师支部";
        Mixed = "mixed", "混合支部";
    }
}

/// G1: a branch's graduation marking: a year-month, or the reason none can be fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GraduationMarking {
    Date { graduates: YearMonth },
    NoDate { reason: NoDateReason },
}

impl GraduationMarking {
    pub fn date(self) -> Option<YearMonth> {
        match self {
            GraduationMarking::Date { graduates } => Some(graduates),
            GraduationMarking::NoDate { .. } => None,
        }
    }
    /// `2026年7月` or `教师支部`.
    pub fn label(self) -> String {
        match self {
            GraduationMarking::Date { graduates } => graduates.chinese(),
            GraduationMarking::NoDate { reason } => reason.label().to_string(),
        }
    }
}

/// An org of the tree, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    pub id: i64,
    /// Full name as in 智慧团建 (every table asks for it).
    pub full_name: String,
    pub level: OrgLevel,
    pub parent_id: Option<i64>,
    pub category: Option<OrgCategory>,
    pub kind: OrgKind,
    pub graduation: Option<GraduationMarking>,
}

/// The name a flowing branch must carry (002 §2.1).
pub const FLOWING_KEYWORD: &str = "流动团员";
