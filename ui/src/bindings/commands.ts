// Generated from src-tauri/src/commands.rs by `scripts/app-bindings.sh`; do not edit by hand.
// Every command the window may call, typed; errors are thrown as ApiError {code, message}.
import { call } from '../api/call'
import type { AcceptCollegeKey, AcceptView, AppInfo, BackupExport, BackupExported, BackupFileInfo, BackupItem, BackupList, BranchStatus, CalendarPage, CampaignSettings, ChangeRequestInput, ChangeView, Choice, CollectOptions, CollectReport, CollegeKeyView, Dashboard, DecideChangeInput, DeferInput, DeleteInput, DestinationInput, DiagnosticsWritten, DocumentOptions, Done, Exported, F4Input, F5Input, FactsInput, FieldProblem, FormOptions, Found, FreshmanView, FreshmenDashboard, FreshmenImport, FreshmenImportRequest, FreshmenList, FreshmenStartOutcome, FreshmenStartRequest, FreshmenStepRequest, GraduateDetail, GraduateList, ImportInspect, ImportIssue, ImportRequest, ImportResult, IncomingTransfers, IssuedLetters, LedgerPage, LetterProblem, LetterRecord, LetterRegister, LetterRequest, LetterView, MarkBranchesInput, MemberErrorView, MemberFactsInput, MergeOutcome, MergeRequest, NewOrgInput, NoticeRequest, OrgNode, PackageKeys, PackageOutcome, PassphraseStrength, RateDetail, ReceiptDone, ReceiptRequest, ReceivingSettings, RecommendationView, ReconcileView, RegisterRow, RestoreDone, RestoredNameView, ReviewOutcome, SchoolKeyCreated, SchoolView, Settings, SettingsPage, StartMode, StepOutcome, StepRequest, TableDone, TableRequest, TransferList } from './index'

export const commands = {
  /** Where the data lives, the version, whether this is the first run. */
  appInfo: () => call<AppInfo>('app_info'),
  /** Leaves the first-run screen: the demo college or an empty office. */
  start: (mode: StartMode) => call<AppInfo>('start', { mode }),
  /** 设置: the office's details, 学校类型, numbering, backups kept and this computer's operator. */
  settingsLoad: () => call<SettingsPage>('settings_load'),
  /** Each field's problem (empty: it may be saved), for the form to show as one types. */
  settingsCheck: (settings: Settings) => call<Array<FieldProblem>>('settings_check', { settings }),
  settingsSave: (settings: Settings) => call<SettingsPage>('settings_save', { settings }),
  /** 设置 › 工作日历: the year's dates and day counts (W5a) and the calendar they make. */
  calendar: (year: number) => call<CalendarPage>('calendar', { year }),
  calendarSave: (settings: CampaignSettings) => call<CalendarPage>('calendar_save', { settings }),
  /** The choices of the recommendation form. */
  formOptions: () => call<FormOptions>('form_options'),
  /** The engine's answer for the facts in the form. */
  recommend: (input: FactsInput) => call<RecommendationView>('recommend', { input }),
  /** 毕业生: a cohort's graduates, compact rows. */
  graduates: (year: number) => call<GraduateList>('graduates', { year }),
  /** 核对无误: accept the recommendations of the graduates chosen. */
  reviewAccept: (year: number, ids: Array<number>) => call<ReviewOutcome>('review_accept', { year, ids }),
  /** Every 可以办理 graduate not yet reviewed, accepted in one action. */
  reviewAcceptReady: (year: number) => call<number>('review_accept_ready', { year }),
  /** 取消核对. */
  reviewWithdraw: (year: number, ids: Array<number>) => call<number>('review_withdraw', { year, ids }),
  /** 毕业生 › 导出 Excel (ID numbers masked unless `full_id_numbers`). */
  exportGraduates: (year: number, out: string, fullIdNumbers?: boolean | null) => call<string>('export_graduates', { year, out, fullIdNumbers }),
  /** The data's stamp: a change means the lists shown may be stale. */
  dataStamp: () => call<number>('data_stamp'),
  /** 组织: the org tree with graduation markings. */
  orgTree: () => call<Array<OrgNode>>('org_tree'),
  orgCreate: (input: NewOrgInput) => call<Done>('org_create', { input }),
  orgRename: (id: number, to: string) => call<Done>('org_rename', { id, to }),
  /** Moves an org under another parent (null: to the top). */
  orgMove: (id: number, parent?: number | null) => call<Done>('org_move', { id, parent }),
  orgDelete: (id: number) => call<Done>('org_delete', { id }),
  /** Org names the upgrade restored to full-width punctuation, to check against 智慧团建. */
  orgRestoredNames: () => call<Array<RestoredNameView>>('org_restored_names'),
  markBranches: (input: MarkBranchesInput) => call<Done>('mark_branches', { input }),
  graduationChanges: () => call<Array<ChangeView>>('graduation_changes'),
  requestGraduationChange: (input: ChangeRequestInput) => call<Done>('request_graduation_change', { input }),
  decideGraduationChange: (input: DecideChangeInput) => call<Done>('decide_graduation_change', { input }),
  markDeferred: (input: DeferInput) => call<Done>('mark_deferred', { input }),
  markTeacher: (ids: Array<number>) => call<Done>('mark_teacher', { ids }),
  revokeMarking: (ids: Array<number>) => call<Done>('revoke_marking', { ids }),
  deletionReasons: () => call<Array<Choice>>('deletion_reasons'),
  deleteMember: (input: DeleteInput) => call<Done>('delete_member', { input }),
  /** A graduate's page. */
  graduateDetail: (id: number, year: number) => call<GraduateDetail>('graduate_detail', { id, year }),
  saveDestination: (id: number, year: number, destination: DestinationInput) => call<GraduateDetail>('save_destination', { id, year, destination }),
  /** The member facts a block or warning depends on (团员身份认证, 入团时间, 政治面貌, 任职). */
  saveMemberFacts: (id: number, year: number, facts: MemberFactsInput) => call<GraduateDetail>('save_member_facts', { id, year, facts }),
  /** 工作台. */
  dashboard: (year: number) => call<Dashboard>('dashboard', { year }),
  /** The graduates behind a rate (drill-down). */
  rateDetail: (year: number, unit: string, metric: string) => call<RateDetail>('rate_detail', { year, unit, metric }),
  /** 工作台 › 待办清单 › 导出 Excel. */
  exportDue: (year: number, out: string) => call<string>('export_due', { year, out }),
  /** The graduates behind a unit's rates, as Excel. */
  exportRates: (year: number, unit: string, out: string) => call<string>('export_rates', { year, unit, out }),
  /** 转接: the cohort's transfers. */
  transfers: (year: number) => call<TransferList>('transfers', { year }),
  /** A step for one or many graduates (all or nothing). */
  transferStep: (request: StepRequest) => call<StepOutcome>('transfer_step', { request }),
  /** A refused batch's whole list as Excel. */
  exportRefusals: (out: string, errors: Array<MemberErrorView>) => call<string>('export_refusals', { out, errors }),
  /** Opens a file the app produced with the system's default program (e.g. a PDF viewer). */
  openResult: (path: string) => call<null>('open_result', { path }),
  /** Shows a file the app produced in its folder. */
  revealResult: (path: string) => call<null>('reveal_result', { path }),
  /** 导入: the file's sheets and header mapping. */
  importInspect: (file: string, sheet?: string | null) => call<ImportInspect>('import_inspect', { file, sheet }),
  importDryRun: (request: ImportRequest) => call<ImportResult>('import_dry_run', { request }),
  /** Writes the roster, reporting `progress` events under `task` (cancel_task stops it). */
  importCommit: (request: ImportRequest, task: string) => call<ImportResult>('import_commit', { request, task }),
  /** 取消: stops the long work `task` where nothing is half-written (it then fails with */
  /** `cancelled`); `false` when it is not running. */
  cancelTask: (task: string) => call<boolean>('cancel_task', { task }),
  /** 学院数据 (the school): its packages, rates by college and their sums, duplicates. */
  schoolView: (year: number) => call<SchoolView>('school_view', { year }),
  /** The colleges whose packages this store holds (empty: an office reading its own data): */
  /** the pages of one office's rows say where the school's are. */
  schoolColleges: () => call<Array<string>>('school_colleges'),
  /** 学院数据 › 各学院衔接率 › 导出 Excel. */
  schoolExportRates: (year: number, out: string) => call<string>('school_export_rates', { year, out }),
  /** 学院数据 › 全校查询: graduates matching `query` in every college's package. */
  schoolFind: (year: number, query: string) => call<Array<Found>>('school_find', { year, query }),
  /** 学院数据: imports colleges' packages, each in turn. */
  packageImport: (files: Array<string>, year: number) => call<Array<PackageOutcome>>('package_import', { files, year }),
  /** 学院数据 (a college): its package for the school, encrypted to `to` (null: the school */
  /** key used last time) and signed, written to `out` (0600). */
  packageExport: (year: number, out: string, to?: string | null) => call<string>('package_export', { year, out, to }),
  /** 学院数据: the school's key, this college's signing key, the school key exported to, and */
  /** the colleges' registered keys (fingerprints and public texts only). */
  packageKeys: () => call<PackageKeys>('package_keys'),
  /** 创建本校密钥 (`replace`: a new one instead of this PC's; audited). */
  schoolKeyCreate: (replace: boolean) => call<SchoolKeyCreated>('school_key_create', { replace }),
  /** The school's public key as a QR picture (`.png`, else SVG) at `out`. */
  schoolKeyQr: (out: string) => call<string>('school_key_qr', { out }),
  /** 接受新密钥: a college's new signing key, after its fingerprint was read by phone. */
  collegeKeyAccept: (request: AcceptCollegeKey) => call<CollegeKeyView>('college_key_accept', { request }),
  /** 对账: 智慧团建's transfer export against the records here. */
  reconcileRead: (file: string, year: number) => call<ReconcileView>('reconcile_read', { file, year }),
  /** 对账 › 采纳: the differences of `members` (empty: all that can be), read again. */
  reconcileAccept: (file: string, year: number, members: Array<number>) => call<AcceptView>('reconcile_accept', { file, year, members }),
  /** 毕业去向收集: one fill-in workbook per graduating branch, written into `dir`. */
  collectExport: (year: number, dir: string) => call<Array<Exported>>('collect_export', { year, dir }),
  /** Which branches have handed their workbook back. */
  collectStatus: (year: number) => call<Array<BranchStatus>>('collect_status', { year }),
  /** Reads filled workbooks back (all or nothing unless `options.partial`). */
  collectImport: (files: Array<string>, options: CollectOptions) => call<CollectReport>('collect_import', { files, options }),
  importCreateParent: (name: string) => call<string>('import_create_parent', { name }),
  importSaveErrors: (out: string, issues: Array<ImportIssue>) => call<string>('import_save_errors', { out, issues }),
  /** 文书: the forms, archive choices and the issuing committee. */
  documentOptions: () => call<DocumentOptions>('document_options'),
  /** A summary table, reporting `progress` events under `task`. */
  exportTable: (request: TableRequest, task: string) => call<TableDone>('export_table', { request, task }),
  /** 文书 › 合并各学院的汇总表. */
  mergeTables: (request: MergeRequest) => call<MergeOutcome>('merge_tables', { request }),
  /** Letters (L1), reporting `progress` events under `task`. */
  issueLetters: (request: LetterRequest, task: string) => call<IssuedLetters>('issue_letters', { request, task }),
  /** Every letter of a request that cannot be issued, with its reasons (a refused batch's list). */
  letterProblems: (request: LetterRequest) => call<Array<LetterProblem>>('letter_problems', { request }),
  notices: (request: NoticeRequest) => call<string>('notices', { request }),
  /** The letter register. */
  letterRegister: (overdueOnly: boolean) => call<Array<RegisterRow>>('letter_register', { overdueOnly }),
  /** 登记簿: void a letter (its number is never reused). */
  letterVoid: (id: number, reason: string) => call<null>('letter_void', { id, reason }),
  /** 登记簿: the receipt came back today. */
  letterReceipt: (id: number) => call<null>('letter_receipt', { id }),
  /** 登记簿: reprint letters exactly as issued. */
  letterReprint: (ids: Array<number>, out: string) => call<string>('letter_reprint', { ids, out }),
  /** 文书 › 特殊情况与发展编号: the F4/F5 ledgers. */
  ledgers: (year?: number | null) => call<LedgerPage>('ledgers', { year }),
  ledgerRecordF4: (input: F4Input) => call<Done>('ledger_record_f4', { input }),
  ledgerRecordF5: (input: F5Input) => call<Done>('ledger_record_f5', { input }),
  /** 设置 › 数据备份. */
  backupList: () => call<BackupList>('backup_list'),
  backupCreate: () => call<BackupItem>('backup_create'),
  backupRestore: (id: string) => call<RestoreDone>('backup_restore', { id }),
  /** 导出全部数据: under a passphrase (the database and this PC's keys), or a clear copy */
  /** when `unprotected` is chosen. */
  backupExport: (request: BackupExport) => call<BackupExported>('backup_export', { request }),
  /** Whether a backup file is protected by a passphrase (then the dialog asks for it). */
  backupFileInfo: (path: string) => call<BackupFileInfo>('backup_file_info', { path }),
  backupImport: (path: string, passphrase?: string | null) => call<RestoreDone>('backup_import', { path, passphrase }),
  /** How strong a passphrase is (the export dialog's hint as one types). */
  passphraseStrength: (passphrase: string) => call<PassphraseStrength>('passphrase_strength', { passphrase }),
  /** 设置 › 导出诊断信息: the log, versions and the store's checks (no personal data). */
  diagnosticsExport: (out: string) => call<DiagnosticsWritten>('diagnostics_export', { out }),
  /** 新生 (rules.md §9): a year's new students with the engine's advice. */
  freshmenList: (year: number) => call<FreshmenList>('freshmen_list', { year }),
  /** 新生 › one student's advice (the drawer). */
  freshmenStudent: (year: number, id: number) => call<FreshmanView>('freshmen_student', { year, id }),
  /** 新生 › 导入: the freshmen list checked (dry run) or written — any error refuses it whole */
  /** —, reporting `progress` events under `task` (read, check, write; cancel_task stops it */
  /** before the write). */
  freshmenImport: (request: FreshmenImportRequest, task: string) => call<FreshmenImport>('freshmen_import', { request, task }),
  /** 新生 › 发起转入: a class's ready students, or the students named (all or nothing). */
  freshmenStart: (request: FreshmenStartRequest) => call<FreshmenStartOutcome>('freshmen_start', { request }),
  /** 新生 › a step of the transfers in (approve, return, revoke, done). */
  freshmenStep: (request: FreshmenStepRequest) => call<StepOutcome>('freshmen_step', { request }),
  /** 新生 › 转入: the transfers in with their W4 deadlines. */
  freshmenTransfers: (year: number) => call<IncomingTransfers>('freshmen_transfers', { year }),
  /** 工作台 › 新生: the month and 10-15 targets, the receiving side's rate, 回执 due. */
  freshmenDashboard: (year: number) => call<FreshmenDashboard>('freshmen_dashboard', { year }),
  /** 新生 › 介绍信: the register of letters received and their 回执. */
  freshmenLetters: (year: number) => call<LetterRegister>('freshmen_letters', { year }),
  /** 新生 › 介绍信 › 登记. */
  freshmenLetterRecord: (record: LetterRecord) => call<LetterView>('freshmen_letter_record', { record }),
  /** 新生 › 介绍信 › 回执: printed as PDF (the file is the app's to open) and/or marked sent. */
  freshmenReceipt: (request: ReceiptRequest) => call<ReceiptDone>('freshmen_receipt', { request }),
  /** 新生 › 导出 Excel: the students with their advice. */
  freshmenExport: (year: number, out: string) => call<string>('freshmen_export', { year, out }),
  /** 工作台 › 转入一侧 › 导出 Excel. */
  exportIncoming: (year: number, unit: string, out: string) => call<string>('export_incoming', { year, unit, out }),
  /** 设置 › 工作日历 › 新生转入: the enrolment date and the month (N1). */
  calendarIncomingSave: (settings: ReceivingSettings) => call<CalendarPage>('calendar_incoming_save', { settings }),
  /** 对账 › 新生转入: 智慧团建's list of transfers in against the new students. */
  reconcileIncomingRead: (file: string, year: number) => call<ReconcileView>('reconcile_incoming_read', { file, year }),
  /** 对账 › 新生转入 › 采纳 (`students` empty: all that can be). */
  reconcileIncomingAccept: (file: string, year: number, students: Array<number>) => call<AcceptView>('reconcile_incoming_accept', { file, year, students }),
}
