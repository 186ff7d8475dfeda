// The only place the window talks to the Rust side. Every command returns its typed value or
// throws an ApiError {code, message}; pages branch on `code`, never on the text.
import { invoke } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import type {
  ApiError,
  ApiErrorCode,
  AppInfo,
  BackupItem,
  BackupList,
  ChangeRequestInput,
  ChangeView,
  Choice,
  DeferInput,
  DeleteInput,
  DestinationInput,
  Done,
  GraduateDetail,
  MarkBranchesInput,
  DocumentOptions,
  ImportInspect,
  ImportIssue,
  ImportRequest,
  ImportResult,
  IssuedLetters,
  LetterRequest,
  NoticeRequest,
  Progress,
  RegisterRow,
  TableRequest,
  Dashboard,
  FactsInput,
  FormOptions,
  GraduateList,
  OrgNode,
  RateDetail,
  RecommendationView,
  RestoreDone,
  Settings,
  StartMode,
  StepInput,
  StepOutcome,
  TransferList,
} from '../bindings'

const CODES: readonly ApiErrorCode[] = [
  'invalid_input',
  'not_found',
  'conflict',
  'refused',
  'database_too_new',
  'busy',
  'storage',
  'internal',
  'unavailable',
]

export function isApiError(e: unknown): e is ApiError {
  if (typeof e !== 'object' || e === null) return false
  const o = e as Record<string, unknown>
  return typeof o.message === 'string' && CODES.includes(o.code as ApiErrorCode)
}

/** Any thrown value as an ApiError (a bug or a missing shell becomes `internal`). */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'internal', message: `程序内部错误：${message}` }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw toApiError(e)
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  start: (mode: StartMode) => call<AppInfo>('start', { mode }),
  settingsLoad: () => call<Settings>('settings_load'),
  settingsSave: (settings: Settings) => call<Settings>('settings_save', { settings }),
  formOptions: () => call<FormOptions>('form_options'),
  recommend: (input: FactsInput) => call<RecommendationView>('recommend', { input }),
  graduates: (year: number) => call<GraduateList>('graduates', { year }),
  dataStamp: () => call<number>('data_stamp'),
  orgTree: () => call<OrgNode[]>('org_tree'),
  markBranches: (input: MarkBranchesInput) => call<Done>('mark_branches', { input }),
  graduationChanges: () => call<ChangeView[]>('graduation_changes'),
  requestGraduationChange: (input: ChangeRequestInput) => call<Done>('request_graduation_change', { input }),
  decideGraduationChange: (id: number, approve: boolean, note: string | null) =>
    call<Done>('decide_graduation_change', { id, approve, note }),
  markDeferred: (input: DeferInput) => call<Done>('mark_deferred', { input }),
  markTeacher: (ids: number[]) => call<Done>('mark_teacher', { ids }),
  revokeMarking: (ids: number[]) => call<Done>('revoke_marking', { ids }),
  deletionReasons: () => call<Choice[]>('deletion_reasons'),
  deleteMember: (input: DeleteInput) => call<Done>('delete_member', { input }),
  graduateDetail: (id: number, year: number) => call<GraduateDetail>('graduate_detail', { id, year }),
  saveDestination: (id: number, year: number, destination: DestinationInput) =>
    call<GraduateDetail>('save_destination', { id, year, destination }),
  dashboard: (year: number) => call<Dashboard>('dashboard', { year }),
  rateDetail: (year: number, unit: string, metric: string) =>
    call<RateDetail>('rate_detail', { year, unit, metric }),
  transfers: (year: number) => call<TransferList>('transfers', { year }),
  transferStep: (year: number, members: number[], input: StepInput) =>
    call<StepOutcome>('transfer_step', { year, members, input }),
  openResult: (path: string) => call<null>('open_result', { path }),
  revealResult: (path: string) => call<null>('reveal_result', { path }),
  importInspect: (file: string, sheet: string | null) => call<ImportInspect>('import_inspect', { file, sheet }),
  importDryRun: (request: ImportRequest) => call<ImportResult>('import_dry_run', { request }),
  importCommit: (request: ImportRequest, task: string) => call<ImportResult>('import_commit', { request, task }),
  importCreateParent: (name: string) => call<string>('import_create_parent', { name }),
  importSaveErrors: (out: string, issues: ImportIssue[]) => call<string>('import_save_errors', { out, issues }),
  documentOptions: () => call<DocumentOptions>('document_options'),
  exportTable: (request: TableRequest) => call<string>('export_table', { request }),
  issueLetters: (request: LetterRequest, task: string) => call<IssuedLetters>('issue_letters', { request, task }),
  notices: (request: NoticeRequest) => call<string>('notices', { request }),
  letterRegister: (overdueOnly: boolean) => call<RegisterRow[]>('letter_register', { overdueOnly }),
  backupList: () => call<BackupList>('backup_list'),
  backupCreate: () => call<BackupItem>('backup_create'),
  backupRestore: (id: string) => call<RestoreDone>('backup_restore', { id }),
  backupExport: (path: string) => call<string>('backup_export', { path }),
  backupImport: (path: string) => call<RestoreDone>('backup_import', { path }),
}

/** Progress reports of long work (`task` is the id the page gave the command). */
export async function onProgress(task: string, f: (p: Progress) => void): Promise<UnlistenFn> {
  try {
    return await listen<Progress>('progress', (e) => {
      if (e.payload.task === task) f(e.payload)
    })
  } catch {
    return () => {}
  }
}
