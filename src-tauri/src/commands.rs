//! IPC commands: one-line adapters to `xianjie::api`.

use crate::{blocking, AppState};
use std::path::PathBuf;
use tauri::{Runtime, State};
use tauri_plugin_opener::OpenerExt;
use xianjie::api::app::{self, AppInfo, StartMode};
use xianjie::api::backup::{self, BackupItem, BackupList, RestoreDone};
use xianjie::api::graduates::{self as grads, GraduateList};
use xianjie::api::orgs::{self, OrgNode};
use xianjie::api::recommend::{self, FactsInput, FormOptions, RecommendationView};
use xianjie::api::settings::{self, Settings};
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
        open_result,
        reveal_result,
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
