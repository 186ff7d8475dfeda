//! One summary table F1–F6 built from the store with the filters every table offers: the one
//! path the CLI (`xianjie table`) and the app (文书 → 汇总表) share.

use super::rows::{self, Contact, Filter};
use crate::store::Store;
use crate::{Result, Watch};
use chrono::NaiveDate;
use xianjie_documents::tables::{f1, f2, f3, f4, f5, f6};
use xianjie_domain::order;

pub use xianjie_documents::tables::Form;

/// What F1 prints besides its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct F1Extras {
    /// 学校名称 (title prefix).
    pub school: String,
    /// 学社衔接工作负责人.
    pub contact: Contact,
}

/// A table made, with what the door should say besides "written".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableOutput {
    pub bytes: Vec<u8>,
    /// Data rows in the table.
    pub rows: usize,
    /// Sentences for the user (Chinese), e.g. F2's graduates not yet submitted (未发起).
    pub notes: Vec<String>,
}

/// The .xlsx bytes of `form` over the rows `f` keeps, recommendations as on `on`.
pub fn table(
    store: &Store,
    form: Form,
    f: &Filter,
    on: NaiveDate,
    f1x: &F1Extras,
    watch: &Watch<'_>,
) -> Result<Vec<u8>> {
    Ok(table_report(&[store], form, f, on, f1x, watch)?.bytes)
}

/// [`table`] over several stores, their rows one after the other in one table of the
/// template's shape (the school's table over its colleges' packages, issue 16).
pub fn table_of(
    stores: &[&Store],
    form: Form,
    f: &Filter,
    on: NaiveDate,
    f1x: &F1Extras,
    watch: &Watch<'_>,
) -> Result<Vec<u8>> {
    Ok(table_report(stores, form, f, on, f1x, watch)?.bytes)
}

/// Names in a note: the first few, then how many more.
fn some_names(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut s = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join("、");
    if names.len() > SHOWN {
        s.push_str(&format!("等 {} 人", names.len()));
    }
    s
}

/// [`table_of`] with the rows in the one order (`xianjie_domain::order`, rules.md §6) and the
/// notes the door shows.
pub fn table_report(
    stores: &[&Store],
    form: Form,
    f: &Filter,
    on: NaiveDate,
    f1x: &F1Extras,
    watch: &Watch<'_>,
) -> Result<TableOutput> {
    let note = f.describe();
    // Two halves for the bar: the rows gathered (the engine run for each), the workbook written.
    watch.step(0, 2, || format!("正在汇总 {}", form.label()));
    let gathered = |n: usize| -> Result<()> {
        watch.check()?;
        watch.step(1, 2, || format!("已汇总 {n} 行，正在写入 Excel"));
        Ok(())
    };
    // Each store's rows, in order.
    fn all<T>(stores: &[&Store], mut rows: impl FnMut(&Store) -> Result<Vec<T>>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for s in stores {
            out.extend(rows(s)?);
        }
        Ok(out)
    }
    let mut notes = Vec::new();
    let (bytes, n) = match form {
        Form::F1 => {
            let mut rows = all(stores, |s| rows::f1_rows(s, f, on, &f1x.contact))?;
            rows.sort_by_cached_key(|r| {
                (
                    order::text_key(&r.college),
                    order::person_key(&r.branch, &r.name),
                )
            });
            let blocked: Vec<&str> = rows
                .iter()
                .filter(|r| r.remark.contains("暂不能转接"))
                .map(|r| r.name.as_str())
                .collect();
            if !blocked.is_empty() {
                notes.push(format!(
                    "{} 名在校保留的毕业生暂不能转接（备注中写明原因）：{}",
                    blocked.len(),
                    some_names(&blocked)
                ));
            }
            gathered(rows.len())?;
            (f1::workbook(&rows, &f1x.school, &note)?, rows.len())
        }
        Form::F2 => {
            // 系统提交时间: the date the member's latest R8 transfer of the cohort was started,
            // while it stands (a revoked, returned or terminated one is no longer in the system).
            let year = f.year.unwrap_or_else(|| chrono::Datelike::year(&on));
            let mut rows = all(stores, |s| {
                let ledger = s.ledger_of_year(year)?;
                let submitted = |m: i64| {
                    ledger
                        .latest(m)
                        .filter(|t| t.reason == xianjie_domain::destination::Reason::R8)
                        .filter(|t| !t.state().is_failed())
                        .and_then(|t| t.started_on())
                        .map(|d| d.to_string())
                };
                rows::f2_rows(s, f, on, &submitted)
            })?;
            // Submitted first (what the city committee checks against the system), then 未发起.
            rows.sort_by_cached_key(|r| {
                (
                    r.submitted_at.trim().is_empty(),
                    order::person_key(&r.branch, &r.name),
                )
            });
            let waiting: Vec<&str> = rows
                .iter()
                .filter(|r| r.submitted_at.trim().is_empty())
                .map(|r| r.name.as_str())
                .collect();
            if !waiting.is_empty() {
                notes.push(format!(
                    "{} 名转往特殊单位的毕业生尚未在智慧团建发起转接，表中“系统提交时间”为“{}”：{}",
                    waiting.len(),
                    f2::NOT_SUBMITTED,
                    some_names(&waiting)
                ));
            }
            gathered(rows.len())?;
            (f2::table(&rows, &note).to_xlsx()?, rows.len())
        }
        Form::F3 => {
            let mut rows = all(stores, |s| rows::f3_rows(s, f))?;
            rows.sort_by_cached_key(|r| (order::branch_key(&r.branch), r.submitted_at.clone()));
            gathered(rows.len())?;
            (f3::table(&rows, &note).to_xlsx()?, rows.len())
        }
        Form::F4 => {
            let mut rows = all(stores, |s| rows::f4_rows(s, f))?;
            rows.sort_by_cached_key(|r| {
                (
                    order::text_key(&r.college),
                    order::person_key(&r.original_org, &r.name),
                )
            });
            gathered(rows.len())?;
            (f4::table(&rows, &note).to_xlsx()?, rows.len())
        }
        Form::F5 => {
            let mut rows = all(stores, |s| rows::f5_rows(s, f))?;
            rows.sort_by_cached_key(|r| order::person_key(&r.branch, &r.name));
            gathered(rows.len())?;
            (f5::table(&rows, &note).to_xlsx()?, rows.len())
        }
        Form::F6 => {
            let mut rows = all(stores, |s| rows::f6_rows(s, f))?;
            rows.sort_by_cached_key(|r| order::person_key(&r.branch, &r.name));
            gathered(rows.len())?;
            (f6::table(&rows, &note).to_xlsx()?, rows.len())
        }
    };
    watch.step(2, 2, || format!("{}已生成", form.label()));
    Ok(TableOutput {
        bytes,
        rows: n,
        notes,
    })
}
