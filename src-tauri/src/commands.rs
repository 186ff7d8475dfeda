//! IPC commands: one-line adapters to `xianjie::api`.

use crate::{blocking, AppState};
use std::path::PathBuf;
use tauri::{Runtime, State};
use tauri_plugin_opener::OpenerExt;
use xianjie::api::app::{self, AppInfo, StartMode};
use xianjie::api::backup::{self, BackupItem, BackupList, RestoreDone};
use xianjie::api::dashboard::{self as dash, Dashboard, RateDetail};
use xianjie::api::documents::{
    self as docs, DocumentOptions, IssuedLetters, LetterRequest, NoticeRequest, RegisterRow,
    TableRequest,
};
use xianjie::api::graduates::{self as grads, GraduateList};
use xianjie::api::import::{self, ImportInspect, ImportIssue, ImportRequest, ImportResult};
use xianjie::api::members::{self, DeferInput, DeleteInput, Done, GraduateDetail};
use xianjie::api::orgs::{self, ChangeRequestInput, ChangeView, MarkBranchesInput, OrgNode};
use xianjie::api::recommend::DestinationInput;
use xianjie::api::recommend::{self, FactsInput, FormOptions, RecommendationView};
use xianjie::api::settings::{self, Settings};
use xianjie::api::transfers::{self as tr, StepInput, StepOutcome, TransferList};
use xianjie::api::Choice;
use xianjie::api::{ApiError, ApiResult};

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
    let (paths, demo) = (state.paths.clone(), state.demo);
    let info = blocking(move || app::start(&paths, mode, demo)).await?;
    crate::warm(&state.paths);
    Ok(info)
}

#[tauri::command]
async fn settings_load(state: State<'_, AppState>) -> ApiResult<Settings> {
    settings::load(&state.paths.settings)
}

#[tauri::command]
async fn settings_save(state: State<'_, AppState>, settings: Settings) -> ApiResult<Settings> {
    settings::save(&state.paths.settings, &settings)
}

#[tauri::command]
async fn form_options() -> ApiResult<FormOptions> {
    Ok(recommend::form_options())
}

#[tauri::command]
async fn recommend(input: FactsInput) -> ApiResult<RecommendationView> {
    blocking(move || recommend::recommend(&input)).await
}

#[tauri::command]
async fn graduates(state: State<'_, AppState>, year: i32) -> ApiResult<GraduateList> {
    let paths = state.paths.clone();
    blocking(move || grads::list(&paths, year, xianjie::api::today())).await
}

#[tauri::command]
async fn data_stamp(state: State<'_, AppState>) -> ApiResult<i64> {
    let paths = state.paths.clone();
    blocking(move || grads::data_stamp(&paths)).await
}

#[tauri::command]
async fn org_tree(state: State<'_, AppState>) -> ApiResult<Vec<OrgNode>> {
    let paths = state.paths.clone();
    blocking(move || orgs::tree(&paths)).await
}

#[tauri::command]
async fn mark_branches(state: State<'_, AppState>, input: MarkBranchesInput) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || orgs::mark_branches(&paths, &input)).await
}

#[tauri::command]
async fn graduation_changes(state: State<'_, AppState>) -> ApiResult<Vec<ChangeView>> {
    let paths = state.paths.clone();
    blocking(move || orgs::changes(&paths)).await
}

#[tauri::command]
async fn request_graduation_change(
    state: State<'_, AppState>,
    input: ChangeRequestInput,
) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || orgs::request_change(&paths, &input)).await
}

#[tauri::command]
async fn decide_graduation_change(
    state: State<'_, AppState>,
    id: i64,
    approve: bool,
    note: Option<String>,
) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || orgs::decide_change(&paths, id, approve, note)).await
}

#[tauri::command]
async fn mark_deferred(state: State<'_, AppState>, input: DeferInput) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || members::mark_deferred(&paths, &input)).await
}

#[tauri::command]
async fn mark_teacher(state: State<'_, AppState>, ids: Vec<i64>) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || members::mark_teacher(&paths, &ids)).await
}

#[tauri::command]
async fn revoke_marking(state: State<'_, AppState>, ids: Vec<i64>) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || members::revoke(&paths, &ids)).await
}

#[tauri::command]
async fn deletion_reasons() -> ApiResult<Vec<Choice>> {
    Ok(members::deletion_reasons())
}

#[tauri::command]
async fn delete_member(state: State<'_, AppState>, input: DeleteInput) -> ApiResult<Done> {
    let paths = state.paths.clone();
    blocking(move || members::delete(&paths, &input)).await
}

#[tauri::command]
async fn graduate_detail(
    state: State<'_, AppState>,
    id: i64,
    year: i32,
) -> ApiResult<GraduateDetail> {
    let paths = state.paths.clone();
    blocking(move || members::detail(&paths, id, year)).await
}

#[tauri::command]
async fn save_destination(
    state: State<'_, AppState>,
    id: i64,
    year: i32,
    destination: DestinationInput,
) -> ApiResult<GraduateDetail> {
    let paths = state.paths.clone();
    blocking(move || members::save_destination(&paths, id, year, &destination)).await
}

#[tauri::command]
async fn import_inspect(
    state: State<'_, AppState>,
    file: String,
    sheet: Option<String>,
) -> ApiResult<ImportInspect> {
    let paths = state.paths.clone();
    blocking(move || import::inspect(&paths, &file, sheet.as_deref())).await
}

#[tauri::command]
async fn import_dry_run(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> ApiResult<ImportResult> {
    let paths = state.paths.clone();
    blocking(move || import::dry_run(&paths, &request)).await
}

#[tauri::command]
async fn import_commit<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: ImportRequest,
    task: String,
) -> ApiResult<ImportResult> {
    let paths = state.paths.clone();
    blocking(move || import::commit(&paths, &request, &task, &progress(app))).await
}

#[tauri::command]
async fn import_create_parent(state: State<'_, AppState>, name: String) -> ApiResult<String> {
    let paths = state.paths.clone();
    blocking(move || import::create_parent(&paths, &name)).await
}

#[tauri::command]
async fn import_save_errors(
    state: State<'_, AppState>,
    out: String,
    issues: Vec<ImportIssue>,
) -> ApiResult<String> {
    produced(
        &state,
        blocking(move || import::save_errors(&out, &issues)).await,
    )
}

#[tauri::command]
async fn document_options(state: State<'_, AppState>) -> ApiResult<DocumentOptions> {
    let paths = state.paths.clone();
    blocking(move || docs::options(&paths)).await
}

#[tauri::command]
async fn export_table(state: State<'_, AppState>, request: TableRequest) -> ApiResult<String> {
    let paths = state.paths.clone();
    produced(
        &state,
        blocking(move || docs::export_table(&paths, &request)).await,
    )
}

#[tauri::command]
async fn issue_letters<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: LetterRequest,
    task: String,
) -> ApiResult<IssuedLetters> {
    let paths = state.paths.clone();
    let out = blocking(move || docs::issue_letters(&paths, &request, &task, &progress(app))).await;
    if let Ok(o) = &out {
        state.produced(std::path::Path::new(&o.path));
    }
    out
}

#[tauri::command]
async fn notices(state: State<'_, AppState>, request: NoticeRequest) -> ApiResult<String> {
    let paths = state.paths.clone();
    produced(
        &state,
        blocking(move || docs::notices(&paths, &request)).await,
    )
}

#[tauri::command]
async fn letter_register(
    state: State<'_, AppState>,
    overdue_only: bool,
) -> ApiResult<Vec<RegisterRow>> {
    let paths = state.paths.clone();
    blocking(move || docs::register_list(&paths, overdue_only)).await
}

/// Forwards core progress reports to the window as `progress` events.
fn progress<R: Runtime>(app: tauri::AppHandle<R>) -> impl Fn(xianjie::api::progress::Progress) {
    move |p| {
        // A window that is gone cannot show progress; the work itself goes on.
        let _ = tauri::Emitter::emit(&app, xianjie::api::progress::EVENT, p);
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
    let paths = state.paths.clone();
    blocking(move || dash::dashboard(&paths, year, xianjie::api::today())).await
}

#[tauri::command]
async fn rate_detail(
    state: State<'_, AppState>,
    year: i32,
    unit: String,
    metric: String,
) -> ApiResult<RateDetail> {
    let paths = state.paths.clone();
    blocking(move || dash::rate_detail(&paths, year, &unit, &metric, xianjie::api::today())).await
}

#[tauri::command]
async fn transfers(state: State<'_, AppState>, year: i32) -> ApiResult<TransferList> {
    let paths = state.paths.clone();
    blocking(move || tr::list(&paths, year, xianjie::api::today())).await
}

#[tauri::command]
async fn transfer_step(
    state: State<'_, AppState>,
    year: i32,
    members: Vec<i64>,
    input: StepInput,
) -> ApiResult<StepOutcome> {
    let paths = state.paths.clone();
    blocking(move || tr::step(&paths, year, &members, &input, xianjie::api::today())).await
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
    let paths = state.paths.clone();
    blocking(move || backup::list(&paths)).await
}

#[tauri::command]
async fn backup_create(state: State<'_, AppState>) -> ApiResult<BackupItem> {
    let paths = state.paths.clone();
    blocking(move || backup::create(&paths)).await
}

#[tauri::command]
async fn backup_restore(state: State<'_, AppState>, id: String) -> ApiResult<RestoreDone> {
    let paths = state.paths.clone();
    blocking(move || backup::restore(&paths, &id)).await
}

#[tauri::command]
async fn backup_export(state: State<'_, AppState>, path: PathBuf) -> ApiResult<String> {
    let paths = state.paths.clone();
    blocking(move || backup::export(&paths, &path)).await
}

#[tauri::command]
async fn backup_import(state: State<'_, AppState>, path: PathBuf) -> ApiResult<RestoreDone> {
    let paths = state.paths.clone();
    blocking(move || backup::import(&paths, &path)).await
}
