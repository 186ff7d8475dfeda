//! The IPC surface, declared once: every command the window may call is one entry of
//! [`ipc!`], which makes of it the Tauri command (an adapter onto `xianjie::service` on the
//! process's contexts), its place in [`handler`], and its TypeScript wrapper in
//! `ui/src/bindings/commands.ts` ([`signatures`], checked by the bindings test). Nothing here
//! decides anything: each body parses, calls one service operation and maps the result.

use crate::progress::Progress;
use crate::AppState;
use std::path::{Path, PathBuf};
use tauri::{Runtime, State};
use tauri_plugin_opener::OpenerExt;
use xianjie::freshman::ReceivingSettings;
use xianjie::service::backup::{
    self, BackupExport, BackupExported, BackupFileInfo, BackupImport, BackupItem, BackupList,
    PassphraseStrength, RestoreDone,
};
use xianjie::service::calendar::CalendarPage;
use xianjie::service::collect::{self, BranchStatus, CollectOptions, CollectReport, Exported};
use xianjie::service::dashboard::{self as dash, Dashboard, RateDetail};
use xianjie::service::diagnostics::{self as diag, DiagnosticsExport, DiagnosticsWritten};
use xianjie::service::documents::{
    self as docs, DocumentOptions, MergeOutcome, MergeRequest, NoticeRequest, TableDone,
    TableRequest,
};
use xianjie::service::freshmen::dashboard::FreshmenDashboard;
use xianjie::service::freshmen::letters::{
    self as fletters, LetterRecord, LetterRegister, LetterView, ReceiptDone, ReceiptRequest,
};
use xianjie::service::freshmen::transfers::{
    self as intake, FreshmenStartOutcome, FreshmenStartRequest, FreshmenStepRequest,
    IncomingTransfers,
};
use xianjie::service::freshmen::{
    self as freshmen, FreshmanView, FreshmenImport, FreshmenImportRequest, FreshmenList,
};
use xianjie::service::graduates::{self as grads, GraduateList, GraduatesExport, ReviewOutcome};
use xianjie::service::import::{self, ImportInspect, ImportIssue, ImportRequest, ImportResult};
use xianjie::service::keys::{
    self, AcceptCollegeKey, CollegeKeyView, CreateSchoolKey, PackageKeys, SchoolKeyCreated,
    SchoolKeyQr,
};
use xianjie::service::ledgers::{self, F4Input, F5Input, LedgerPage};
use xianjie::service::letters::register::LetterProblem;
use xianjie::service::letters::{self, IssuedLetters, LetterRequest, RegisterRow};
use xianjie::service::members::{self, DeferInput, DeleteInput, GraduateDetail, MemberFactsInput};
use xianjie::service::orgs::{
    self, ChangeRequestInput, ChangeView, DecideChangeInput, MarkBranchesInput, NewOrgInput,
    OrgNode, RestoredNameView,
};
use xianjie::service::package::{ExportParams, Found};
use xianjie::service::recommend::{
    self, DestinationInput, FactsInput, FormOptions, RecommendationView,
};
use xianjie::service::reconcile::page::{self as rec, AcceptView, ReconcileView};
use xianjie::service::school::{self, PackageOutcome, SchoolView};
use xianjie::service::settings::{self, FieldProblem, Settings, SettingsPage};
use xianjie::service::start::{self, AppInfo, StartMode};
use xianjie::service::transfers::list::{self as tr, TransferList};
use xianjie::service::transfers::step::{self, MemberErrorView, StepOutcome, StepRequest};
use xianjie::service::view::{Choice, Done};
use xianjie::service::{self as svc};
use xianjie::transfer::CampaignSettings;
use xianjie::{Error, Result};

/// One command as the window sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub name: &'static str,
    pub doc: &'static str,
    /// (argument, TypeScript type), in order.
    pub args: Vec<(&'static str, String)>,
    /// The TypeScript type of the result.
    pub ret: String,
}

/// Each entry: `fn name(app, state, arg: Type, …) -> Result { body }` — the body runs in the
/// async command with `app` (the Tauri app handle) and `state` ([`AppState`]) at hand.
macro_rules! ipc {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($app:ident, $state:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            async fn $name<R: Runtime>(
                $app: tauri::AppHandle<R>,
                $state: State<'_, AppState>,
                $($arg: $ty),*
            ) -> Result<$ret> {
                let _ = (&$app, &$state);
                let started = std::time::Instant::now();
                let result: Result<$ret> = async { $body }.await;
                // The diagnostics log keeps the command and the error's code, never its
                // message (which names files and people).
                if let Err(e) = &result {
                    xianjie::diagnostics::record_error(stringify!($name), e, started.elapsed());
                }
                result
            }
        )*

        /// Every command, for the Tauri builder.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every type a command takes or returns, for the TypeScript declarations.
        pub fn visit_types(v: &mut impl ts_rs::TypeVisitor) {
            $(
                $(v.visit::<$ty>();)*
                v.visit::<$ret>();
            )*
        }

        /// Every command's signature, for the TypeScript wrappers.
        pub fn signatures() -> Vec<Signature> {
            // IDs cross IPC as JSON numbers (well below 2^53), not BigInt.
            let cfg = ts_rs::Config::new().with_large_int("number");
            vec![$(Signature {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(&cfg))),*],
                ret: <$ret as ts_rs::TS>::name(&cfg),
            }),*]
        }
    };
}

ipc! {
    /// Where the data lives, the version, whether this is the first run.
    fn app_info(app, state) -> AppInfo {
        Ok(start::info(&state.paths))
    }

    /// Leaves the first-run screen: the demo college or an empty office.
    fn start(app, state, mode: StartMode) -> AppInfo {
        let size = state.demo_size;
        let info = state.run(move |ctx| start::start(ctx, mode, size)).await?;
        crate::warm(&state);
        Ok(info)
    }

    /// 设置: the office's details, 学校类型, numbering, backups kept and this computer's operator.
    fn settings_load(app, state) -> SettingsPage {
        state.run(|ctx| settings::page(ctx)).await
    }

    /// Each field's problem (empty: it may be saved), for the form to show as one types.
    fn settings_check(app, state, settings: Settings) -> Vec<FieldProblem> {
        Ok(settings::check(&settings))
    }

    fn settings_save(app, state, settings: Settings) -> SettingsPage {
        state
            .run(move |ctx| {
                settings::save(ctx, &settings)?;
                settings::page(ctx)
            })
            .await
    }

    /// 设置 › 工作日历: the year's dates and day counts (W5a) and the calendar they make.
    fn calendar(app, state, year: i32) -> CalendarPage {
        state
            .run(move |ctx| {
                let on = ctx.today();
                svc::calendar::page(ctx, year, on)
            })
            .await
    }

    fn calendar_save(app, state, settings: CampaignSettings) -> CalendarPage {
        state
            .run(move |ctx| {
                let on = ctx.today();
                svc::calendar::save(ctx, &settings, on)
            })
            .await
    }

    /// The choices of the recommendation form.
    fn form_options(app, state) -> FormOptions {
        Ok(recommend::form_options())
    }

    /// The engine's answer for the facts in the form.
    fn recommend(app, state, input: FactsInput) -> RecommendationView {
        let today = state.clock.today();
        crate::blocking(move || recommend::recommend(&input, today)).await
    }

    /// 毕业生: a cohort's graduates, compact rows.
    fn graduates(app, state, year: i32) -> GraduateList {
        state
            .run(move |ctx| {
                let on = ctx.today();
                grads::list(ctx, year, on)
            })
            .await
    }

    /// 核对无误: accept the recommendations of the graduates chosen.
    fn review_accept(app, state, year: i32, ids: Vec<i64>) -> ReviewOutcome {
        state
            .run(move |ctx| {
                let on = ctx.today();
                grads::accept(ctx, year, on, &ids)
            })
            .await
    }

    /// Every 可以办理 graduate not yet reviewed, accepted in one action.
    fn review_accept_ready(app, state, year: i32) -> u32 {
        state
            .run(move |ctx| {
                let on = ctx.today();
                grads::accept_ready(ctx, year, on)
            })
            .await
    }

    /// 取消核对.
    fn review_withdraw(app, state, year: i32, ids: Vec<i64>) -> u32 {
        state.run(move |ctx| grads::withdraw(ctx, year, &ids)).await
    }

    /// 毕业生 › 导出 Excel (ID numbers masked unless `full_id_numbers`).
    fn export_graduates(app, state, year: i32, out: String, full_id_numbers: Option<bool>) -> String {
        let params = GraduatesExport {
            year,
            out,
            full_id_numbers: full_id_numbers.unwrap_or(false),
        };
        produced(
            &state,
            state
                .run(move |ctx| {
                    let on = ctx.today();
                    grads::export(ctx, on, &params)
                })
                .await,
        )
    }

    /// The data's stamp: a change means the lists shown may be stale.
    fn data_stamp(app, state) -> i64 {
        state.run(move |ctx| grads::data_stamp(ctx)).await
    }

    /// 组织: the org tree with graduation markings.
    fn org_tree(app, state) -> Vec<OrgNode> {
        state.run(move |ctx| orgs::tree(ctx)).await
    }

    fn org_create(app, state, input: NewOrgInput) -> Done {
        state
            .run(move |ctx| {
                let o = orgs::create(ctx, &input)?;
                Ok(Done::new(1, format!("已添加：{}（{}）", o.full_name, o.level.label())))
            })
            .await
    }

    fn org_rename(app, state, id: i64, to: String) -> Done {
        state
            .run(move |ctx| {
                let o = orgs::rename(ctx, id, &to)?;
                Ok(Done::new(1, format!("已改名：{}", o.full_name)))
            })
            .await
    }

    /// Moves an org under another parent (null: to the top).
    fn org_move(app, state, id: i64, parent: Option<i64>) -> Done {
        state.run(move |ctx| orgs::move_to(ctx, id, parent)).await
    }

    fn org_delete(app, state, id: i64) -> Done {
        state.run(move |ctx| orgs::delete(ctx, id)).await
    }

    /// Org names the upgrade restored to full-width punctuation, to check against 智慧团建.
    fn org_restored_names(app, state) -> Vec<RestoredNameView> {
        state.run(move |ctx| orgs::restored_names(ctx)).await
    }

    fn mark_branches(app, state, input: MarkBranchesInput) -> Done {
        state.run(move |ctx| orgs::mark_branches(ctx, &input)).await
    }

    fn graduation_changes(app, state) -> Vec<ChangeView> {
        state.run(move |ctx| orgs::changes(ctx)).await
    }

    fn request_graduation_change(app, state, input: ChangeRequestInput) -> Done {
        state.run(move |ctx| orgs::request_change(ctx, &input)).await
    }

    fn decide_graduation_change(app, state, input: DecideChangeInput) -> Done {
        state.run(move |ctx| orgs::decide_change(ctx, &input)).await
    }

    fn mark_deferred(app, state, input: DeferInput) -> Done {
        state.run(move |ctx| members::mark_deferred(ctx, &input)).await
    }

    fn mark_teacher(app, state, ids: Vec<i64>) -> Done {
        state.run(move |ctx| members::mark_teacher(ctx, &ids)).await
    }

    fn revoke_marking(app, state, ids: Vec<i64>) -> Done {
        state.run(move |ctx| members::revoke(ctx, &ids)).await
    }

    fn deletion_reasons(app, state) -> Vec<Choice> {
        Ok(members::deletion_reasons())
    }

    fn delete_member(app, state, input: DeleteInput) -> Done {
        state.run(move |ctx| members::delete(ctx, &input)).await
    }

    /// A graduate's page.
    fn graduate_detail(app, state, id: i64, year: i32) -> GraduateDetail {
        state.run(move |ctx| members::detail(ctx, id, year)).await
    }

    fn save_destination(app, state, id: i64, year: i32, destination: DestinationInput) -> GraduateDetail {
        state
            .run(move |ctx| members::save_destination(ctx, id, year, &destination))
            .await
    }

    /// The member facts a block or warning depends on (团员身份认证, 入团时间, 政治面貌, 任职).
    fn save_member_facts(app, state, id: i64, year: i32, facts: MemberFactsInput) -> GraduateDetail {
        state
            .run(move |ctx| members::save_facts(ctx, id, year, &facts))
            .await
    }

    /// 工作台.
    fn dashboard(app, state, year: i32) -> Dashboard {
        state
            .run(move |ctx| {
                let on = ctx.today();
                dash::dashboard(ctx, year, on)
            })
            .await
    }

    /// The graduates behind a rate (drill-down).
    fn rate_detail(app, state, year: i32, unit: String, metric: String) -> RateDetail {
        state
            .run(move |ctx| {
                let on = ctx.today();
                dash::rate_detail(ctx, year, &unit, &metric, on)
            })
            .await
    }

    /// 工作台 › 待办清单 › 导出 Excel.
    fn export_due(app, state, year: i32, out: String) -> String {
        produced(
            &state,
            state
                .run(move |ctx| {
                    let on = ctx.today();
                    dash::export_due(ctx, year, on, &out)
                })
                .await,
        )
    }

    /// The graduates behind a unit's rates, as Excel.
    fn export_rates(app, state, year: i32, unit: String, out: String) -> String {
        produced(
            &state,
            state
                .run(move |ctx| {
                    let on = ctx.today();
                    dash::export_rates(ctx, year, &unit, on, &out)
                })
                .await,
        )
    }

    /// 转接: the cohort's transfers.
    fn transfers(app, state, year: i32) -> TransferList {
        state
            .run(move |ctx| {
                let on = ctx.today();
                tr::list(ctx, year, on)
            })
            .await
    }

    /// A step for one or many graduates (all or nothing).
    fn transfer_step(app, state, request: StepRequest) -> StepOutcome {
        state.run(move |ctx| step::step(ctx, &request)).await
    }

    /// A refused batch's whole list as Excel.
    fn export_refusals(app, state, out: String, errors: Vec<MemberErrorView>) -> String {
        produced(
            &state,
            crate::blocking(move || step::export_refusals(&out, &errors)).await,
        )
    }

    /// Opens a file the app produced with the system's default program (e.g. a PDF viewer).
    fn open_result(app, state, path: String) -> () {
        checked(&state, Path::new(&path))?;
        app.opener()
            .open_path(path.clone(), None::<&str>)
            .map_err(|e| Error::storage(format!("无法打开 {path}：{e}")))
    }

    /// Shows a file the app produced in its folder.
    fn reveal_result(app, state, path: String) -> () {
        checked(&state, Path::new(&path))?;
        app.opener()
            .reveal_item_in_dir(Path::new(&path))
            .map_err(|e| Error::storage(format!("无法打开文件夹 {path}：{e}")))
    }

    /// 导入: the file's sheets and header mapping.
    fn import_inspect(app, state, file: String, sheet: Option<String>) -> ImportInspect {
        state
            .run(move |ctx| import::inspect(ctx, &file, sheet.as_deref()))
            .await
    }

    fn import_dry_run(app, state, request: ImportRequest) -> ImportResult {
        state.run(move |ctx| import::dry_run(ctx, &request)).await
    }

    /// Writes the roster, reporting `progress` events under `task` (cancel_task stops it).
    fn import_commit(app, state, request: ImportRequest, task: String) -> ImportResult {
        state
            .watched(task, progress(app), move |ctx, w| import::commit(ctx, &request, w))
            .await
    }

    /// 取消: stops the long work `task` where nothing is half-written (it then fails with
    /// `cancelled`); `false` when it is not running.
    fn cancel_task(app, state, task: String) -> bool {
        Ok(state.cancel(&task))
    }

    /// 学院数据 (the school): its packages, rates by college and their sums, duplicates.
    fn school_view(app, state, year: i32) -> SchoolView {
        state
            .run(move |ctx| {
                let on = ctx.today();
                school::view(ctx, year, on)
            })
            .await
    }

    /// The colleges whose packages this store holds (empty: an office reading its own data):
    /// the pages of one office's rows say where the school's are.
    fn school_colleges(app, state) -> Vec<String> {
        state.run(move |ctx| school::colleges(ctx)).await
    }

    /// 学院数据 › 各学院衔接率 › 导出 Excel.
    fn school_export_rates(app, state, year: i32, out: String) -> String {
        produced(
            &state,
            state
                .run(move |ctx| {
                    let on = ctx.today();
                    school::export_rates(ctx, year, on, &out)
                })
                .await,
        )
    }

    /// 学院数据 › 全校查询: graduates matching `query` in every college's package.
    fn school_find(app, state, year: i32, query: String) -> Vec<Found> {
        state
            .run(move |ctx| {
                let on = ctx.today();
                school::find(ctx, year, on, &query)
            })
            .await
    }

    /// 学院数据: imports colleges' packages, each in turn.
    fn package_import(app, state, files: Vec<String>, year: i32) -> Vec<PackageOutcome> {
        state
            .run(move |ctx| school::import(ctx, &files, year))
            .await
    }

    /// 学院数据 (a college): its package for the school, encrypted to `to` (null: the school
    /// key used last time) and signed, written to `out` (0600).
    fn package_export(app, state, year: i32, out: String, to: Option<String>) -> String {
        let path = out.clone();
        let params = ExportParams { year, out, to };
        let said = state
            .run(move |ctx| school::export(ctx, &params))
            .await?;
        state.produced(Path::new(&path));
        Ok(said)
    }

    /// 学院数据: the school's key, this college's signing key, the school key exported to, and
    /// the colleges' registered keys (fingerprints and public texts only).
    fn package_keys(app, state) -> PackageKeys {
        state.run(move |ctx| keys::package_keys(ctx)).await
    }

    /// 创建本校密钥 (`replace`: a new one instead of this PC's; audited).
    fn school_key_create(app, state, replace: bool) -> SchoolKeyCreated {
        state
            .run(move |ctx| keys::create_school_key(ctx, &CreateSchoolKey { replace }))
            .await
    }

    /// The school's public key as a QR picture (`.png`, else SVG) at `out`.
    fn school_key_qr(app, state, out: String) -> String {
        produced(
            &state,
            state
                .run(move |ctx| keys::school_key_qr(ctx, &SchoolKeyQr { out }))
                .await,
        )
    }

    /// 接受新密钥: a college's new signing key, after its fingerprint was read by phone.
    fn college_key_accept(app, state, request: AcceptCollegeKey) -> CollegeKeyView {
        state
            .run(move |ctx| keys::accept_college_key(ctx, &request))
            .await
    }

    /// 对账: 智慧团建's transfer export against the records here.
    fn reconcile_read(app, state, file: String, year: i32) -> ReconcileView {
        state
            .run(move |ctx| {
                let on = ctx.today();
                rec::reconcile(ctx, &file, year, on)
            })
            .await
    }

    /// 对账 › 采纳: the differences of `members` (empty: all that can be), read again.
    fn reconcile_accept(app, state, file: String, year: i32, members: Vec<i64>) -> AcceptView {
        state
            .run(move |ctx| {
                let on = ctx.today();
                rec::accept(ctx, &file, year, on, &members)
            })
            .await
    }

    /// 毕业去向收集: one fill-in workbook per graduating branch, written into `dir`.
    fn collect_export(app, state, year: i32, dir: String) -> Vec<Exported> {
        let files = state
            .run(move |ctx| collect::export(ctx, year, Path::new(&dir)))
            .await?;
        for f in &files {
            state.produced(&f.path);
        }
        Ok(files)
    }

    /// Which branches have handed their workbook back.
    fn collect_status(app, state, year: i32) -> Vec<BranchStatus> {
        state.run(move |ctx| collect::status(ctx, year)).await
    }

    /// Reads filled workbooks back (all or nothing unless `options.partial`).
    fn collect_import(app, state, files: Vec<String>, options: CollectOptions) -> CollectReport {
        let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        state
            .run(move |ctx| collect::import(ctx, &paths, options))
            .await
    }

    fn import_create_parent(app, state, name: String) -> String {
        state.run(move |ctx| import::create_parent(ctx, &name)).await
    }

    fn import_save_errors(app, state, out: String, issues: Vec<ImportIssue>) -> String {
        produced(
            &state,
            crate::blocking(move || import::save_errors(&out, &issues)).await,
        )
    }

    /// 文书: the forms, archive choices and the issuing committee.
    fn document_options(app, state) -> DocumentOptions {
        state.run(move |ctx| docs::options(ctx)).await
    }

    /// A summary table, reporting `progress` events under `task`.
    fn export_table(app, state, request: TableRequest, task: String) -> TableDone {
        let done = state
            .watched(task, progress(app), move |ctx, w| {
                docs::export_table(ctx, &request, w)
            })
            .await;
        if let Ok(d) = &done {
            state.produced(Path::new(&d.path));
        }
        done
    }

    /// 文书 › 合并各学院的汇总表.
    fn merge_tables(app, state, request: MergeRequest) -> MergeOutcome {
        let out = state.run(move |ctx| docs::merge(ctx, &request)).await;
        if let Ok(o) = &out {
            state.produced(Path::new(&o.out));
        }
        out
    }

    /// Letters (L1), reporting `progress` events under `task`.
    fn issue_letters(app, state, request: LetterRequest, task: String) -> IssuedLetters {
        let out = state
            .watched(task, progress(app), move |ctx, w| {
                letters::issue_letters(ctx, &request, w)
            })
            .await;
        if let Ok(o) = &out {
            state.produced(Path::new(&o.path));
        }
        out
    }

    /// Every letter of a request that cannot be issued, with its reasons (a refused batch's list).
    fn letter_problems(app, state, request: LetterRequest) -> Vec<LetterProblem> {
        state.run(move |ctx| letters::problems(ctx, &request)).await
    }

    fn notices(app, state, request: NoticeRequest) -> String {
        produced(&state, state.run(move |ctx| docs::notices(ctx, &request)).await)
    }

    /// The letter register.
    fn letter_register(app, state, overdue_only: bool) -> Vec<RegisterRow> {
        state
            .run(move |ctx| letters::register_list(ctx, overdue_only))
            .await
    }

    /// 登记簿: void a letter (its number is never reused).
    fn letter_void(app, state, id: i64, reason: String) -> () {
        state.run(move |ctx| letters::void(ctx, id, &reason)).await
    }

    /// 登记簿: the receipt came back today.
    fn letter_receipt(app, state, id: i64) -> () {
        state.run(move |ctx| letters::receipt(ctx, id, None)).await
    }

    /// 登记簿: reprint letters exactly as issued.
    fn letter_reprint(app, state, ids: Vec<i64>, out: String) -> String {
        produced(&state, state.run(move |ctx| letters::reprint_to(ctx, &ids, &out)).await)
    }

    /// 文书 › 特殊情况与发展编号: the F4/F5 ledgers.
    fn ledgers(app, state, year: Option<i32>) -> LedgerPage {
        state.run(move |ctx| ledgers::page(ctx, year)).await
    }

    fn ledger_record_f4(app, state, input: F4Input) -> Done {
        state.run(move |ctx| ledgers::record_f4(ctx, &input)).await
    }

    fn ledger_record_f5(app, state, input: F5Input) -> Done {
        state.run(move |ctx| ledgers::record_f5(ctx, &input)).await
    }

    /// 设置 › 数据备份.
    fn backup_list(app, state) -> BackupList {
        state.run(move |ctx| backup::list(ctx)).await
    }

    fn backup_create(app, state) -> BackupItem {
        state.run(move |ctx| backup::create(ctx)).await
    }

    fn backup_restore(app, state, id: String) -> RestoreDone {
        state.run(move |ctx| backup::restore(ctx, &id)).await
    }

    /// 导出全部数据: under a passphrase (the database and this PC's keys), or a clear copy
    /// when `unprotected` is chosen.
    fn backup_export(app, state, request: BackupExport) -> BackupExported {
        state.run(move |ctx| backup::export(ctx, &request)).await
    }

    /// Whether a backup file is protected by a passphrase (then the dialog asks for it).
    fn backup_file_info(app, state, path: String) -> BackupFileInfo {
        crate::blocking(move || backup::inspect_file(&path)).await
    }

    fn backup_import(app, state, path: String, passphrase: Option<String>) -> RestoreDone {
        state
            .run(move |ctx| backup::import(ctx, &BackupImport { path, passphrase }))
            .await
    }

    /// How strong a passphrase is (the export dialog's hint as one types).
    fn passphrase_strength(app, state, passphrase: String) -> PassphraseStrength {
        crate::blocking(move || Ok(backup::passphrase_strength(&passphrase))).await
    }

    /// 设置 › 导出诊断信息: the log, versions and the store's checks (no personal data).
    fn diagnostics_export(app, state, out: String) -> DiagnosticsWritten {
        let written = state
            .run(move |ctx| diag::export(ctx, &DiagnosticsExport { out }))
            .await?;
        state.produced(Path::new(&written.path));
        Ok(written)
    }

    /// 新生 (rules.md §9): a year's new students with the engine's advice.
    fn freshmen_list(app, state, year: i32) -> FreshmenList {
        state
            .run(move |ctx| {
                let on = ctx.today();
                freshmen::list(ctx, year, on)
            })
            .await
    }

    /// 新生 › one student's advice (the drawer).
    fn freshmen_student(app, state, year: i32, id: i64) -> FreshmanView {
        state
            .run(move |ctx| {
                let on = ctx.today();
                freshmen::student(ctx, year, id, on)
            })
            .await
    }

    /// 新生 › 导入: the freshmen list checked (dry run) or written — any error refuses it whole
    /// —, reporting `progress` events under `task` (read, check, write; cancel_task stops it
    /// before the write).
    fn freshmen_import(app, state, request: FreshmenImportRequest, task: String) -> FreshmenImport {
        state
            .watched(task, progress(app), move |ctx, w| freshmen::import(ctx, &request, w))
            .await
    }

    /// 新生 › 发起转入: a class's ready students, or the students named (all or nothing).
    fn freshmen_start(app, state, request: FreshmenStartRequest) -> FreshmenStartOutcome {
        state.run(move |ctx| intake::start(ctx, &request)).await
    }

    /// 新生 › a step of the transfers in (approve, return, revoke, done).
    fn freshmen_step(app, state, request: FreshmenStepRequest) -> StepOutcome {
        state.run(move |ctx| intake::step(ctx, &request)).await
    }

    /// 新生 › 转入: the transfers in with their W4 deadlines.
    fn freshmen_transfers(app, state, year: i32) -> IncomingTransfers {
        state
            .run(move |ctx| {
                let on = ctx.today();
                intake::list(ctx, year, on)
            })
            .await
    }

    /// 工作台 › 新生: the month and 10-15 targets, the receiving side's rate, 回执 due.
    fn freshmen_dashboard(app, state, year: i32) -> FreshmenDashboard {
        state
            .run(move |ctx| {
                let on = ctx.today();
                freshmen::dashboard::dashboard(ctx, year, on)
            })
            .await
    }

    /// 新生 › 介绍信: the register of letters received and their 回执.
    fn freshmen_letters(app, state, year: i32) -> LetterRegister {
        state
            .run(move |ctx| {
                let on = ctx.today();
                fletters::register(ctx, year, on)
            })
            .await
    }

    /// 新生 › 介绍信 › 登记.
    fn freshmen_letter_record(app, state, record: LetterRecord) -> LetterView {
        state.run(move |ctx| fletters::record(ctx, &record)).await
    }

    /// 新生 › 介绍信 › 回执: printed as PDF (the file is the app's to open) and/or marked sent.
    fn freshmen_receipt(app, state, request: ReceiptRequest) -> ReceiptDone {
        let done = state.run(move |ctx| fletters::receipt(ctx, &request)).await?;
        if let Some(f) = &done.file {
            state.produced(Path::new(f));
        }
        Ok(done)
    }

    /// 新生 › 导出 Excel: the students with their advice.
    fn freshmen_export(app, state, year: i32, out: String) -> String {
        produced(
            &state,
            state
                .run(move |ctx| {
                    let on = ctx.today();
                    svc::lists::freshmen_xlsx(ctx, year, on, Path::new(&out)).map(|_| out)
                })
                .await,
        )
    }

    /// 工作台 › 转入一侧 › 导出 Excel.
    fn export_incoming(app, state, year: i32, unit: String, out: String) -> String {
        produced(
            &state,
            state
                .run(move |ctx| {
                    let on = ctx.today();
                    dash::export_incoming(ctx, year, &unit, on, &out)
                })
                .await,
        )
    }

    /// 设置 › 工作日历 › 新生转入: the enrolment date and the month (N1).
    fn calendar_incoming_save(app, state, settings: ReceivingSettings) -> CalendarPage {
        state
            .run(move |ctx| {
                let on = ctx.today();
                svc::calendar::save_incoming(ctx, &settings, on)
            })
            .await
    }

    /// 对账 › 新生转入: 智慧团建's list of transfers in against the new students.
    fn reconcile_incoming_read(app, state, file: String, year: i32) -> ReconcileView {
        state
            .run(move |ctx| {
                let on = ctx.today();
                rec::reconcile_incoming(ctx, &file, year, on)
            })
            .await
    }

    /// 对账 › 新生转入 › 采纳 (`students` empty: all that can be).
    fn reconcile_incoming_accept(
        app,
        state,
        file: String,
        year: i32,
        students: Vec<i64>,
    ) -> AcceptView {
        state
            .run(move |ctx| {
                let on = ctx.today();
                rec::accept_incoming(ctx, &file, year, on, &students)
            })
            .await
    }
}

/// Forwards core progress reports to the window as `progress` events.
fn progress<R: Runtime>(app: tauri::AppHandle<R>) -> impl Fn(Progress) + Send + 'static {
    move |p| {
        // A window that is gone cannot show progress; the work itself goes on.
        let _ = tauri::Emitter::emit(&app, crate::progress::EVENT, p);
    }
}

/// Records a path the app just wrote so that 打开/打开所在文件夹 may open it.
fn produced(state: &AppState, written: Result<String>) -> Result<String> {
    if let Ok(p) = &written {
        state.produced(Path::new(p));
    }
    written
}

/// The window may only open what the app itself wrote (no general file-system scope).
fn checked(state: &AppState, path: &Path) -> Result<()> {
    if state.may_open(path) {
        Ok(())
    } else {
        Err(Error::refused(format!(
            "只能打开本程序生成的文件：{}",
            path.display()
        )))
    }
}
