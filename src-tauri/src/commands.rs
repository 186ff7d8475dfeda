//! IPC commands: one-line adapters to `xianjie::api`.

use crate::{blocking, AppState};
use std::path::PathBuf;
use tauri::{Runtime, State};
use tauri_plugin_opener::OpenerExt;
use xianjie::api::app::{self, AppInfo, StartMode};
use xianjie::api::dashboard::{self as dash, Dashboard, RateDetail};
use xianjie::api::graduates::{self as grads, GraduateList};
use xianjie::api::orgs::{self, OrgNode};
use xianjie::api::recommend::{self, FactsInput, FormOptions, RecommendationView};
use xianjie::api::settings::{self, Settings};
use xianjie::api::transfers::{self as tr, StepInput, StepOutcome, TransferList};
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
        org_tree,
        dashboard,
        rate_detail,
        transfers,
        transfer_step,
        open_result,
        reveal_result,
    ]
}

#[tauri::command]
async fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    Ok(app::info(&state.paths))
}

#[tauri::command]
async fn start(state: State<'_, AppState>, mode: StartMode) -> ApiResult<AppInfo> {
    let (paths, demo) = (state.paths.clone(), state.demo);
    blocking(move || app::start(&paths, mode, demo)).await
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
async fn org_tree(state: State<'_, AppState>) -> ApiResult<Vec<OrgNode>> {
    let paths = state.paths.clone();
    blocking(move || orgs::tree(&paths)).await
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
