//! IPC commands: one-line adapters to `xianjie::api`.

use crate::api::app::{self, AppInfo, StartMode};
use crate::api::backup::{self, BackupItem, BackupList, RestoreDone};
use crate::api::dashboard::{self as dash, Dashboard, RateDetail};
use crate::api::documents::{
    self as docs, DocumentOptions, IssuedLetters, LetterRequest, NoticeRequest, RegisterRow,
    TableRequest,
};
use crate::api::graduates::{self as grads, GraduateList};
use crate::api::import::{self, ImportInspect, ImportIssue, ImportRequest, ImportResult};
use crate::api::members::{self, DeferInput, DeleteInput, Done, GraduateDetail};
use crate::api::orgs::{self, ChangeRequestInput, ChangeView, MarkBranchesInput, OrgNode};
use crate::api::recommend::DestinationInput;
use crate::api::recommend::{self, FactsInput, FormOptions, RecommendationView};
use crate::api::settings::{self, Settings};
use crate::api::transfers::{self as tr, StepInput, StepOutcome, TransferList};
use crate::api::Choice;
use crate::api::{ApiError, ApiResult};
use crate::AppState;
use std::path::PathBuf;
use tauri::{Runtime, State};
use tauri_plugin_opener::OpenerExt;

pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        start,
        settings_load,
        settings_save,
        form_options,
        recommend,
        graduates,
        data_stamp,
        org_tree,
        mark_branches,
        graduation_changes,
        request_graduation_change,
        decide_graduation_change,
        mark_deferred,
        mark_teacher,
        revoke_marking,
        deletion_reasons,
        delete_member,
        graduate_detail,
        save_destination,
        dashboard,
        rate_detail,
        transfers,
        transfer_step,
        open_result,
        reveal_result,
        import_inspect,
        import_dry_run,
        import_commit,
        import_create_parent,
        import_save_errors,
        document_options,
        export_table,
        issue_letters,
        notices,
        letter_register,
        backup_list,
        backup_create,
        backup_restore,
        backup_export,
        backup_import,
    ]
}

#[tauri::command]
async fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    Ok(app::info(&state.paths))
}

#[tauri::command]
async fn start(state: State<'_, AppState>, mode: StartMode) -> ApiResult<AppInfo> {
    let demo = state.demo;
    let (info, operator) = state
        .run(move |ctx| {
            let info = app::start(ctx, mode, demo)?;
            Ok((info, ctx.operator().to_string()))
        })
        .await?;
    state.operator_saved(&operator);
    crate::warm(&state);
    Ok(info)
}

#[tauri::command]
async fn settings_load(state: State<'_, AppState>) -> ApiResult<Settings> {
    state.run(|ctx| settings::load(ctx)).await
}

#[tauri::command]
async fn settings_save(state: State<'_, AppState>, settings: Settings) -> ApiResult<Settings> {
    let saved = state.run(move |ctx| settings::save(ctx, &settings)).await?;
    state.operator_saved(&saved.operator);
    Ok(saved)
}

#[tauri::command]
async fn form_options() -> ApiResult<FormOptions> {
    Ok(recommend::form_options())
}

#[tauri::command]
async fn recommend(state: State<'_, AppState>, input: FactsInput) -> ApiResult<RecommendationView> {
    let today = state.clock.today();
    crate::blocking(move || recommend::recommend(&input, today)).await
}

#[tauri::command]
async fn graduates(state: State<'_, AppState>, year: i32) -> ApiResult<GraduateList> {
    state
        .run(move |ctx| {
            let on = ctx.today();
            grads::list(ctx, year, on)
        })
        .await
}

#[tauri::command]
async fn data_stamp(state: State<'_, AppState>) -> ApiResult<i64> {
    state.run(move |ctx| grads::data_stamp(ctx)).await
}

#[tauri::command]
async fn org_tree(state: State<'_, AppState>) -> ApiResult<Vec<OrgNode>> {
    state.run(move |ctx| orgs::tree(ctx)).await
}

#[tauri::command]
async fn mark_branches(state: State<'_, AppState>, input: MarkBranchesInput) -> ApiResult<Done> {
    state.run(move |ctx| orgs::mark_branches(ctx, &input)).await
}

#[tauri::command]
async fn graduation_changes(state: State<'_, AppState>) -> ApiResult<Vec<ChangeView>> {
    state.run(move |ctx| orgs::changes(ctx)).await
}

#[tauri::command]
async fn request_graduation_change(
    state: State<'_, AppState>,
    input: ChangeRequestInput,
) -> ApiResult<Done> {
    state
        .run(move |ctx| orgs::request_change(ctx, &input))
        .await
}

#[tauri::command]
async fn decide_graduation_change(
    state: State<'_, AppState>,
    id: i64,
    approve: bool,
    note: Option<String>,
) -> ApiResult<Done> {
    state
        .run(move |ctx| orgs::decide_change(ctx, id, approve, note))
        .await
}

#[tauri::command]
async fn mark_deferred(state: State<'_, AppState>, input: DeferInput) -> ApiResult<Done> {
    state
        .run(move |ctx| members::mark_deferred(ctx, &input))
        .await
}

#[tauri::command]
async fn mark_teacher(state: State<'_, AppState>, ids: Vec<i64>) -> ApiResult<Done> {
    state.run(move |ctx| members::mark_teacher(ctx, &ids)).await
}

#[tauri::command]
async fn revoke_marking(state: State<'_, AppState>, ids: Vec<i64>) -> ApiResult<Done> {
    state.run(move |ctx| members::revoke(ctx, &ids)).await
}

#[tauri::command]
async fn deletion_reasons() -> ApiResult<Vec<Choice>> {
    Ok(members::deletion_reasons())
}

#[tauri::command]
async fn delete_member(state: State<'_, AppState>, input: DeleteInput) -> ApiResult<Done> {
    state.run(move |ctx| members::delete(ctx, &input)).await
}

#[tauri::command]
async fn graduate_detail(
    state: State<'_, AppState>,
    id: i64,
    year: i32,
) -> ApiResult<GraduateDetail> {
    state.run(move |ctx| members::detail(ctx, id, year)).await
}

#[tauri::command]
async fn save_destination(
    state: State<'_, AppState>,
    id: i64,
    year: i32,
    destination: DestinationInput,
) -> ApiResult<GraduateDetail> {
    state
        .run(move |ctx| members::save_destination(ctx, id, year, &destination))
        .await
}

#[tauri::command]
async fn import_inspect(
    state: State<'_, AppState>,
    file: String,
    sheet: Option<String>,
) -> ApiResult<ImportInspect> {
    state
        .run(move |ctx| import::inspect(ctx, &file, sheet.as_deref()))
        .await
}

#[tauri::command]
async fn import_dry_run(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> ApiResult<ImportResult> {
    state.run(move |ctx| import::dry_run(ctx, &request)).await
}

#[tauri::command]
async fn import_commit<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: ImportRequest,
    task: String,
) -> ApiResult<ImportResult> {
    state
        .run(move |ctx| import::commit(ctx, &request, &task, &progress(app)))
        .await
}

#[tauri::command]
async fn import_create_parent(state: State<'_, AppState>, name: String) -> ApiResult<String> {
    state
        .run(move |ctx| import::create_parent(ctx, &name))
        .await
}

#[tauri::command]
async fn import_save_errors(
    state: State<'_, AppState>,
    out: String,
    issues: Vec<ImportIssue>,
) -> ApiResult<String> {
    produced(
        &state,
        crate::blocking(move || import::save_errors(&out, &issues)).await,
    )
}

#[tauri::command]
async fn document_options(state: State<'_, AppState>) -> ApiResult<DocumentOptions> {
    state.run(move |ctx| docs::options(ctx)).await
}

#[tauri::command]
async fn export_table(state: State<'_, AppState>, request: TableRequest) -> ApiResult<String> {
    produced(
        &state,
        state
            .run(move |ctx| docs::export_table(ctx, &request))
            .await,
    )
}

#[tauri::command]
async fn issue_letters<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: LetterRequest,
    task: String,
) -> ApiResult<IssuedLetters> {
    let out = state
        .run(move |ctx| docs::issue_letters(ctx, &request, &task, &progress(app)))
        .await;
    if let Ok(o) = &out {
        state.produced(std::path::Path::new(&o.path));
    }
    out
}

#[tauri::command]
async fn notices(state: State<'_, AppState>, request: NoticeRequest) -> ApiResult<String> {
    produced(
        &state,
        state.run(move |ctx| docs::notices(ctx, &request)).await,
    )
}

#[tauri::command]
async fn letter_register(
    state: State<'_, AppState>,
    overdue_only: bool,
) -> ApiResult<Vec<RegisterRow>> {
    state
        .run(move |ctx| docs::register_list(ctx, overdue_only))
        .await
}

/// Forwards core progress reports to the window as `progress` events.
fn progress<R: Runtime>(app: tauri::AppHandle<R>) -> impl Fn(crate::api::progress::Progress) {
    move |p| {
        // A window that is gone cannot show progress; the work itself goes on.
        let _ = tauri::Emitter::emit(&app, crate::api::progress::EVENT, p);
    }
}

/// Records a path the app just wrote so that 打开/打开所在文件夹 may open it.
fn produced(state: &AppState, written: ApiResult<String>) -> ApiResult<String> {
    if let Ok(p) = &written {
        state.produced(std::path::Path::new(p));
    }
    written
}

#[tauri::command]
async fn dashboard(state: State<'_, AppState>, year: i32) -> ApiResult<Dashboard> {
    state
        .run(move |ctx| {
            let on = ctx.today();
            dash::dashboard(ctx, year, on)
        })
        .await
}

#[tauri::command]
async fn rate_detail(
    state: State<'_, AppState>,
    year: i32,
    unit: String,
    metric: String,
) -> ApiResult<RateDetail> {
    state
        .run(move |ctx| {
            let on = ctx.today();
            dash::rate_detail(ctx, year, &unit, &metric, on)
        })
        .await
}

#[tauri::command]
async fn transfers(state: State<'_, AppState>, year: i32) -> ApiResult<TransferList> {
    state
        .run(move |ctx| {
            let on = ctx.today();
            tr::list(ctx, year, on)
        })
        .await
}

#[tauri::command]
async fn transfer_step(
    state: State<'_, AppState>,
    year: i32,
    members: Vec<i64>,
    input: StepInput,
) -> ApiResult<StepOutcome> {
    state
        .run(move |ctx| {
            let on = ctx.today();
            tr::step(ctx, year, &members, &input, on)
        })
        .await
}

/// Opens a file the app produced with the system's default program (e.g. a PDF viewer).
#[tauri::command]
async fn open_result<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> ApiResult<()> {
    checked(&state, &path)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| xianjie::Error::storage(format!("无法打开 {}：{e}", path.display())).into())
}

/// Shows a file the app produced in its folder.
#[tauri::command]
async fn reveal_result<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> ApiResult<()> {
    checked(&state, &path)?;
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        xianjie::Error::storage(format!("无法打开文件夹 {}：{e}", path.display())).into()
    })
}

/// The window may only open what the app itself wrote (no general file-system scope).
fn checked(state: &AppState, path: &std::path::Path) -> ApiResult<()> {
    if state.may_open(path) {
        Ok(())
    } else {
        Err(ApiError::from(xianjie::Error::refused(format!(
            "只能打开本程序生成的文件：{}",
            path.display()
        ))))
    }
}

#[tauri::command]
async fn backup_list(state: State<'_, AppState>) -> ApiResult<BackupList> {
    state.run(move |ctx| backup::list(ctx)).await
}

#[tauri::command]
async fn backup_create(state: State<'_, AppState>) -> ApiResult<BackupItem> {
    state.run(move |ctx| backup::create(ctx)).await
}

#[tauri::command]
async fn backup_restore(state: State<'_, AppState>, id: String) -> ApiResult<RestoreDone> {
    state.run(move |ctx| backup::restore(ctx, &id)).await
}

#[tauri::command]
async fn backup_export(state: State<'_, AppState>, path: PathBuf) -> ApiResult<String> {
    state.run(move |ctx| backup::export(ctx, &path)).await
}

#[tauri::command]
async fn backup_import(state: State<'_, AppState>, path: PathBuf) -> ApiResult<RestoreDone> {
    state.run(move |ctx| backup::import(ctx, &path)).await
}
