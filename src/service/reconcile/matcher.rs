//! Who a row of 智慧团建's list is, on either side of the year: a graduate (the list of
//! transfers out, the member list) or a new student (the list of transfers in). One rule for
//! both: by ID number, else 团员编号, else name and the org the row names — an ambiguous or
//! unknown row is listed, never guessed.

use super::{norm, same_org, Report, SystemRow, Unmatched};
use crate::freshman::Freshman;
use crate::store::Graduate;
use std::collections::HashMap;

/// What the matcher reads of a person.
pub(super) trait Person {
    fn id_number(&self) -> &str;
    fn development_no(&self) -> Option<&str>;
    fn name(&self) -> &str;
    /// The branch a row's org is compared with, and named beside an ambiguous candidate.
    fn branch(&self) -> &str;
}

impl Person for Graduate {
    fn id_number(&self) -> &str {
        self.member.id_number.as_str()
    }
    fn development_no(&self) -> Option<&str> {
        self.member.development_no.as_deref()
    }
    fn name(&self) -> &str {
        &self.member.name
    }
    fn branch(&self) -> &str {
        &self.branch.full_name
    }
}

impl Person for Freshman {
    fn id_number(&self) -> &str {
        self.id_number.as_str()
    }
    fn development_no(&self) -> Option<&str> {
        self.development_no.as_deref()
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn branch(&self) -> &str {
        self.branch.as_deref().unwrap_or("未分班")
    }
}

/// Finds the person a row is among `all`.
pub(super) struct Matcher<'a, P> {
    all: &'a [P],
    by_id: HashMap<&'a str, usize>,
    by_devno: HashMap<&'a str, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    /// The row's org that names the person's branch: 转出 for a graduate, 转入 for a new
    /// student.
    org: fn(&SystemRow) -> Option<&str>,
}

impl<'a, P: Person> Matcher<'a, P> {
    pub(super) fn new(all: &'a [P], org: fn(&SystemRow) -> Option<&str>) -> Self {
        let mut m = Matcher {
            all,
            by_id: HashMap::new(),
            by_devno: HashMap::new(),
            by_name: HashMap::new(),
            org,
        };
        for (i, p) in all.iter().enumerate() {
            m.by_id.insert(p.id_number(), i);
            if let Some(d) = p.development_no().filter(|d| !d.is_empty()) {
                m.by_devno.entry(d).or_default().push(i);
            }
            m.by_name.entry(norm(p.name())).or_default().push(i);
        }
        m
    }

    fn candidates(&self, r: &SystemRow) -> Vec<usize> {
        if let Some(i) = r.id_number.as_deref().and_then(|id| self.by_id.get(id)) {
            return vec![*i];
        }
        if let Some(v) = r
            .development_no
            .as_deref()
            .and_then(|d| self.by_devno.get(d))
        {
            return v.clone();
        }
        let org = (self.org)(r);
        self.by_name
            .get(&norm(&r.name))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| org.is_none_or(|o| same_org(o, self.all[i].branch())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The one person `r` is (counted as matched), or the row listed in `out` as matching
    /// nobody or several.
    pub(super) fn one(&self, r: &SystemRow, out: &mut Report) -> Option<&'a P> {
        match self.candidates(r).as_slice() {
            [one] => {
                out.matched += 1;
                Some(&self.all[*one])
            }
            found => {
                let many = !found.is_empty();
                let listed = Unmatched {
                    row: r.row,
                    name: r.name.clone(),
                    candidates: found
                        .iter()
                        .map(|&i| format!("{}（{}）", self.all[i].name(), self.all[i].branch()))
                        .collect(),
                };
                if many {
                    out.ambiguous.push(listed);
                } else {
                    out.unmatched.push(listed);
                }
                None
            }
        }
    }
}
