//! The TypeScript declarations of every IPC type, as one file (`ui/src/bindings/index.ts`).
//! `src-tauri`'s test fails when the committed file differs from this output.

use super::app::{AppInfo, Capabilities, StartMode};
use super::backup::{BackupItem, BackupList, RestoreDone};
use super::dashboard::{
    CalendarView, Dashboard, DueView, MilestoneView, PeriodView, RateDetail, RateLineView,
    RateNumbers, TargetProgress, UnitRates,
};
use super::documents::{
    DocumentOptions, IssuedLetters, LetterRequest, LetterView, NoticeRequest, RegisterRow,
    TableRequest,
};
use super::graduates::{GraduateList, GraduateRow};
use super::import::{
    ColumnChoice, ImportColumn, ImportInspect, ImportIssue, ImportRequest, ImportResult,
};
use super::members::{DeferInput, DeleteInput, Done, GraduateDetail};
use super::orgs::{ChangeRequestInput, ChangeView, MarkBranchesInput, OrgNode};
use super::progress::Progress;
use super::recommend::{
    DestinationInput, FactsInput, FieldView, FormOptions, NoticeView, PaperView, RecommendationView,
};
use super::settings::Settings;
use super::transfers::{
    MemberErrorView, StepInput, StepOutcome, StepView, TransferList, TransferRow,
};
use super::{ApiError, ApiErrorCode, Choice, RuleRef};
use ts_rs::{Config, TS};

/// The generated file's text.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = [
        ApiErrorCode::decl(&cfg),
        ApiError::decl(&cfg),
        Choice::decl(&cfg),
        RuleRef::decl(&cfg),
        Progress::decl(&cfg),
        Capabilities::decl(&cfg),
        AppInfo::decl(&cfg),
        StartMode::decl(&cfg),
        Settings::decl(&cfg),
        FactsInput::decl(&cfg),
        DestinationInput::decl(&cfg),
        NoticeView::decl(&cfg),
        FieldView::decl(&cfg),
        PaperView::decl(&cfg),
        RecommendationView::decl(&cfg),
        FormOptions::decl(&cfg),
        GraduateRow::decl(&cfg),
        GraduateList::decl(&cfg),
        OrgNode::decl(&cfg),
        Done::decl(&cfg),
        DeferInput::decl(&cfg),
        DeleteInput::decl(&cfg),
        GraduateDetail::decl(&cfg),
        MarkBranchesInput::decl(&cfg),
        ChangeRequestInput::decl(&cfg),
        ChangeView::decl(&cfg),
        ImportColumn::decl(&cfg),
        ImportInspect::decl(&cfg),
        ColumnChoice::decl(&cfg),
        ImportRequest::decl(&cfg),
        ImportIssue::decl(&cfg),
        ImportResult::decl(&cfg),
        DocumentOptions::decl(&cfg),
        TableRequest::decl(&cfg),
        LetterRequest::decl(&cfg),
        NoticeRequest::decl(&cfg),
        LetterView::decl(&cfg),
        IssuedLetters::decl(&cfg),
        RegisterRow::decl(&cfg),
        BackupItem::decl(&cfg),
        BackupList::decl(&cfg),
        RestoreDone::decl(&cfg),
        PeriodView::decl(&cfg),
        MilestoneView::decl(&cfg),
        CalendarView::decl(&cfg),
        DueView::decl(&cfg),
        RateNumbers::decl(&cfg),
        UnitRates::decl(&cfg),
        TargetProgress::decl(&cfg),
        Dashboard::decl(&cfg),
        RateLineView::decl(&cfg),
        RateDetail::decl(&cfg),
        StepView::decl(&cfg),
        TransferRow::decl(&cfg),
        TransferList::decl(&cfg),
        StepInput::decl(&cfg),
        MemberErrorView::decl(&cfg),
        StepOutcome::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from src/api by `scripts/app-bindings.sh`; do not edit by hand.\n",
    );
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(&d);
        out.push('\n');
    }
    out
}

/// The committed file, relative to the workspace root.
pub const PATH: &str = "ui/src/bindings/index.ts";

/// Compares the committed file with [`typescript`]; with `UPDATE_BINDINGS=1` rewrites it.
/// Returns a Chinese message naming the file when they differ.
pub fn check(workspace_root: &std::path::Path) -> Result<(), String> {
    let path = workspace_root.join(PATH);
    let want = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        return std::fs::write(&path, &want)
            .map_err(|e| format!("无法写入 {}：{e}", path.display()));
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        Ok(())
    } else {
        Err(format!(
            "{} 与 src/api 的类型不一致；请运行 scripts/app-bindings.sh 重新生成并提交",
            path.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_bindings_match_the_rust_types() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if let Err(e) = super::check(&root) {
            panic!("{e}");
        }
    }
}
