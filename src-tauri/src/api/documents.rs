//! 文书: summary tables F1–F6 written where the secretary chose, letters L1 (numbered in the
//! register) single and batch, notices L2/L3, the in-app preview of a letter (the very data
//! the PDF prints) and the register with receipts due. Bodies are `xianjie::documents`'.

use super::{ApiResult, Choice};
use serde::{Deserialize, Serialize};
use std::path::Path;
use xianjie::service::tables::export::Form;
use xianjie::documents::letter::{self, ArchiveDisposition, LetterData};
use xianjie::service::letters::register::{self, ListFilter, RegisteredLetter};
use xianjie::service::tables::rows::Filter;
use xianjie::files;
use xianjie::service::tables::{Notice, Overrides};
use xianjie::service::{self, Context};
use xianjie::{Error, Watch};

/// What the 文书 page offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DocumentOptions {
    pub forms: Vec<Choice>,
    pub archives: Vec<Choice>,
    /// 转接原因 as L1 words them.
    pub reasons: Vec<String>,
    /// The committee letters are issued by (settings or the cohort's top committee).
    pub issuer: Option<String>,
}

/// F1–F6 with their filters, written to `out`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TableRequest {
    /// `f1` … `f6`.
    pub form: String,
    pub year: Option<i32>,
    pub college: Option<String>,
    pub branch: Option<String>,
    pub out: String,
    /// The school's table over every college's package (issue 16).
    #[serde(default)]
    pub all_colleges: bool,
}

/// Letters for one or more graduates (one PDF, a page per letter).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LetterRequest {
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    /// 转入团委全称.
    pub receiver: String,
    pub reason: String,
    /// An [`ArchiveDisposition`] code.
    pub archive: String,
    pub archive_other: Option<String>,
    pub out: String,
    /// The secretary confirmed letters for graduates who already hold one (not voided).
    pub again: bool,
}

/// Which notice: L2 (流动团员管理服务告知书) or L3 (保留团组织关系申请).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct NoticeRequest {
    /// `l2` or `l3`.
    pub kind: String,
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    pub year: i32,
    pub out: String,
}

/// A letter as it prints: the preview shows these, the PDF holds the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LetterView {
    pub number: String,
    pub issuer: String,
    pub issuer_phone: String,
    pub issuer_address: String,
    pub issuer_postcode: String,
    pub handler: String,
    pub handler_mobile: String,
    pub receiver: String,
    pub name: String,
    pub sex: String,
    pub age: i32,
    pub ethnicity: String,
    pub id_number: String,
    pub development_no: String,
    pub reason: String,
    pub dues_paid_to: String,
    pub member_phone: String,
    pub archive: String,
    pub issued: String,
}

impl From<&LetterData> for LetterView {
    fn from(l: &LetterData) -> Self {
        Self {
            number: l.number_label(),
            issuer: l.issuer.clone(),
            issuer_phone: l.issuer_phone.clone(),
            issuer_address: l.issuer_address.clone(),
            issuer_postcode: l.issuer_postcode.clone(),
            handler: l.handler.clone(),
            handler_mobile: l.handler_mobile.clone(),
            receiver: l.receiver.clone(),
            name: l.name.clone(),
            sex: l.sex.label().to_string(),
            age: l.age,
            ethnicity: l.ethnicity.clone(),
            id_number: l.id_number.clone(),
            development_no: l.development_no_text(),
            reason: l.reason.clone(),
            dues_paid_to: register::year_month_label(l.dues_paid_to),
            member_phone: l.member_phone.clone(),
            archive: match &l.archive_other {
                Some(o) if l.archive == ArchiveDisposition::Other => format!("其他：{o}"),
                _ => l.archive.label().to_string(),
            },
            issued: letter::chinese_date(l.issued),
        }
    }
}

/// Letters just issued: the PDF and what each page prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct IssuedLetters {
    pub path: String,
    pub letters: Vec<LetterView>,
}

/// One row of the 登记簿.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RegisterRow {
    #[ts(type = "number")]
    pub id: i64,
    pub number: String,
    pub name: String,
    pub issuer: String,
    pub receiver: String,
    pub issued_on: String,
    pub valid_until: String,
    pub receipt_due: String,
    pub receipt_returned_on: Option<String>,
    /// 已作废 / 回执已返回 / 回执逾期 / 待回执.
    pub status: String,
    pub letter: LetterView,
}

fn register_row(l: &RegisteredLetter, today: chrono::NaiveDate) -> RegisterRow {
    RegisterRow {
        id: l.id,
        number: l.number_label(),
        name: l.member_name.clone(),
        issuer: l.issuer_name.clone(),
        receiver: l.receiver.clone(),
        issued_on: l.issued_on.to_string(),
        valid_until: l.valid_until.to_string(),
        receipt_due: l.receipt_due.to_string(),
        receipt_returned_on: l.receipt_returned_on.map(|d| d.to_string()),
        status: l.status(today).to_string(),
        letter: LetterView::from(&l.printed),
    }
}

/// The 转接原因 words L1 expects (rules.md §6 L1).
const REASONS: [&str; 5] = ["毕业", "升学", "转学", "单位变更", "居住地变更"];

pub fn options(ctx: &Context) -> ApiResult<DocumentOptions> {
    Ok(DocumentOptions {
        forms: Form::ALL
            .iter()
            .map(|f| Choice::new(f.code(), f.label()))
            .collect(),
        archives: ArchiveDisposition::ALL
            .iter()
            .map(|a| Choice::new(a.code(), a.label()))
            .collect(),
        reasons: REASONS.iter().map(|r| r.to_string()).collect(),
        issuer: service::office::issuer(ctx).ok().map(|o| o.full_name),
    })
}

/// Exports one table to `req.out`; returns the path written. `watch` hears the rows gathered
/// and may stop it before anything is written.
pub fn export_table(ctx: &Context, req: &TableRequest, watch: &Watch<'_>) -> ApiResult<String> {
    let form = Form::from_code(&req.form)
        .ok_or_else(|| Error::invalid(format!("没有“{}”这张汇总表（应为 f1–f6）", req.form)))?;
    let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let f = Filter {
        college: nonempty(&req.college),
        branch: nonempty(&req.branch),
        year: req.year,
    };
    let o = Overrides::default();
    let bytes = if req.all_colleges {
        service::tables::table_all_colleges(ctx, form, &f, None, &o, watch)?
    } else {
        service::tables::table(ctx, form, &f, None, &o, watch)?
    };
    watch.check()?;
    files::write_output(Path::new(&req.out), &bytes)?;
    Ok(req.out.clone())
}

/// Issues L1 for every graduate of the request (all or nothing), numbers them in the register
/// and writes one PDF to `req.out`. The issuer and what it prints are the office's records; a
/// blank receiver means each graduate's own (its transfer's, else its recorded 转入组织).
pub fn issue_letters(
    ctx: &mut Context,
    req: &LetterRequest,
    watch: &Watch<'_>,
) -> ApiResult<IssuedLetters> {
    let archive = ArchiveDisposition::from_code(&req.archive)
        .ok_or_else(|| Error::invalid(format!("团员档案“{}”无法识别", req.archive)))?;
    let year = ctx.this_year();
    let inputs = service::letters::inputs(
        ctx,
        &service::letters::GraduateLetters {
            members: req.member_ids.clone(),
            year,
            receiver: Some(req.receiver.clone()),
            reason: Some(req.reason.clone()),
            archive,
            archive_other: req.archive_other.clone(),
            issued: None,
        },
    )?;
    let again = if req.again {
        service::letters::Again::Confirmed
    } else {
        service::letters::Again::Refuse
    };
    let out = service::letters::Output::Pdf(Path::new(&req.out));
    let issued = service::letters::issue(ctx, &inputs, again, out, watch)?;
    Ok(IssuedLetters {
        path: req.out.clone(),
        letters: issued
            .iter()
            .map(|l| LetterView::from(&l.printed))
            .collect(),
    })
}

/// L2 or L3 for the chosen graduates, one page each, written to `req.out`.
pub fn notices(ctx: &Context, req: &NoticeRequest) -> ApiResult<String> {
    let kind = match req.kind.as_str() {
        "l2" => Notice::L2,
        "l3" => Notice::L3,
        other => {
            return Err(Error::invalid(format!("没有“{other}”这种文书（应为 l2 或 l3）")).into())
        }
    };
    let bytes =
        service::tables::notices(ctx, kind, &req.member_ids, req.year, &Overrides::default())?;
    files::write_output(Path::new(&req.out), &bytes)?;
    Ok(req.out.clone())
}

/// The register (voided letters included), newest first; `overdue_only` keeps the letters
/// whose receipt is past due.
pub fn register_list(ctx: &Context, overdue_only: bool) -> ApiResult<Vec<RegisterRow>> {
    let store = ctx.store();
    let today = ctx.today();
    let f = ListFilter {
        include_voided: !overdue_only,
        receipt_overdue_on: overdue_only.then_some(today),
        ..ListFilter::default()
    };
    let mut rows: Vec<RegisterRow> = store
        .letters(&f)?
        .iter()
        .map(|l| register_row(l, today))
        .collect();
    rows.reverse();
    Ok(rows)
}

/// 登记簿 › 作废: the number is never used again; the reason is required.
pub fn void_letter(ctx: &mut Context, id: i64, reason: &str) -> ApiResult<()> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("请填写作废原因").into());
    }
    service::letters::void(ctx, id, reason.trim())?;
    Ok(())
}

/// 登记簿 › 回执已返回 (today).
pub fn letter_receipt(ctx: &mut Context, id: i64) -> ApiResult<()> {
    service::letters::receipt(ctx, id, None)?;
    Ok(())
}

/// 登记簿 › 原样重印: the registered letters, printed again exactly as issued.
pub fn reprint(ctx: &Context, ids: &[i64], out: &str) -> ApiResult<String> {
    let letters = service::letters::reprint(ctx, ids)?;
    files::write_output(Path::new(out), &letter::render_letters(&letters)?)?;
    Ok(out.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::app::{self, Demo, StartMode};
    use crate::api::settings;

    fn demo_office() -> (tempfile::TempDir, Context) {
        let dir = tempfile::tempdir().unwrap();
        let paths = xianjie::service::Paths::in_dir(dir.path(), None);
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let clock = xianjie::service::Clock::Fixed(on);
        let mut ctx = Context::open(paths, None, clock).unwrap();
        app::start(&mut ctx, StartMode::Demo, Demo { graduates: 0 }).unwrap();
        let mut s = settings::load(&ctx).unwrap();
        s.handler = "李文".into();
        s.office_phone = "027-88880000".into();
        s.mobile = "13800001111".into();
        s.address = "示例市示例路1号".into();
        s.postcode = "430072".into();
        settings::save(&mut ctx, &s).unwrap();
        (dir, ctx)
    }

    #[test]
    fn every_table_exports_as_xlsx() {
        let (dir, ctx) = demo_office();
        for f in Form::ALL {
            let out = dir.path().join(format!("{}.xlsx", f.code()));
            let req = TableRequest {
                form: f.code().into(),
                year: Some(ctx.this_year()),
                out: out.display().to_string(),
                ..TableRequest::default()
            };
            export_table(&ctx, &req, &Watch::NONE).unwrap();
            assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK", "{f:?}");
        }
        let bad = TableRequest {
            form: "f9".into(),
            ..TableRequest::default()
        };
        assert!(export_table(&ctx, &bad, &Watch::NONE).is_err());
    }

    #[test]
    fn letters_are_numbered_printed_and_registered() {
        let (dir, mut ctx) = demo_office();
        let year = ctx.this_year();
        let today = ctx.today();
        let grads = crate::api::graduates::list(&mut ctx, year, today).unwrap();
        let ids: Vec<i64> = grads.rows.iter().take(2).map(|r| r.id).collect();
        let out = dir.path().join("l1.pdf");
        let req = LetterRequest {
            member_ids: ids.clone(),
            receiver: "共青团示例区委员会".into(),
            reason: "毕业".into(),
            archive: "with_file".into(),
            archive_other: None,
            out: out.display().to_string(),
            again: false,
        };
        let issued = issue_letters(&mut ctx, &req, &Watch::NONE).unwrap();
        assert_eq!(issued.letters.len(), 2);
        assert!(issued.letters[0].number.ends_with("001号"));
        assert_eq!(issued.letters[0].handler, "李文");
        assert_eq!(&std::fs::read(&out).unwrap()[..4], b"%PDF");
        let reg = register_list(&ctx, false).unwrap();
        assert_eq!(reg.len(), 2);
        assert!(reg.iter().all(|r| r.status == "待回执"));
        assert!(register_list(&ctx, true).unwrap().is_empty());
        // Nothing selected: refused with a Chinese message, nothing numbered.
        let none = LetterRequest {
            member_ids: vec![],
            ..req.clone()
        };
        assert!(issue_letters(&mut ctx, &none, &Watch::NONE).is_err());
        // No receiver given and none recorded for a graduate: refused naming the graduate.
        let without: Vec<i64> = grads
            .rows
            .iter()
            .filter(|r| r.transfer_state.as_deref() == Some("未发起"))
            .take(1)
            .map(|r| r.id)
            .collect();
        let blank = LetterRequest {
            receiver: String::new(),
            member_ids: without,
            ..req
        };
        let e = issue_letters(&mut ctx, &blank, &Watch::NONE).unwrap_err();
        assert!(e.message.contains("转入团委全称"), "{}", e.message);
        assert_eq!(register_list(&ctx, false).unwrap().len(), 2);
        let l2 = dir.path().join("l2.pdf");
        notices(
            &ctx,
            &NoticeRequest {
                kind: "l2".into(),
                member_ids: ids,
                year,
                out: l2.display().to_string(),
            },
        )
        .unwrap();
        assert_eq!(&std::fs::read(&l2).unwrap()[..4], b"%PDF");
    }

    /// #18 finding 3: a second letter for the same graduate is not issued silently; the
    /// register voids (with a reason), records a receipt and reprints as issued in the app.
    #[test]
    fn a_second_letter_asks_and_the_register_voids_receipts_and_reprints() {
        let dir = tempfile::tempdir().unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let (mut ctx, _) = xianjie::service::demo::create(
            &dir.path().join("d.db"),
            Some("测试"),
            xianjie::service::Clock::Fixed(on),
        )
        .unwrap();
        let grads = crate::api::graduates::list(&mut ctx, 2026, on).unwrap();
        let id = grads.rows[0].id;
        let req = LetterRequest {
            member_ids: vec![id],
            receiver: "共青团示例区委员会".into(),
            reason: "毕业".into(),
            archive: "with_file".into(),
            archive_other: None,
            out: dir.path().join("a.pdf").display().to_string(),
            again: false,
        };
        let first = issue_letters(&mut ctx, &req, &Watch::NONE).unwrap();
        let number = first.letters[0].number.clone();
        let before = register_list(&ctx, false).unwrap().len();
        let e = issue_letters(&mut ctx, &req, &Watch::NONE).unwrap_err();
        assert_eq!(e.code, crate::api::ApiErrorCode::Conflict);
        assert!(e.message.contains(&number), "{}", e.message);
        assert_eq!(
            register_list(&ctx, false).unwrap().len(),
            before,
            "no number taken"
        );
        let again = LetterRequest {
            again: true,
            ..req.clone()
        };
        let second = issue_letters(&mut ctx, &again, &Watch::NONE).unwrap();
        assert_ne!(second.letters[0].number, number);

        let rows = register_list(&ctx, false).unwrap();
        let row = |n: &str| rows.iter().find(|r| r.letter.number == n).unwrap().clone();
        let (a, b) = (row(&number), row(&second.letters[0].number));
        assert_eq!(
            void_letter(&mut ctx, b.id, " ").unwrap_err().code,
            crate::api::ApiErrorCode::InvalidInput
        );
        void_letter(&mut ctx, b.id, "重复开具").unwrap();
        letter_receipt(&mut ctx, a.id).unwrap();
        let rows = register_list(&ctx, false).unwrap();
        let status = |id: i64| rows.iter().find(|r| r.id == id).unwrap().status.clone();
        assert_eq!(status(b.id), "已作废");
        assert_eq!(status(a.id), "回执已返回");
        let out = dir.path().join("重印.pdf");
        reprint(&ctx, &[a.id], &out.display().to_string()).unwrap();
        assert_eq!(&std::fs::read(&out).unwrap()[..4], b"%PDF");
        assert_eq!(
            reprint(&ctx, &[b.id], &out.display().to_string())
                .unwrap_err()
                .code,
            crate::api::ApiErrorCode::Refused
        );
        // With the second voided, a new letter for the graduate still asks (the first stands).
        assert!(issue_letters(&mut ctx, &req, &Watch::NONE).is_err());
    }
}
