//! The small shapes every page's answer shares: a closed value as code + label, a rule with its
//! title and source, a count of changes. They are the service's own types; the desktop window
//! gets them as TypeScript (feature `ts`), the CLI prints them.

use crate::engine::Metric;
use crate::transfer::Rate;
use serde::{Deserialize, Serialize};

/// A value of a closed enum as the UI shows and sends it: stable code plus Chinese label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    pub code: String,
    pub label: String,
}

impl Choice {
    pub fn new(code: &str, label: &str) -> Self {
        Self {
            code: code.to_string(),
            label: label.to_string(),
        }
    }
}

/// Every value of a `labeled_enum!` as [`Choice`]s, in declaration order.
#[macro_export]
macro_rules! choices {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|v| $crate::service::view::Choice::new(v.code(), v.label()))
            .collect::<Vec<_>>()
    };
}

/// A rule id with what the secretary needs to see: its title and the policy text it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleRef {
    pub id: String,
    pub title: String,
    pub source: String,
}

impl From<crate::rule::RuleId> for RuleRef {
    fn from(r: crate::rule::RuleId) -> Self {
        Self {
            id: r.as_str().to_string(),
            title: r.title().to_string(),
            source: r.source().to_string(),
        }
    }
}

/// What a write did, as both doors report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Done {
    /// How many rows changed (unchanged ones are not counted).
    pub changed: u32,
    pub message: String,
}

impl Done {
    pub fn new(changed: usize, message: String) -> Self {
        Self {
            changed: count(changed),
            message,
        }
    }
}

/// A count as it crosses IPC (well below 2^32 in any office).
pub fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One rate's numbers (§6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateNumbers {
    /// sx (升学衔接率), xs (学社衔接率) or in (转入一侧, N10).
    pub metric: String,
    pub label: String,
    pub numerator: u32,
    pub denominator: u32,
    /// null when the denominator is 0.
    pub rate: Option<f64>,
    /// `12/20（60.0%）`.
    pub display: String,
}

impl From<&Rate> for RateNumbers {
    fn from(r: &Rate) -> Self {
        Self {
            metric: metric_code(r.metric).into(),
            label: r.label.into(),
            numerator: count(r.numerator),
            denominator: count(r.denominator),
            rate: r.rate,
            display: r.display(),
        }
    }
}

impl RateNumbers {
    /// N10: the receiving side's rate (`RatesReport::incoming`), metric `in`.
    pub fn incoming(r: &Rate) -> Self {
        Self {
            metric: "in".into(),
            ..Self::from(r)
        }
    }
}

fn metric_code(m: Metric) -> &'static str {
    match m {
        Metric::Sx => "sx",
        Metric::Xs => "xs",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_refs_carry_policy_text() {
        let r = RuleRef::from(crate::rule::RuleId::M3);
        assert_eq!(r.id, "M3");
        assert!(r.source.contains("延迟毕业"));
    }
}
