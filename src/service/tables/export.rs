//! One summary table F1–F6 built from the store with the filters every table offers: the one
//! path the CLI (`xianjie table`) and the app (文书 → 汇总表) share.

use super::rows::{self, Contact, Filter};
use crate::store::Store;
use crate::{Result, Watch};
use chrono::NaiveDate;
use xianjie_documents::tables::{f1, f2, f3, f4, f5, f6};

pub use xianjie_documents::tables::Form;

/// What F1 prints besides its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct F1Extras {
    /// 学校名称 (title prefix).
    pub school: String,
    /// 学社衔接工作负责人.
    pub contact: Contact,
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
    table_of(&[store], form, f, on, f1x, watch)
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
    let bytes = match form {
        Form::F1 => {
            let rows = all(stores, |s| rows::f1_rows(s, f, on, &f1x.contact))?;
            gathered(rows.len())?;
            f1::workbook(&rows, &f1x.school, &note)
        }
        Form::F2 => {
            // 系统提交时间: the date the member's latest transfer of the cohort was started.
            let year = f.year.unwrap_or_else(|| chrono::Datelike::year(&on));
            let rows = all(stores, |s| {
                let ledger = s.ledger_of_year(year)?;
                let submitted = |m: i64| {
                    ledger
                        .latest(m)
                        .filter(|t| t.reason == xianjie_domain::destination::Reason::R8)
                        .and_then(|t| t.started_on())
                        .map(|d| d.to_string())
                };
                rows::f2_rows(s, f, on, &submitted)
            })?;
            gathered(rows.len())?;
            f2::table(&rows, &note).to_xlsx()
        }
        Form::F3 => {
            let rows = all(stores, |s| rows::f3_rows(s, f))?;
            gathered(rows.len())?;
            f3::table(&rows, &note).to_xlsx()
        }
        Form::F4 => {
            let rows = all(stores, |s| rows::f4_rows(s, f))?;
            gathered(rows.len())?;
            f4::table(&rows, &note).to_xlsx()
        }
        Form::F5 => {
            let rows = all(stores, |s| rows::f5_rows(s, f))?;
            gathered(rows.len())?;
            f5::table(&rows, &note).to_xlsx()
        }
        Form::F6 => {
            let rows = all(stores, |s| rows::f6_rows(s, f))?;
            gathered(rows.len())?;
            f6::table(&rows, &note).to_xlsx()
        }
    }?;
    watch.step(2, 2, || format!("{}已生成", form.label()));
    Ok(bytes)
}
