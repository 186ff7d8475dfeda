// The only place the window talks to the Rust side. Every command returns its typed value or
// throws an ApiError {code, message}; pages branch on `code`, never on the text.
import { invoke } from '@tauri-apps/api/core'
import type {
  ApiError,
  ApiErrorCode,
  AppInfo,
  Dashboard,
  FactsInput,
  FormOptions,
  GraduateList,
  OrgNode,
  RateDetail,
  RecommendationView,
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
  orgTree: () => call<OrgNode[]>('org_tree'),
  dashboard: (year: number) => call<Dashboard>('dashboard', { year }),
  rateDetail: (year: number, unit: string, metric: string) =>
    call<RateDetail>('rate_detail', { year, unit, metric }),
  transfers: (year: number) => call<TransferList>('transfers', { year }),
  transferStep: (year: number, members: number[], input: StepInput) =>
    call<StepOutcome>('transfer_step', { year, members, input }),
  openResult: (path: string) => call<null>('open_result', { path }),
  revealResult: (path: string) => call<null>('reveal_result', { path }),
}
