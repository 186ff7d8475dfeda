//! The TypeScript side of the IPC surface: every IPC type (`ui/src/bindings/index.ts`) and every
//! command's wrapper (`ui/src/bindings/commands.ts`). The test fails when a committed file
//! differs from this output.

use super::app::{AppInfo, StartMode};
use super::backup::{BackupItem, BackupList, RestoreDone};
use super::collect::{
    CollectBranch, CollectFile, CollectImportOptions, CollectIssueView, CollectResult,
};
use super::dashboard::{
    CalendarView, Dashboard, DueView, MilestoneView, PeriodView, RateDetail, RateLineView,
    RateNumbers, TargetProgress, UnitRates,
};
use super::documents::{
    DocumentOptions, IssuedLetters, LetterRequest, LetterView, NoticeRequest, RegisterRow,
    TableRequest,
};
use super::graduates::{GraduateList, GraduateRow, ReviewOutcome};
use super::import::{
    ColumnChoice, ImportColumn, ImportInspect, ImportIssue, ImportRequest, ImportResult,
};
use super::members::{DeferInput, DeleteInput, Done, GraduateDetail, MemberFactsInput};
use super::orgs::{ChangeRequestInput, ChangeView, MarkBranchesInput, OrgNode};
use super::progress::Progress;
use super::recommend::{
    DestinationInput, FactsInput, FieldView, FormOptions, NoticeView, PaperView, RecommendationView,
};
use super::school::{
    AcceptView, CollegeRatesView, DifferenceView, FoundView, PackageOutcome, PackageView,
    ReconcileView, SchoolView,
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
        PackageView::decl(&cfg),
        PackageOutcome::decl(&cfg),
        FoundView::decl(&cfg),
        CollegeRatesView::decl(&cfg),
        SchoolView::decl(&cfg),
        DifferenceView::decl(&cfg),
        ReconcileView::decl(&cfg),
        AcceptView::decl(&cfg),
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
        ReviewOutcome::decl(&cfg),
        OrgNode::decl(&cfg),
        Done::decl(&cfg),
        DeferInput::decl(&cfg),
        DeleteInput::decl(&cfg),
        GraduateDetail::decl(&cfg),
        MemberFactsInput::decl(&cfg),
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
        CollectFile::decl(&cfg),
        CollectBranch::decl(&cfg),
        CollectIssueView::decl(&cfg),
        CollectImportOptions::decl(&cfg),
        CollectResult::decl(&cfg),
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
        "// Generated from src-tauri/src/api by `scripts/app-bindings.sh`; do not edit by hand.\n",
    );
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(&d);
        out.push('\n');
    }
    let codes: Vec<String> = ApiErrorCode::ALL
        .iter()
        .filter_map(|c| serde_json::to_value(c).ok())
        .filter_map(|v| v.as_str().map(|c| format!("'{c}'")))
        .collect();
    out.push_str(&format!(
        "\n/** The closed error codes, for checking what was thrown. */\nexport const ERROR_CODES: readonly ApiErrorCode[] = [{}]\n",
        codes.join(", ")
    ));
    // Texts cite rules by id ("（M9）"): the window names them by title, their source on hover.
    out.push_str("\n/** Every rule, by id: its title and the policy text it comes from. */\nexport const RULES: Record<string, RuleRef> = {\n");
    for r in xianjie::rule::RuleId::ALL {
        let rule = RuleRef::from(*r);
        let json = serde_json::to_string(&rule).unwrap_or_default();
        out.push_str(&format!("  {}: {json},\n", r.as_str()));
    }
    out.push_str("}\n");
    out
}

/// The committed files, relative to the workspace root.
pub const PATH: &str = "ui/src/bindings/index.ts";
pub const COMMANDS_PATH: &str = "ui/src/bindings/commands.ts";

/// `transfer_step` → `transferStep` (Tauri passes arguments under camelCase names).
fn camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type string uses (to import them).
fn type_names(ts: &str, into: &mut std::collections::BTreeSet<String>) {
    for word in ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array" {
            into.insert(word.to_string());
        }
    }
}

/// The generated wrappers: one typed function per command of `commands::signatures`.
pub fn commands_typescript() -> String {
    let sigs = crate::commands::signatures();
    let mut used = std::collections::BTreeSet::new();
    for s in &sigs {
        type_names(&s.ret, &mut used);
        for (_, t) in &s.args {
            type_names(t, &mut used);
        }
    }
    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs by `scripts/app-bindings.sh`; do not edit by hand.\n\
         // Every command the window may call, typed; errors are thrown as ApiError {code, message}.\n",
    );
    out.push_str("import { call } from '../api/call'\n");
    let names: Vec<String> = used.into_iter().collect();
    out.push_str(&format!(
        "import type {{ {} }} from './index'\n\n",
        names.join(", ")
    ));
    out.push_str("export const commands = {\n");
    for s in &sigs {
        for line in s.doc.lines().map(str::trim).filter(|l| !l.is_empty()) {
            out.push_str(&format!("  /** {line} */\n"));
        }
        let params: Vec<String> = s
            .args
            .iter()
            .map(|(a, t)| format!("{}: {t}", camel(a)))
            .collect();
        let keys: Vec<String> = s.args.iter().map(|(a, _)| camel(a)).collect();
        let args = if keys.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", keys.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}) => call<{}>('{}'{args}),\n",
            camel(s.name),
            params.join(", "),
            s.ret,
            s.name
        ));
    }
    out.push_str("}\n");
    out
}

/// Compares the committed files with [`typescript`] and [`commands_typescript`]; with
/// `UPDATE_BINDINGS=1` rewrites them. Returns a Chinese message naming the file that differs.
pub fn check(workspace_root: &std::path::Path) -> Result<(), String> {
    for (rel, want) in [(PATH, typescript()), (COMMANDS_PATH, commands_typescript())] {
        let path = workspace_root.join(rel);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want)
                .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            return Err(format!(
                "{} 与 src-tauri 的 IPC 声明不一致；请运行 scripts/app-bindings.sh 重新生成并提交",
                path.display()
            ));
        }
    }
    Ok(())
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
