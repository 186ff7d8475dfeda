// Generated from the Rust types by `scripts/app-bindings.sh` (src-tauri/src/bindings.rs); do not edit by hand.

export type AcceptCollegeKey = { 
/**
 * The college committee's full name, as its packages give it.
 */
college: string, 
/**
 * The new key's fingerprint, as read with the college by phone.
 */
fingerprint: string, };

export type AcceptView = { recorded: number, refused: Array<string>, };

export type ActionCount = { action: Choice, count: number, 
/**
 * Of them, blocked (someone else must act first).
 */
blocked: number, };

export type ApiError = { code: ApiErrorCode, message: string, };

export type ApiErrorCode = "invalid_input" | "not_found" | "conflict" | "refused" | "database_too_new" | "busy" | "storage" | "internal" | "cancelled";

export type AppInfo = { version: string, data_dir: string, db_path: string, 
/**
 * No settings saved yet: the window offers the demo college or an empty start.
 */
first_run: boolean, };

export type BackupExport = { path: string, 
/**
 * The passphrase that protects the file (the database and this PC's keys inside).
 */
passphrase: string | null, 
/**
 * A clear copy of the database (no keys), chosen explicitly: it holds ID numbers in clear.
 */
unprotected: boolean, };

export type BackupExported = { 
/**
 * 已导出到 … (members, audit entries, what is inside).
 */
message: string, protected: boolean, 
/**
 * What the secretary must take in: the clear copy's ID numbers, or the passphrase that
 * cannot be recovered.
 */
warning: string, };

export type BackupFileInfo = { 
/**
 * Protected by a passphrase: ask for it.
 */
protected: boolean, };

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

export type BranchStatus = { branch_id: number, branch: string, graduates: number, with_destination: number, 
/**
 * The returned workbook's file name; null while missing.
 */
returned_file: string | null, 
/**
 * When it was read back (RFC 3339).
 */
returned_at: string | null, };

export type CalendarPage = { settings: CampaignSettings, 
/**
 * The seeds' values, for 恢复默认.
 */
defaults: CampaignSettings, fields: Array<SettingField>, calendar: CalendarView, 
/**
 * The receiving side's settings of the year (N1).
 */
incoming: IncomingCalendar, };

export type CalendarView = { periods: Array<PeriodView>, milestones: Array<MilestoneView>, 
/**
 * The next milestone on or after the date; null once the campaign's last one passed.
 */
next: MilestoneView | null, };

export type CampaignSettings = { year: number, 
/**
 * W4: a node unapproved for more than this many days gets a reminder (10).
 */
reminder_days: number, 
/**
 * W4: after this many days the node counts as approved (15); allocation never auto-passes.
 */
auto_pass_days: number, 
/**
 * W4: after `closing_after`, a node unapproved for more than this many days ends the
 * request (10).
 */
terminate_days: number, 
/**
 * W5: the last day of the review period; the closing period starts the day after (09-30).
 */
closing_after: string, 
/**
 * W5: application period (05-01…08-31).
 */
application_from: string, application_to: string, 
/**
 * W5: non-study transfers start (06-01).
 */
non_study_from: string, 
/**
 * W5: every non-study, non-army graduate has a started request by this day (07-25).
 */
request_by: string, 
/**
 * W5: review period starts (09-01); study transfers start too.
 */
review_from: string, 
/**
 * W5: local orgs should have received (09-20).
 */
receive_by: string, 
/**
 * W5: study transfers basically done (10-15).
 */
study_done_by: string, 
/**
 * W7: retention normally ends within this many months (6) …
 */
retention_months: number, 
/**
 * … and never lasts past this many (12).
 */
retention_max_months: number, 
/**
 * W7: a flowing member contacts the org at least every this many months (6).
 */
contact_months: number, 
/**
 * W7: lost contact for this many months → 停止团籍 (12).
 */
lost_contact_months: number, 
/**
 * How many days ahead the due list warns of a coming date (30).
 */
warn_ahead_days: number, };

export type ChangeRequestInput = { branch_id: number, 
/**
 * `YYYY-MM`.
 */
to: string, reason: string, 
/**
 * As in [`MarkBranchesInput::actor`].
 */
actor: string | null, };

export type ChangeView = { id: number, branch: string, old: string, new: string, reason: string, submitted_at: string, submitted_by: string, 
/**
 * `pending` / `approved` / `rejected`.
 */
status: string, status_label: string, decision_note: string | null, };

export type Choice = { code: string, label: string, };

export type CollectIssue = { file: string, 
/**
 * Excel's row number (0 for the file as a whole).
 */
row: number, 
/**
 * `F（毕业去向（必填））`, or "" for the file or row as a whole.
 */
column: string, name: string, value: string, message: string, };

export type CollectOptions = { 
/**
 * Write the good rows even when others have errors or conflicts.
 */
partial: boolean, 
/**
 * Write over destinations the office changed after the export.
 */
overwrite: boolean, 
/**
 * Report only.
 */
dry_run: boolean, };

export type CollectReport = { year: number | null, files: Array<string>, 
/**
 * Graduates' rows read (filled in or not).
 */
rows: number, 
/**
 * Destinations (or phone numbers) to be written / written.
 */
updated: number, unchanged: number, 
/**
 * Rows left blank (no 毕业去向 chosen): not errors, listed as still missing.
 */
blank: Array<string>, errors: Array<CollectIssue>, 
/**
 * Two files disagree on a graduate, or the office changed the graduate after the export.
 */
conflicts: Array<CollectIssue>, applied: boolean, };

export type CollegeKeyView = { college: string, fingerprint: string, 
/**
 * 首次导入时登记 / 已接受（尚未收到该密钥签名的数据包） / 已接受.
 */
status: string, 
/**
 * When a package signed by it was first imported (the office's local time), or empty.
 */
first_seen: string, 
/**
 * Who accepted it, or empty (registered on first use).
 */
accepted_by: string, };

export type CollegeRates = { college: string, sx: RateNumbers, xs: RateNumbers, 
/**
 * N10: the receiving side.
 */
incoming: RateNumbers, };

export type ColumnChoice = { header: string, field: string, };

export type Dashboard = { year: number, on: string, calendar: CalendarView, 
/**
 * The most urgent of the due list (at most [`DUE_SHOWN`]): a page of thousands of rows
 * took seconds to draw; the whole list is exported (导出 Excel) or worked on 转接.
 */
due: Array<DueView>, 
/**
 * How many items the whole due list has.
 */
due_total: number, 
/**
 * The school's view over its colleges' packages (issue 16): read only — the rows belong
 * to the colleges' data: numbers drill down (units are `package:学院|…` codes), but no
 * graduate's page opens from here and nothing is recorded.
 */
merged: boolean, school: UnitRates, colleges: Array<UnitRates>, branches: Array<UnitRates>, target: TargetProgress, };

export type DeadlineView = { enrolled: string | null, start_by: string | null, done_by: string, };

export type DecideChangeInput = { id: number, approve: boolean, note: string | null, 
/**
 * As in [`MarkBranchesInput::actor`].
 */
actor: string | null, };

export type DeferInput = { member_ids: Array<number>, 
/**
 * `YYYY-MM`.
 */
date: string, reason: string, };

export type DeleteInput = { member_id: number, 
/**
 * A code of [`DeletionReason`].
 */
reason: string, note: string | null, };

export type DestinationInput = { kind: string, employer_has_org: boolean, labor_dispatch: boolean, system: string | null, province: string | null, central_unit_in_beijing: boolean, retain_in_school: boolean, note: string | null, chosen_reason: string | null, unit_name: string | null, address: string | null, target_org: string | null, 
/**
 * 升学层次 (R1; the app's form leaves it null and what an import recorded is kept).
 */
study_level: string | null, 
/**
 * 城市 (the same).
 */
city: string | null, };

export type DiagnosticsWritten = { path: string, bytes: number, 
/**
 * The store's health, as written in the file.
 */
store: StoreCheck, };

export type DifferenceView = { 
/**
 * only_there / only_here / state_differs / destination_differs; a member list's
 * still_listed / not_listed / branch_differs.
 */
kind: string, kind_label: string, member_id: number, name: string, here: string, there: string, row: number | null, 
/**
 * What accepting records; null: to be settled in 智慧团建 by hand.
 */
accept: string | null, };

export type DocumentOptions = { forms: Array<Choice>, archives: Array<Choice>, 
/**
 * 转接原因 as L1 words them.
 */
reasons: Array<string>, 
/**
 * The committee letters are issued by (settings or the cohort's top committee).
 */
issuer: string | null, };

export type DocumentView = { title: string, from: string, rule: string, };

export type Done = { 
/**
 * How many rows changed (unchanged ones are not counted).
 */
changed: number, message: string, };

export type DueView = { kind: Choice, member_id: number, name: string, branch: string, due_on: string, 
/**
 * Negative: overdue.
 */
days_left: number, text: string, rule: RuleRef, 
/**
 * `overdue`, `soon` or `none` (the same rule as the 转接 rows').
 */
urgency: string, };

export type Duplicate = { 
/**
 * Masked (M1).
 */
id_number: string, places: Array<Place>, };

export type Exported = { branch: string, path: string, graduates: number, };

export type F4Input = { member_id: number, 
/**
 * A [`SpecialKind`] code: returned / refused / stuck.
 */
kind: string, cohort_year: number | null, 
/**
 * 转接类型 (the 转接原因 chosen, e.g. 未就业).
 */
transfer_type: string, province: string, city: string, target_org: string, 
/**
 * 是否发起.
 */
initiated: boolean, refusal_reason: string, remark: string, };

export type F4Row = { name: string, student_no: string, college: string, original_org: string, 
/**
 * 转接类型 (the 转接原因 chosen, e.g. 未就业).
 */
transfer_type: string, province: string, city: string, target_org: string, 
/**
 * 是否发起: whether the request was started in 智慧团建.
 */
initiated: boolean, refusal_reason: string, remark: string, };

export type F5Input = { member_id: number, cohort_year: number | null, 
/**
 * 省份 of the branch.
 */
province: string, 
/**
 * The 12-digit number 智慧团建 says is taken.
 */
development_no: string, 
/**
 * 被谁占用.
 */
occupied_by: string, };

export type F5Row = { province: string, branch: string, name: string, id_number: string, development_no: string, 
/**
 * 被谁占用.
 */
occupied_by: string, };

export type FactsInput = { 
/**
 * The date the question is asked.
 */
on: string, 
/**
 * Either the ID number or the birth date is required.
 */
id_number: string | null, birth_date: string | null, joined: string | null, politics: string, league_post: boolean, school: string, marking: string | null, identity_verified: boolean, active_transfer: boolean, status: string, destination: DestinationInput, };

export type FieldProblem = { 
/**
 * The field's name in [`Settings`] (`postcode`, `operator`…).
 */
field: string, message: string, };

export type FieldView = { name: string, present: boolean | null, };

export type FormOptions = { politics: Array<Choice>, school: Array<Choice>, marking: Array<Choice>, status: Array<Choice>, destination_kind: Array<Choice>, system: Array<Choice>, note: Array<Choice>, reason: Array<Choice>, };

export type Found = { college: string, branch: string, name: string, 
/**
 * Masked (M1).
 */
id_number: string, 
/**
 * The destination kind, or empty while none is recorded.
 */
destination: string, 
/**
 * Where the transfer stands on the date (未发起 while none is recorded).
 */
state: string, };

export type FreshmanView = { id: number, name: string, 
/**
 * Masked (region and last four, SECURITY.md).
 */
id_number: string, student_no: string | null, college: string | null, major: string | null, class: string | null, 
/**
 * The class branch's full name.
 */
branch: string | null, 
/**
 * Whether that branch exists in the org tree (N1: built after enrolment).
 */
branch_exists: boolean, politics: Choice, level: Choice, account: Choice, former_unit: string | null, former_province: string | null, joined: string | null, development_no: string | null, enrolled: string | null, 
/**
 * The transfer in recorded here (null: not started).
 */
transfer: TransferState | null, letter: LetterBrief | null, action: string, action_label: string, blocked: boolean, reason: string, 
/**
 * `member`, `over_age`, `joined_under14` or `masses`.
 */
membership: string, 
/**
 * N10: in the incoming side's denominator.
 */
counts_in_rate: boolean, transfer_reason: string | null, target: string, deadline: DeadlineView | null, steps: Array<RuleText>, documents: Array<DocumentView>, fields: Array<string>, school_admin: SchoolAdminView | null, rules: Array<string>, blocks: Array<RuleText>, warnings: Array<RuleText>, tips: Array<RuleText>, age: number, };

export type FreshmenDashboard = { year: number, on: string, 
/**
 * Summed over the colleges' packages (read only).
 */
merged: boolean, total: number, 
/**
 * Still members (N2); the others are listed but outside every league count.
 */
members: number, non_members: number, actions: Array<ActionCount>, 
/**
 * N1: every transfer in started within the month of enrolment (100 %).
 */
started: Target, 
/**
 * N1: basically done by 10-15.
 */
done: Target, 
/**
 * N10: the receiving side's rate (transfers in done / applied − returned).
 */
incoming: RateNumbers, 
/**
 * N11: 回执 not sent yet, and of them past the month.
 */
receipts_due: number, receipts_overdue: number, 
/**
 * Class branches students go into that are not built yet (N1).
 */
missing_branches: Array<string>, };

export type FreshmenImport = { file: string, sheet: string, header_row: number, year: number, rows: number, inserted: number, updated: number, unchanged: number, 
/**
 * Every problem of the file (row, column, value): any one refuses the whole file.
 */
errors: Array<ImportIssue>, warnings: Array<ImportIssue>, 
/**
 * Class branches the list's students go into that do not exist (not created).
 */
missing_branches: Array<string>, 
/**
 * Class branches created under `create_branches_under` (or that would be, in a dry run).
 */
created_branches: Array<string>, 
/**
 * The office's pattern the class names were completed with, as an example name.
 */
pattern: string | null, 
/**
 * Students without a class or a branch in the list.
 */
without_branch: number, dry_run: boolean, committed: boolean, };

export type FreshmenImportRequest = { file: string, 
/**
 * The campaign year that receives them (the enrolment's year).
 */
year: number, 
/**
 * Full name of the committee under which missing class branches are created (null: the
 * rows stay without a branch and the missing ones are listed).
 */
create_branches_under: string | null, 
/**
 * Report only; write nothing.
 */
dry_run: boolean, };

export type FreshmenList = { year: number, on: string, students: Array<FreshmanView>, 
/**
 * The actions with their labels, for filters.
 */
actions: Array<Choice>, };

export type FreshmenStartOutcome = { started: number, 
/**
 * Of a class, the students not ready (blocked, not a transfer, already under way).
 */
skipped: Array<Skipped>, 
/**
 * Named students refused: nothing was started.
 */
errors: Array<MemberErrorView>, };

export type FreshmenStartRequest = { year: number, 
/**
 * Students by their number in the freshmen list: all or nothing.
 */
students: Array<number>, 
/**
 * A class branch's full name (or the class as the list writes it): every student of it
 * ready to be transferred in; the others are listed with why.
 */
class: string | null, 
/**
 * The day it was started in 智慧团建 (`YYYY-MM-DD`); null: today.
 */
on: string | null, 
/**
 * Who started it in 智慧团建; null: the operator.
 */
actor: string | null, note: string | null, 
/**
 * Only planned, not yet started in 智慧团建.
 */
planned: boolean, };

export type FreshmenStepRequest = { year: number, students: Array<number>, input: StepInput, on: string | null, actor: string | null, note: string | null, };

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
recommendation: RecommendationView | null, 
/**
 * What 智慧团建 would refuse of the 团员发展编号: its first four digits not the 入团时间
 * year, or another member holding it (被占用, F5).
 */
development_no_warnings: Array<string>, };

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
 * 转入组织全称 as recorded with the destination (what a transfer started without one
 * names), null while none is.
 */
target_org: string | null, 
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
 * A transfer of the year is recorded (started or planned): the batch start offers only
 * graduates without one.
 */
has_transfer: boolean, 
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

export type ImportIssue = { sheet: string, row: number, column: string, value: string, message: string, 
/**
 * The row's 姓名 (empty when it has none).
 */
name: string, 
/**
 * The row's 团支部 is not in the org tree (one summary with an action stands for these).
 */
missing_branch: boolean, };

export type ImportRequest = { file: string, sheet: string | null, maps: Array<ColumnChoice>, 
/**
 * Write nothing when any row has an error.
 */
all_or_nothing: boolean, 
/**
 * Full name of the org under which missing branches are created (null: refuse their rows).
 */
create_branches_under: string | null, };

export type ImportResult = { file: string, sheet: string, header_row: number, rows: number, inserted: number, updated: number, unchanged: number, errors: Array<ImportIssue>, warnings: Array<ImportIssue>, missing_branches: Array<string>, created_branches: Array<string>, dry_run: boolean, committed: boolean, };

export type IncomingCalendar = { settings: ReceivingSettings, defaults: ReceivingSettings, fields: Array<SettingField>, 
/**
 * Every transfer in started by (enrolment + months); null without an enrolment date.
 */
start_by: string | null, 
/**
 * Basically done by (the campaign's `study_done_by`, 10-15).
 */
done_by: string, };

export type IncomingTransfers = { year: number, on: string, rows: Array<TransferRow>, states: Array<Choice>, };

export type IssuedLetters = { path: string, letters: Array<LetterTexts>, };

export type KeyChange = { college: string, 
/**
 * The key registered for the college.
 */
registered: string, 
/**
 * The key that signed the package (what the school may accept after the phone call).
 */
offered: string, };

export type LedgerPage = { kinds: Array<Choice>, f4: Array<F4Row>, f5: Array<F5Row>, 
/**
 * Development numbers two members hold (被占用, found at import): F5 rows ready for the
 * secretary to confirm against 智慧团建 and record.
 */
f5_candidates: Array<F5Row>, };

export type LetterBrief = { letter_id: number, number: string, issuer: string, issued_on: string, receipt_due: string, receipt_sent_on: string | null, };

export type LetterLine = { member_id: number, receiver: string | null, reason: string | null, 
/**
 * An [`ArchiveDisposition`] code or label.
 */
archive: string | null, };

export type LetterProblem = { member_id: number, name: string, problems: Array<string>, };

export type LetterRecord = { year: number, 
/**
 * The student: number in the freshmen list, ID number, or a name unique in the year.
 */
student: string, 
/**
 * The letter's number as printed on it (2026年015号).
 */
number: string, 
/**
 * The committee that issued it (转出团委全称).
 */
issuer: string, 
/**
 * Its date (`YYYY-MM-DD`).
 */
issued_on: string, 
/**
 * The day the office received it; null: today.
 */
received_on: string | null, note: string | null, };

export type LetterRegister = { year: number, on: string, letters: Array<LetterView>, 
/**
 * 回执 not sent yet and not late.
 */
due: number, 
/**
 * 回执 not sent past the month.
 */
overdue: number, sent: number, };

export type LetterRequest = { member_ids: Array<number>, 
/**
 * 转入团委全称 shared by all; blank: each graduate's own.
 */
receiver: string, 
/**
 * 因____原因 shared by all; blank: 升学 for R1, else 毕业.
 */
reason: string, 
/**
 * An [`ArchiveDisposition`] code or label.
 */
archive: string, archive_other: string | null, 
/**
 * The PDF (or, with `separate`, the folder) written.
 */
out: string, 
/**
 * The secretary confirmed letters for graduates who already hold one (not voided).
 */
again: boolean, 
/**
 * The cohort (default: this year).
 */
year: number | null, 
/**
 * 开具日期 (`YYYY-MM-DD`); null: today.
 */
issued: string | null, 
/**
 * The issuing committee as the door names it (number or full name): it must be the
 * office's (设置 › 团委全称); null: the office's.
 */
issuer: string | null, 
/**
 * Per-graduate values (a CSV batch); their members are added to `member_ids`.
 */
lines: Array<LetterLine>, 
/**
 * `out` is a folder: a PDF per letter (`<编号>_<姓名>.pdf`).
 */
separate: boolean, };

export type LetterTexts = { number: string, issuer: string, issuer_phone: string, issuer_address: string, issuer_postcode: string, handler: string, handler_mobile: string, receiver: string, name: string, sex: string, age: number, ethnicity: string, id_number: string, development_no: string, reason: string, dues_paid_to: string, member_phone: string, archive: string, issued: string, };

export type LetterView = { letter_id: number, student_id: number, name: string, number: string, issuer: string, issued_on: string, received_on: string, 
/**
 * Past L1's 90 days when received: ask the issuer for a new one.
 */
expired: boolean, receipt_due: string, 
/**
 * Printed (the office's local time), if it was.
 */
receipt_printed: string | null, receipt_sent_on: string | null, 
/**
 * `sent`, `due` or `overdue`.
 */
status: string, 
/**
 * Days to the due date (negative: overdue); null once sent.
 */
days_left: number | null, 
/**
 * `overdue`, `soon` or `none` (the 转接 rows' rule).
 */
urgency: string, };

export type MarkBranchesInput = { branch_ids: Array<number>, date: string | null, no_date: string | null, 
/**
 * Acting as which org's administrator (G2; number or full name); null: the office's
 * single top org.
 */
actor: string | null, };

export type MemberErrorView = { member_id: number, name: string, message: string, };

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

export type MergeOutcome = { out: string, 
/**
 * `文件名：N 行`, in the files' order.
 */
files: Array<string>, rows: number, 
/**
 * `身份证号（或姓名与团支部）：文件甲 第3行；文件乙 第5行`.
 */
duplicates: Array<string>, };

export type MergeRequest = { 
/**
 * `f1` … `f6`.
 */
form: string, files: Array<string>, 
/**
 * F1's title prefix; empty: the office's 学校（学院）名称.
 */
school: string, out: string, };

export type MilestoneView = { on: string, label: string, rule: string, past: boolean, days_left: number, };

export type NewOrgInput = { 
/**
 * 全称, exactly as in 智慧团建.
 */
full_name: string, 
/**
 * 团委 / 团工委 / 团总支 / 团支部 (or `committee`…).
 */
level: string, parent_id: number | null, category: string | null, kind: string | null, };

export type NoticeRequest = { 
/**
 * `l2` or `l3`.
 */
kind: string, member_ids: Array<number>, year: number, out: string, };

export type NoticeView = { rule: RuleRef, text: string, };

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

export type PackageKeys = { school: SchoolKeyView, 
/**
 * This college's signing key's fingerprint (none before its first export).
 */
college_signing: string | null, 
/**
 * The school key this college last exported to (`age1…`) and its fingerprint.
 */
recipient: string | null, recipient_fingerprint: string | null, 
/**
 * The colleges' keys the school registered.
 */
colleges: Array<CollegeKeyView>, };

export type PackageOutcome = { file: string, ok: boolean, 
/**
 * 已导入 / 已替换 / 未改变 (with the signing key's fingerprint and any warning), or the
 * refusal.
 */
message: string, 
/**
 * Refused because the college's signing key is not the one registered: which key it
 * offers (the page's 接受新密钥, after a phone call).
 */
key_change: KeyChange | null, };

export type PackageView = { college: string, year: number, members: number, graduates: number, exported_at: string, imported_at: string, file: string, 
/**
 * The first 12 hex digits of its SHA-256.
 */
sha: string, };

export type PaperView = { doc: RuleRef, title: string, why: string, };

export type PassphraseStrength = { 
/**
 * 0 (guessed at once) to 4.
 */
score: number, 
/**
 * Whether the export takes it.
 */
acceptable: boolean, 
/**
 * What would make it stronger, and that a forgotten passphrase is lost for good.
 */
hint: string, };

export type PeriodView = { label: string, from: string, 
/**
 * null: open-ended (收尾期).
 */
to: string | null, 
/**
 * The date asked falls in it.
 */
current: boolean, };

export type Place = { college: string, branch: string, name: string, };

export type Progress = { 
/**
 * The id the window gave the task, so it knows which bar to move.
 */
task: string, done: number, total: number, 
/**
 * What is happening now, in Chinese (e.g. "正在登记：第 120 封，共 290 封").
 */
message: string, };

export type RateDetail = { unit: string, numbers: RateNumbers, lines: Array<RateLineView>, 
/**
 * M3: deferred graduates and teachers of the unit, outside both rates.
 */
outside: number, };

export type RateLineView = { member_id: number, name: string, college: string, branch: string, standing: string, 
/**
 * 毕业生 (denominator) / 已完成 (numerator) / 申请转入 / 转入退回 / 转入完成.
 */
counted_as: string, in_numerator: boolean, };

export type RateNumbers = { 
/**
 * sx (升学衔接率), xs (学社衔接率) or in (转入一侧, N10).
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

export type ReceiptDone = { file: string | null, letters: Array<LetterView>, };

export type ReceiptRequest = { 
/**
 * The letters (register numbers).
 */
letters: Array<number>, 
/**
 * Where to write the PDF; null: print nothing (only `sent_on`).
 */
out: string | null, 
/**
 * The date printed on the 回执; null: today.
 */
date: string | null, 
/**
 * The day the 回执 went out (mail, scan, fax); null: not sent yet.
 */
sent_on: string | null, };

export type ReceivingSettings = { year: number, 
/**
 * The school's enrolment date (a student's own date wins); null until set.
 */
enrolment: string | null, 
/**
 * N1: one month (001 一.2).
 */
start_within_months: number, };

export type RecommendationView = { reason: Choice | null, intended_reason: Choice | null, blocked: boolean, 
/**
 * `SX` (升学衔接率) or `XS` (学社衔接率).
 */
metric: Choice | null, destination: string, where_to_find: string, jing_yue_min: string | null, approver: string, fields: Array<FieldView>, paperwork: Array<PaperView>, rules: Array<RuleRef>, blocks: Array<NoticeView>, warnings: Array<NoticeView>, tips: Array<NoticeView>, age: number, };

export type ReconcileView = { 
/**
 * 转接列表 / 团员名单.
 */
kind_label: string, rows: number, matched: number, differences: Array<DifferenceView>, 
/**
 * `第 N 行 姓名：…` for rows matched to several graduates or to none, and unreadable rows.
 */
unmatched: Array<string>, };

export type RegisterRow = { id: number, number: string, name: string, issuer: string, receiver: string, issued_on: string, valid_until: string, receipt_due: string, receipt_returned_on: string | null, 
/**
 * 已作废 / 回执已返回 / 回执逾期 / 待回执 (code `voided`…).
 */
status: Choice, letter: LetterTexts, };

export type RestoreDone = { 
/**
 * 已恢复：… (members, audit entries, the snapshot of the state before).
 */
message: string, };

export type RestoredNameView = { org_id: number, before: string, after: string, 
/**
 * Why it was restored, in Chinese (evidence found in the store, or the rule).
 */
basis: string, evidence: string | null, 
/**
 * When, in the office's time.
 */
at: string, };

export type ReviewOutcome = { accepted: number, 
/**
 * 姓名：why (blocked, no destination).
 */
refused: Array<string>, };

export type RuleRef = { id: string, title: string, source: string, };

export type RuleText = { rule: string, text: string, };

export type SchoolAdminView = { student_number: string | null, branch: string | null, };

export type SchoolKeyCreated = { key: SchoolKeyView, 
/**
 * The fingerprint of the key replaced (`--replace`), kept aside as `keys/<file>.old`.
 */
replaced: string | null, 
/**
 * What the office must do now, in words.
 */
message: string, };

export type SchoolKeyView = { 
/**
 * A key file is on this PC.
 */
exists: boolean, 
/**
 * `age1…`: what colleges export to.
 */
recipient: string | null, 
/**
 * Four groups of five characters, read over the phone.
 */
fingerprint: string | null, 
/**
 * The QR code of `recipient` (SVG), for the page.
 */
qr_svg: string | null, 
/**
 * A key the store says this school had whose file is gone (its fingerprint), if any.
 */
lost: string | null, };

export type SchoolView = { 
/**
 * The school committee (the store's top org); null while the store has none.
 */
school: string | null, packages: Array<PackageView>, rates: Array<CollegeRates>, 
/**
 * 全校: the colleges' numerators and denominators added (null: no package yet).
 */
total: CollegeRates | null, 
/**
 * ID numbers in two or more colleges (M2), with every place.
 */
duplicates: Array<Duplicate>, };

export type SettingField = { 
/**
 * The key in [`CampaignSettings`].
 */
key: string, label: string, 
/**
 * `date`, `days` or `months`.
 */
unit: string, 
/**
 * The rule it comes from.
 */
rule: string, };

export type Settings = { 
/**
 * 操作人姓名 (written to the audit log with every change made on this computer).
 */
operator: string, 
/**
 * 学校类型: a [`SchoolKind`] code; it decides whether graduates may be retained (R7a).
 */
school_kind: string, 
/**
 * Digits of the letter number (3–5).
 */
letter_digits: number, 
/**
 * How many backups are kept.
 */
backups_kept: number, 
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
postcode: string, };

export type SettingsPage = { settings: Settings, school_kinds: Array<Choice>, 
/**
 * The office details a letter needs that are still empty, by their Chinese names.
 */
missing_for_letters: Array<string>, };

export type Skipped = { id: number, name: string, why: string, };

export type StartMode = "demo" | "empty";

export type StepInput = { "action": "start", 
/**
 * 发起方 (code or label).
 */
initiator: string, 
/**
 * 转接原因: R1–R8, its label or the label's start (升学, 未就业…).
 */
reason: string | null, destination: string | null, 
/**
 * W2: the receiver is a committee, which allocates a branch.
 */
into_committee: boolean, 
/**
 * 转入组织所在省份 (R11 from it).
 */
province: string | null, 
/**
 * 转入组织所属系统团委 (code or label).
 */
system: string | null, 
/**
 * R11 said by the office.
 */
jing_yue_min: boolean, 
/**
 * Only planned, not yet started in 智慧团建.
 */
planned: boolean, } | { "action": "approve", node: string | null, } | { "action": "allocate", branch: string, } | { "action": "return", reason: string, } | { "action": "revoke" } | { "action": "done" };

export type StepOutcome = { done: number, errors: Array<MemberErrorView>, };

export type StepRequest = { 
/**
 * The cohort (for a start).
 */
year: number, members: Array<number>, input: StepInput, 
/**
 * The day it happened in 智慧团建 (`YYYY-MM-DD`); null: today.
 */
on: string | null, 
/**
 * The person who acted in 智慧团建; null: the operator.
 */
actor: string | null, note: string | null, };

export type StepView = { on: string, label: string, actor: string, };

export type StoreCheck = { 
/**
 * The database's schema version, and the newest this program writes.
 */
schema_version: number, latest_schema_version: number, 
/**
 * `PRAGMA integrity_check`: `ok`, or its findings (scrubbed).
 */
integrity: string, 
/**
 * Entries in the audit log.
 */
audit_entries: number, 
/**
 * The first entry whose hash does not match, if any.
 */
audit_broken_at: number | null, };

export type StudentRef = { 
/**
 * The number in the freshmen list (of its college's data, at a school).
 */
id: number, name: string, branch: string, 
/**
 * The college whose package it comes from (empty in the office's own data).
 */
college: string, 
/**
 * The student's own date for this target (N1: enrolment plus the months), if known.
 */
due: string | null, };

export type TableDone = { path: string, rows: number, notes: Array<string>, };

export type TableRequest = { 
/**
 * `f1` … `f6`.
 */
form: string, year: number | null, college: string | null, branch: string | null, out: string, 
/**
 * The school's table over every college's package (issue 16).
 */
all_colleges: boolean, };

export type Target = { 
/**
 * The school's date (null: no enrolment date set yet).
 */
by: string | null, days_left: number | null, 
/**
 * Students to be transferred in through 智慧团建 (N10's applicants).
 */
total: number, met: number, 
/**
 * Not met yet, with each one's own date.
 */
missing: Array<StudentRef>, 
/**
 * Of `missing`, past their own date.
 */
overdue: number, };

export type TargetProgress = { by: string, 
/**
 * `7月25日前非升学毕业生100%发起`, from the year's settings (W5a).
 */
label: string, days_left: number, 
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

export type TransferList = { year: number, on: string, rows: Array<TransferRow>, 
/**
 * The states with their labels, for the tabs.
 */
states: Array<Choice>, 
/**
 * The approval nodes, for 审批.
 */
nodes: Array<Choice>, reasons: Array<Choice>, initiators: Array<Choice>, 
/**
 * A deadline this many days away or fewer is "soon".
 */
soon_days: number, };

export type TransferRow = { member_id: number, name: string, branch: string, 
/**
 * W3 state as of the date, W4's automatic moves included; `planned`/未发起 when none.
 */
state: Choice, has_transfer: boolean, 
/**
 * Under way (W1: planned, pending, awaiting an allocation): a step can be recorded.
 */
under_way: boolean, 
/**
 * 发起 is offered: never started, or the last request ended without success (W3, W4).
 */
may_start: boolean, 
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
jing_yue_min: boolean, 
/**
 * Why a start would be refused now (the engine's block, R12), naming the rule; null when
 * it may be started. The window disables 发起 with this as its reason.
 */
start_blocked: string | null, steps: Array<StepView>, };

export type TransferState = { state: Choice, started_on: string | null, done: boolean, 
/**
 * The next W4 date and what happens then, when waiting.
 */
deadline: string | null, deadline_label: string | null, urgency: string, };

export type UnitRates = { 
/**
 * `school`, `college:ID` or `branch:ID` (what [`rate_detail`] takes).
 */
unit: string, name: string, sx: RateNumbers, xs: RateNumbers, 
/**
 * N10: the receiving side (transfers into the unit, the new students among them), beside
 * the two rates.
 */
incoming: RateNumbers, };

/** The closed error codes, for checking what was thrown. */
export const ERROR_CODES: readonly ApiErrorCode[] = ['invalid_input', 'not_found', 'conflict', 'refused', 'database_too_new', 'busy', 'storage', 'internal', 'cancelled']

/** Every rule, by id: its title and the policy text it comes from. */
export const RULES: Record<string, RuleRef> = {
  G1: {"id":"G1","title":"标记团支部毕业时间","source":"预计毕业时间（年月）必选；无法确定的须选择理由：教师支部/混合支部（002 §1.1.3）"},
  G2: {"id":"G2","title":"标记权限","source":"团组织管理员（团支部管理员除外）都有权限标记和修改班级团支部团员毕业时间（002 §1.1）"},
  G3: {"id":"G3","title":"毕业生团组织","source":"标记完成的本年度毕业学生团支部，系统会在规定的时间点自动将其组织类别变更为“毕业生团组织”（002 §1.1.5）"},
  G4: {"id":"G4","title":"修改毕业时间需审批","source":"修改毕业时间需上级团的领导机关审批，并填写《修改毕业时间》汇总表（002 §2.3，003 #52）"},
  M1: {"id":"M1","title":"身份证号校验","source":"18位公民身份号码（GB 11643-1999）：地址码、出生日期码、顺序码（奇男偶女）与 ISO 7064 MOD 11-2 校验码"},
  M2: {"id":"M2","title":"一人一条记录","source":"同一身份证号只能有一条团员记录；重复即“重复账号”，不得静默覆盖（003 #16）"},
  M3: {"id":"M3","title":"标记延迟毕业团员/教师","source":"延迟毕业团员的预计毕业时间必须晚于本团支部的毕业时间，并填写延迟毕业原因；被标记者不纳入学社衔接（002 §1.2）"},
  M4: {"id":"M4","title":"撤销标记","source":"撤销后恢复为正常毕业学生团员，毕业时间恢复至团支部的预计毕业时间（002 §1.3）"},
  M5: {"id":"M5","title":"年龄","source":"年满28周岁且未在团内任职者不再保留团籍，但转接工作开展期间仍未离团的须转接（003 #62）；未满16周岁且转入非学校领域须填写情况说明并由上级团的领导机关审批（002 §2.2）"},
  M6: {"id":"M6","title":"未满14周岁入团","source":"2017年（含）后未满14周岁入团的不予认定团员身份；2017年前入团的由团支部线下管理（003 #11）；京粤闽系统自动拒绝入团年龄低于13岁的团员（003 #68）"},
  M7: {"id":"M7","title":"团员身份认证","source":"2020年以后发展的团员，必须上传《入团志愿书》并经上级审核通过，完成团员身份认证，才可以进行转接操作（002 §2.8）"},
  M8: {"id":"M8","title":"党员保留团籍","source":"党员在28周岁前保留团籍，仍须转接团组织关系，团组织关系一般应与党组织关系保持一致（000 #25–26）"},
  M9: {"id":"M9","title":"删除团员","source":"删除原因原则上只能是姓名、身份证号等信息录入错误、误录入的非团员或团员本人死亡；退学的不能删除（003 #70、#75）"},
  R1: {"id":"R1","title":"升学","source":"升学的毕业学生团员由录取学校团组织在新生入学一个月内建立团组织并发起转入；在此之前暂时保留在原团组织（001 一.2）"},
  R1a: {"id":"R1a","title":"升学的范围","source":"中高考、专升本、考研、考博、预科升本科均属于升学；国（境）外留学不属于升学（000 #5–6）"},
  R1b: {"id":"R1b","title":"C类保研/研究生支教团","source":"000 #21：先转入所升学院的临时团支部，第二年9月再转到学院研究生团支部；003 #60：支教期间转入本学院的院级流动团支部，支教结束后再转往升学单位"},
  R2: {"id":"R2","title":"已落实工作单位（有团组织）","source":"已落实工作单位（含自主创业）的，转接至工作单位团组织（001 一.1）"},
  R2a: {"id":"R2a","title":"劳务派遣","source":"优先转至用工单位团组织；用工单位未建团的，可转至劳务派遣单位团组织或用工单位所在地的乡镇街道“学社衔接临时团支部”（004 十三）"},
  R2b: {"id":"R2b","title":"系统团委","source":"转往全国铁道、全国民航、中央金融、中央企业、中央和国家机关团委时按组织体系选择，不能按所在地选择省份（002 §1.4.5）；在京中直单位不按北京办理（000 #9）"},
  R2c: {"id":"R2c","title":"已就业不得转回户籍地","source":"已找到工作的毕业学生团员，不能选择“未就业”渠道将团组织关系转往户籍地（004 六）"},
  R3: {"id":"R3","title":"已落实工作单位（无团组织）","source":"工作单位尚未建立团组织的，转接至工作单位所在地的乡镇街道“学社衔接临时团支部”；9月起乡镇接收确有困难的由县级团组织建立临时团支部接收（001 一.1）"},
  R3a: {"id":"R3a","title":"学社衔接临时团支部","source":"乡镇街道的接收组织为“学社衔接临时团支部”；县级团组织应当在一年内将接收的团员转出（001 一.1）"},
  R4: {"id":"R4","title":"出国（因公出国／境）","source":"因公出国（境）工作的，参照已落实工作单位，在出国前转至派出单位的团组织（001 一.6）"},
  R5: {"id":"R5","title":"出国（境）学习研究","source":"团组织关系保留在原就读学校；离校前提交保留团组织关系的书面申请，经学校团委审批后登记备案，编入“出国（境）学习研究团员团支部”（001 一.5）"},
  R6: {"id":"R6","title":"出国（因私出国／境）","source":"因私出国（境）的（求学除外），出国前转接至户籍所在地或本人、父母居住地的乡镇街道“学社衔接临时团支部”（001 一.6）"},
  R7: {"id":"R7","title":"未就业","source":"尚未落实就业去向的，转接至户籍所在地、生源地或本人、父母居住地的乡镇街道“学社衔接临时团支部”（优先居住地，003 #57）（001 一.4）"},
  R7a: {"id":"R7a","title":"在校保留团组织关系","source":"普通高校和中职毕业生未落实去向的可在原校保留团组织关系，一般不超过6个月（最长不超过1年），7月25日后标记并编入“毕业学生流动团员团支部”；不计入学社衔接率（001 一.4，003 #57）"},
  R7b: {"id":"R7b","title":"二战考研/单位先收档案","source":"二战考研或单位要求先收档案的，先转入校级流动团员团支部，再转入学院流动团支部，后续及时转出（003 #58、#71）"},
  R8: {"id":"R8","title":"转往特殊单位团组织","source":"参军入伍、涉密单位：无需选择转入组织，由省级团组织审核后进入特殊单位专属库；须同时办理线下转接，并填写《转往特殊单位汇总表》（001 一.3，003 #56）"},
  R9: {"id":"R9","title":"延迟毕业/休学/留级","source":"延迟毕业团员不纳入学社衔接，转到其实际学习所在团支部，不转往流动团支部（003 #73）；休学的转入新团支部并随新团支部毕业（000 #4）；留级的先院内转接（000 #24）"},
  R10: {"id":"R10","title":"退学","source":"退学团员不能删除，转接到其人事所在单位；联系不上的暂转入学院流动团员团支部并持续跟进（003 #75）"},
  R11: {"id":"R11","title":"北京/广东/福建","source":"转入组织属于北京（不含在京中直单位）、广东、福建的，选择“是”及具体省（市），手工填写转入组织全称；不可撤销；团员须在该省系统报到（000 #9、#20，004 五）"},
  R12: {"id":"R12","title":"阻断检查","source":"非团员（超龄离团 M5、2017年后未满14周岁入团 M6、政治面貌群众 000 #1）、2017年前低龄入团暂不办理线上转接（M6）、未完成团员身份认证（M7）、“已有业务正在办理，不能重复发起”（000 #18）；阻断只停止转接，不改变计入的衔接率（000 §三 注2）"},
  R13: {"id":"R13","title":"提醒检查","source":"临近超龄、未满16周岁转入非学校领域、党员、缺少字段、转入组织不能是毕业生团组织（003 #55）、档案去向不必与组织关系一致（000 #8）"},
  W1: {"id":"W1","title":"发起方","source":"可以由团员个人、转出团组织管理员、转入团组织管理员发起；同一时间只能有一项转接业务（003 #54、#78）"},
  W2: {"id":"W2","title":"审批节点","source":"团员本人发起的要依次经过转出方团支部及其上级、接收方团支部及其上级审核（004 四）；转入团委/团工委/团总支的须分配团支部后才算完成（001 附件2）"},
  W3: {"id":"W3","title":"转接状态","source":"申请→各节点审批→（待分配）→完成；或撤销（审批前，京粤闽除外）、退回（不同意，显示已终止）、自动终止（000 二.4–5）"},
  W4: {"id":"W4","title":"审批时限","source":"超过10天未审批会收到提示；15天内不完成视为默认审核通过，但分配团支部需自行操作（001 注意事项1）；9月30日之后超过10天未审批自动终止并退回（002 §1.5）"},
  W5: {"id":"W5","title":"工作日历","source":"5月1日至8月31日申请期；6月起推进非升学转接，7月25日前100%发起；9月1日至30日审核期，9月20日前地方基本完成接收；9月起推进升学转接，10月15日前基本完成；9月30日后收尾期（001 二.2，000 关键时间节点）"},
  W6: {"id":"W6","title":"参军入伍","source":"参军入伍的毕业学生团员应在办理参军入伍手续时一并办理团组织关系转接（001 二.2(3)）"},
  W7: {"id":"W7","title":"流动团员管理","source":"在校保留一般不超过6个月、最长不超过1年；流动团员至少每6个月与团组织联系1次；失去联系1年以上停止团籍，停止团籍2年后无法联系的予以除名（003 附件9）"},
  F1: {"id":"F1","title":"毕业生流动团员信息汇总表","source":"003 附件1"},
  F2: {"id":"F2","title":"转往特殊单位团组织汇总表","source":"003 附件3"},
  F3: {"id":"F3","title":"修改团支部毕业时间汇总表","source":"003 附件4"},
  F4: {"id":"F4","title":"学社衔接转出特殊情况记录","source":"003 附件2"},
  F5: {"id":"F5","title":"团员发展编号被占用汇总表","source":"003 附件5、#76"},
  F6: {"id":"F6","title":"删除团员台账","source":"003 附件6、#70"},
  L1: {"id":"L1","title":"团组织关系介绍信","source":"003 附件10：基层团委开具，一式三联，有效期90天，回执1个月内反馈"},
  L2: {"id":"L2","title":"流动团员管理服务告知书","source":"003 附件9"},
  L3: {"id":"L3","title":"关于保留团组织关系的申请","source":"003 附件8"},
  N1: {"id":"N1","title":"新生转入的发起与完成时限","source":"录取学校团组织在新生入学一个月内建立新生团组织并100%发起转入申请，在此之前组织关系暂留原就读学校；10月15日前基本完成（001 一.2、二.2(2)）；升学到研一的同样新建团支部（000 #22）"},
  N2: {"id":"N2","title":"新生的团员身份","source":"新生名单上政治面貌为团员的才转入；年满28周岁且未在团内任职的超龄离团（000 #25、#3），党员28周岁前仍须转入（000 #25–26），2017年（含）后未满14周岁入团的不予认定团员身份（003 #68）"},
  N3: {"id":"N3","title":"转入的审批","source":"转入团组织发起的，由转出组织（原团支部或其直属上级）审批；转入团支部的审批后即完成，转入团委/团总支的须再分配团支部（000 二.2）；10天未审批提醒、15天默认通过（001 注意事项1）"},
  N4: {"id":"N4","title":"入团时间与团员证不一致","source":"入团时间以入团志愿书为准，请原单位开具情况说明写明不一致的原因，核准后再接收；系统中更正须删除团员信息后重新注册（003 #14）"},
  N5: {"id":"N5","title":"新生没有可用的智慧团建账号","source":"有团员档案未录入系统的由团支部自行注册（003 #19），注册需团员证上的发展编号（003 #21）；被原团组织删除的先请原单位开具情况说明再注册（003 #15）；重复账号上报团市委删除其一（003 #16）；团员档案未上传的从人事档案取入团志愿书上传（003 #17）"},
  N6: {"id":"N6","title":"来自北京/广东/福建的新生","source":"确认已完成团组织关系转接后，原单位仍收取团费的，由学生本人联系原单位删除（003 #18）；三地系统自动拒绝入团年龄低于13岁的团员，暂不办理线上转接（003 #68）"},
  N7: {"id":"N7","title":"定向委培生保留在原单位","source":"担任行政职务的定向委培生申请不转入的，请原单位开具情况说明并妥善保存，明确团费缴纳方式、参加组织生活等由哪个团组织负责（003 #20）"},
  N8: {"id":"N8","title":"录取专业所在学院与实际学院不一致","source":"录入时提示“导入的团员所在学院必须跟此团支部所属分团委一致”的，汇总学号和要录入的团支部名称，报校级管理员添加（003 #24）"},
  N9: {"id":"N9","title":"新生团籍未注册、入学前的团费","source":"新录入的新生显示“团籍未注册”，评议后再注册，不影响其他操作（003 #25）；新生未入学月份的团费收缴额填0，以实际收取为准（003 #30）"},
  N10: {"id":"N10","title":"转入一侧的升学衔接率","source":"升学衔接率 =（完成转出团员数+成功转入团员数）/（毕业生团员数+申请转入团员数−被退回团员数）：申请转入的团员进入分母（000 §三）"},
  N11: {"id":"N11","title":"接收纸质介绍信","source":"转入团委收到介绍信核查无误后在团员证转入栏记录、盖章，保留正本，填写回执联并盖章，一般在收到后1个月内邮寄或扫描反馈转出团委（003 附件10 第9、10点）"},
}
