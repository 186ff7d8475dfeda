// Generated from src-tauri/src/api by `scripts/app-bindings.sh`; do not edit by hand.

export type ApiErrorCode = "invalid_input" | "not_found" | "conflict" | "refused" | "database_too_new" | "busy" | "storage" | "internal";

export type ApiError = { code: ApiErrorCode, message: string, };

export type Choice = { code: string, label: string, };

export type RuleRef = { id: string, title: string, source: string, };

export type Progress = { 
/**
 * The id the window gave the task, so it knows which bar to move.
 */
task: string, done: number, total: number, 
/**
 * What is happening now, in Chinese (e.g. "正在校验第 120 行").
 */
message: string, };

export type AppInfo = { version: string, data_dir: string, db_path: string, 
/**
 * No settings saved yet: the window offers the demo college or an empty start.
 */
first_run: boolean, };

export type StartMode = "demo" | "empty";

export type Settings = { 
/**
 * 学校（学院）名称.
 */
college: string, 
/**
 * 开具介绍信的团委全称 (as in 智慧团建).
 */
committee_full_name: string, 
/**
 * 经办人.
 */
handler: string, 
/**
 * 联系电话（办公）.
 */
office_phone: string, 
/**
 * 经办人手机.
 */
mobile: string, 
/**
 * 通讯地址.
 */
address: string, 
/**
 * 邮政编码.
 */
postcode: string, 
/**
 * 操作人姓名 (written to the audit log with every change).
 */
operator: string, };

export type FactsInput = { 
/**
 * The date the question is asked.
 */
on: string, 
/**
 * Either the ID number or the birth date is required.
 */
id_number: string | null, birth_date: string | null, joined: string | null, politics: string, league_post: boolean, school: string, marking: string | null, identity_verified: boolean, active_transfer: boolean, status: string, destination: DestinationInput, };

export type DestinationInput = { kind: string, employer_has_org: boolean, labor_dispatch: boolean, system: string | null, province: string | null, central_unit_in_beijing: boolean, retain_in_school: boolean, note: string | null, chosen_reason: string | null, unit_name: string | null, address: string | null, target_org: string | null, };

export type NoticeView = { rule: RuleRef, text: string, };

export type FieldView = { name: string, present: boolean | null, };

export type PaperView = { doc: RuleRef, title: string, why: string, };

export type RecommendationView = { reason: Choice | null, intended_reason: Choice | null, blocked: boolean, 
/**
 * `SX` (升学衔接率) or `XS` (学社衔接率).
 */
metric: Choice | null, destination: string, where_to_find: string, jing_yue_min: string | null, approver: string, fields: Array<FieldView>, paperwork: Array<PaperView>, rules: Array<RuleRef>, blocks: Array<NoticeView>, warnings: Array<NoticeView>, tips: Array<NoticeView>, age: number, };

export type FormOptions = { politics: Array<Choice>, school: Array<Choice>, marking: Array<Choice>, status: Array<Choice>, destination_kind: Array<Choice>, system: Array<Choice>, note: Array<Choice>, reason: Array<Choice>, };

export type GraduateRow = { id: number, name: string, 
/**
 * Masked: first 6 and last 4 characters (M1).
 */
id_number: string, student_no: string | null, 
/**
 * Index into `branches`.
 */
branch: number, 
/**
 * 2026年7月, or null when neither the branch nor a marking fixes it.
 */
graduates: string | null, 
/**
 * The destination kind's label, null while none is recorded.
 */
destination: string | null, 
/**
 * 延迟毕业团员 / 教师, null when unmarked.
 */
marking: string | null, 
/**
 * The engine's 转接原因 code (R1–R8); labels are in `reasons`. Null when none applies or
 * no destination is recorded.
 */
reason: string | null, blocked: boolean, 
/**
 * The latest transfer's state label as of the date (未发起 while none is recorded), so
 * that the list can be filtered by every state.
 */
transfer_state: string | null, 
/**
 * Review by exception: blocked / missing / warnings / ready (labels in `groups`).
 */
group: string, 
/**
 * The secretary accepted this recommendation, and it still says the same.
 */
reviewed: boolean, 
/**
 * The papers the recommendation asks for (L1 letter, L2 notice, L3 request, F1/F2 tables),
 * for choosing whom to print for.
 */
paperwork: Array<string>, 
/**
 * The rules the recommendation warns by, as `W5 工作日历`: graduates with the same
 * warnings are reviewed together once one of them is read.
 */
warnings: Array<string>, };

export type GraduateList = { year: number, on: string, 
/**
 * The data's stamp when computed (see [`data_stamp`]): the window keeps the list while
 * the stamp is unchanged.
 */
stamp: number, 
/**
 * Branch full names, by name; rows point into this.
 */
branches: Array<string>, 
/**
 * 转接原因 code → label (R1 → 升学), for the reasons rows cite.
 */
reasons: Array<Choice>, 
/**
 * The review groups, most urgent first (code → label).
 */
groups: Array<Choice>, rows: Array<GraduateRow>, };

export type ReviewOutcome = { accepted: number, 
/**
 * 姓名：why (blocked, no destination).
 */
refused: Array<string>, };

export type OrgNode = { id: number, full_name: string, 
/**
 * 团委 / 团工委 / 团总支 / 团支部.
 */
level: string, 
/**
 * 普通 / 流动团员团支部 / …
 */
kind: string, 
/**
 * 2026年7月, 教师支部, 混合支部; null when not marked.
 */
graduation: string | null, 
/**
 * Only branches are marked (G1): the tree shows their checkboxes.
 */
is_branch: boolean, children: Array<OrgNode>, };

export type Done = { 
/**
 * How many rows changed (unchanged ones are not counted).
 */
changed: number, message: string, };

export type DeferInput = { member_ids: number[], 
/**
 * `YYYY-MM`.
 */
date: string, reason: string, };

export type DeleteInput = { member_id: number, 
/**
 * A code of [`DeletionReason`].
 */
reason: string, note: string | null, };

export type GraduateDetail = { id: number, year: number, name: string, id_number: string, student_no: string | null, branch: string, 
/**
 * The branch's marking: 2026年7月 / 教师支部 / 混合支部.
 */
branch_graduation: string | null, 
/**
 * 延迟毕业团员（2027年7月，原因） / 教师; null when unmarked.
 */
marking: string | null, 
/**
 * Whether a destination is saved for this cohort year.
 */
has_destination: boolean, facts: FactsInput, 
/**
 * The recommendation for the saved facts; null while no destination is saved.
 */
recommendation: RecommendationView | null, };

export type MemberFactsInput = { 
/**
 * 入团时间, YYYY-MM; null when unknown.
 */
joined: string | null, 
/**
 * 政治面貌 code (league / probationary_party / party / masses).
 */
politics: string, 
/**
 * 在团内任职.
 */
league_post: boolean, 
/**
 * 已完成团员身份认证 (M7).
 */
identity_verified: boolean, };

export type MarkBranchesInput = { branch_ids: number[], date: string | null, no_date: string | null, };

export type ChangeRequestInput = { branch_id: number, 
/**
 * `YYYY-MM`.
 */
to: string, reason: string, };

export type ChangeView = { id: number, branch: string, old: string, new: string, reason: string, submitted_at: string, submitted_by: string, 
/**
 * `pending` / `approved` / `rejected`.
 */
status: string, status_label: string, decision_note: string | null, };

export type ImportColumn = { 
/**
 * `C`, as Excel shows it.
 */
letter: string, header: string, 
/**
 * A [`Field`] code.
 */
field: string | null, };

export type ImportInspect = { file: string, sheets: Array<string>, 
/**
 * The sheet read (the first with a roster header unless one was asked for).
 */
sheet: string, header_row: number, columns: Array<ImportColumn>, 
/**
 * Every field a column can feed.
 */
fields: Array<Choice>, 
/**
 * Top-level and other non-branch orgs: where missing branches may be created.
 */
parents: Array<string>, 
/**
 * Where new branches go unless the secretary chooses otherwise: the office's own
 * committee (a college's 团委/团总支, not the school's).
 */
default_parent: string | null, };

export type ColumnChoice = { header: string, field: string, };

export type ImportRequest = { file: string, sheet: string | null, maps: Array<ColumnChoice>, 
/**
 * Write nothing when any row has an error.
 */
all_or_nothing: boolean, 
/**
 * Full name of the org under which missing branches are created (null: refuse their rows).
 */
create_branches_under: string | null, };

export type ImportIssue = { sheet: string, row: number, column: string, value: string, message: string, 
/**
 * The row's 姓名 (empty when it has none).
 */
name: string, };

export type ImportResult = { file: string, sheet: string, header_row: number, rows: number, inserted: number, updated: number, unchanged: number, errors: Array<ImportIssue>, warnings: Array<ImportIssue>, missing_branches: Array<string>, created_branches: Array<string>, dry_run: boolean, committed: boolean, };

export type DocumentOptions = { forms: Array<Choice>, archives: Array<Choice>, 
/**
 * 转接原因 as L1 words them.
 */
reasons: Array<string>, 
/**
 * The committee letters are issued by (settings or the cohort's top committee).
 */
issuer: string | null, };

export type TableRequest = { 
/**
 * `f1` … `f6`.
 */
form: string, year: number | null, college: string | null, branch: string | null, out: string, };

export type LetterRequest = { member_ids: number[], 
/**
 * 转入团委全称.
 */
receiver: string, reason: string, 
/**
 * An [`ArchiveDisposition`] code.
 */
archive: string, archive_other: string | null, out: string, 
/**
 * The secretary confirmed letters for graduates who already hold one (not voided).
 */
again: boolean, };

export type NoticeRequest = { 
/**
 * `l2` or `l3`.
 */
kind: string, member_ids: number[], year: number, out: string, };

export type LetterView = { number: string, issuer: string, issuer_phone: string, issuer_address: string, issuer_postcode: string, handler: string, handler_mobile: string, receiver: string, name: string, sex: string, age: number, ethnicity: string, id_number: string, development_no: string, reason: string, dues_paid_to: string, member_phone: string, archive: string, issued: string, };

export type IssuedLetters = { path: string, letters: Array<LetterView>, };

export type RegisterRow = { id: number, number: string, name: string, issuer: string, receiver: string, issued_on: string, valid_until: string, receipt_due: string, receipt_returned_on: string | null, 
/**
 * 已作废 / 回执已返回 / 回执逾期 / 待回执.
 */
status: string, letter: LetterView, };

export type BackupItem = { 
/**
 * What `restore` takes.
 */
id: string, 
/**
 * `YYYY-MM-DD HH:MM:SS`, local time.
 */
at: string, 
/**
 * 手动备份 / 导入名单前 / 批量操作前 / 数据库升级前 / 每日自动备份 / 恢复前的当前数据.
 */
reason: string, 
/**
 * e.g. `2.4 MB`.
 */
size: string, };

export type BackupList = { items: Array<BackupItem>, keep: number, folder: string, };

export type RestoreDone = { 
/**
 * 已恢复：… (members, audit entries, the snapshot of the state before).
 */
message: string, };

export type CollectFile = { branch: string, path: string, graduates: number, };

export type CollectBranch = { branch: string, graduates: number, with_destination: number, 
/**
 * The returned workbook's file name; null while missing.
 */
returned_file: string | null, 
/**
 * When it was read back (RFC 3339).
 */
returned_at: string | null, };

export type CollectIssueView = { file: string, row: number, column: string, name: string, value: string, message: string, };

export type CollectImportOptions = { 
/**
 * Only check.
 */
dry_run: boolean, 
/**
 * Write the good rows although others have errors or conflicts (confirmed by the user).
 */
partial: boolean, 
/**
 * Write over what the office changed after the export (confirmed by the user).
 */
overwrite: boolean, };

export type CollectResult = { year: number | null, files: number, rows: number, updated: number, unchanged: number, 
/**
 * Graduates left blank (no 毕业去向 chosen).
 */
blank: Array<string>, errors: Array<CollectIssueView>, conflicts: Array<CollectIssueView>, applied: boolean, };

export type PeriodView = { label: string, from: string, 
/**
 * null: open-ended (收尾期).
 */
to: string | null, 
/**
 * The date asked falls in it.
 */
current: boolean, };

export type MilestoneView = { on: string, label: string, rule: string, past: boolean, days_left: number, };

export type CalendarView = { periods: Array<PeriodView>, milestones: Array<MilestoneView>, 
/**
 * The next milestone on or after the date; null once the campaign's last one passed.
 */
next: MilestoneView | null, };

export type DueView = { kind: Choice, member_id: number, name: string, branch: string, due_on: string, 
/**
 * Negative: overdue.
 */
days_left: number, text: string, rule: RuleRef, };

export type RateNumbers = { 
/**
 * sx (升学衔接率) or xs (学社衔接率).
 */
metric: string, label: string, numerator: number, denominator: number, 
/**
 * null when the denominator is 0.
 */
rate: number | null, 
/**
 * `12/20（60.0%）`.
 */
display: string, };

export type UnitRates = { 
/**
 * `school`, `college:ID` or `branch:ID` (what [`rate_detail`] takes).
 */
unit: string, name: string, sx: RateNumbers, xs: RateNumbers, };

export type TargetProgress = { by: string, days_left: number, 
/**
 * Non-study graduates counted (学社衔接率's own graduates, M3 marked ones outside).
 */
total: number, 
/**
 * Of them, with a request started by the date (or retained in school, R7a).
 */
started: number, 
/**
 * Of `started`, those retained in school (R7a): counted as started for 07-25, not done.
 */
retained: number, };

export type Dashboard = { year: number, on: string, calendar: CalendarView, due: Array<DueView>, school: UnitRates, colleges: Array<UnitRates>, branches: Array<UnitRates>, target: TargetProgress, };

export type RateLineView = { member_id: number, name: string, branch: string, standing: string, 
/**
 * 毕业生 (denominator) / 已完成 (numerator) / 申请转入 / 转入退回 / 转入完成.
 */
counted_as: string, in_numerator: boolean, };

export type RateDetail = { unit: string, numbers: RateNumbers, lines: Array<RateLineView>, 
/**
 * M3: deferred graduates and teachers of the unit, outside both rates.
 */
outside: number, };

export type StepView = { on: string, label: string, actor: string, };

export type TransferRow = { member_id: number, name: string, branch: string, 
/**
 * W3 state as of the date, W4's automatic moves included; `planned`/未发起 when none.
 */
state: Choice, has_transfer: boolean, 
/**
 * The transfer's reason, else the engine's recommendation (null when none applies).
 */
reason: Choice | null, destination: string | null, started_on: string | null, 
/**
 * The node waiting for approval (null when none, or waiting for an allocation).
 */
node: Choice | null, 
/**
 * Waiting for the receiving committee to allocate a branch (W2).
 */
awaiting_allocation: boolean, waiting_days: number | null, 
/**
 * The next W4 date: reminder, auto-pass or termination, whichever comes first from today.
 */
deadline: string | null, deadline_label: string | null, days_left: number | null, 
/**
 * `overdue` (red), `soon` (orange) or `none`.
 */
urgency: string, 
/**
 * R11: cannot be revoked.
 */
jing_yue_min: boolean, steps: Array<StepView>, };

export type TransferList = { year: number, on: string, rows: Array<TransferRow>, 
/**
 * The states with their labels, for the tabs.
 */
states: Array<Choice>, 
/**
 * The approval nodes, for 审批.
 */
nodes: Array<Choice>, reasons: Array<Choice>, initiators: Array<Choice>, };

export type StepInput = { "action": "start", initiator: string, reason: string | null, destination: string | null, into_committee: boolean, } | { "action": "approve", node: string, } | { "action": "allocate", branch: string, } | { "action": "return", reason: string, } | { "action": "revoke" } | { "action": "done" };

export type MemberErrorView = { member_id: number, name: string, message: string, };

export type StepOutcome = { done: number, errors: Array<MemberErrorView>, };

/** The closed error codes, for checking what was thrown. */
export const ERROR_CODES: readonly ApiErrorCode[] = ['invalid_input', 'not_found', 'conflict', 'refused', 'database_too_new', 'busy', 'storage', 'internal']
