// The one way the window calls the Rust side: a command's typed value, or a thrown ApiError
// {code, message} (anything else thrown becomes `internal`). The typed wrappers of every
// command are generated (../bindings/commands.ts) from the Rust declaration.
import { invoke } from '@tauri-apps/api/core'
import { ERROR_CODES, type ApiError, type ApiErrorCode } from '../bindings'

export function isApiError(e: unknown): e is ApiError {
  if (typeof e !== 'object' || e === null) return false
  const o = e as Record<string, unknown>
  return typeof o.message === 'string' && ERROR_CODES.includes(o.code as ApiErrorCode)
}

/** Any thrown value as an ApiError (a bug or a missing shell becomes `internal`). */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'internal', message: `程序内部错误：${message}` }
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw toApiError(e)
  }
}
