//! The engine's output: one recommendation, every part citing its rule ids.

use super::membership::Membership;
use crate::destination::Reason;
use crate::rule::RuleId;
use serde::Serialize;
use std::borrow::Cow;

/// Engine texts are mostly fixed sentences; `Cow` spares an allocation for each.
pub type Text = Cow<'static, str>;

/// Which completion rate a graduate counts toward (rules.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Metric {
    /// 升学衔接率.
    #[serde(rename = "SX")]
    Sx,
    /// 学社衔接率.
    #[serde(rename = "XS")]
    Xs,
}

impl Metric {
    pub fn label(self) -> &'static str {
        match self {
            Metric::Sx => "升学衔接率",
            Metric::Xs => "学社衔接率",
        }
    }
    pub fn of(reason: Reason) -> Metric {
        if reason == Reason::R1 {
            Metric::Sx
        } else {
            Metric::Xs
        }
    }
}

/// A sentence for the secretary with the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub rule: RuleId,
    pub text: Text,
}

/// A field 智慧团建 asks for, and whether the office has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: &'static str,
    /// `None` when the engine was not told (the CLI contract carries no details).
    pub present: Option<bool>,
}

/// A form or letter the case needs (F1–F6, L1–L3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paper {
    pub doc: RuleId,
    pub title: &'static str,
    pub why: &'static str,
}

/// The engine's answer for one graduate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The 转接原因 to pick, or `None` when this is not a 学社衔接 transfer or it is blocked.
    pub reason: Option<Reason>,
    /// The reason that applies once the blocks are cleared (only set when blocked).
    pub intended_reason: Option<Reason>,
    pub blocked: bool,
    /// The rate whose denominator the graduate is in, blocked or not (§6, R12); `None` only
    /// outside both rates: M3 marked, or not a member.
    pub metric: Option<Metric>,
    /// Whether the graduate is still a member (M5, M6, 群众).
    pub membership: Membership,
    /// The destination org to look for, in words.
    pub destination: Text,
    /// Where to find it in 智慧团建's org tree (province or system committee first).
    pub where_to_find: Text,
    /// Whether to answer "是" to 转入组织是否属于北京/广东/福建, and which one (R11).
    pub jing_yue_min: Option<&'static str>,
    pub approver: Text,
    pub fields: Vec<Field>,
    pub paperwork: Vec<Paper>,
    /// Every rule id that shaped the answer, sorted, each once.
    pub rules: Vec<RuleId>,
    pub blocks: Vec<Notice>,
    pub warnings: Vec<Notice>,
    /// Standing advice that applies to every transfer (cited, but not counted in `rules`).
    pub tips: Vec<Notice>,
    /// Age in full years on the date asked (M5).
    pub age: i32,
}

impl Recommendation {
    pub fn missing_fields(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.present == Some(false))
            .map(|f| f.name)
            .collect()
    }
}
