// One way for a page to run commands: which action is busy (buttons show it and stay
// disabled meanwhile), the last error as the core sent it ({code, message}), and, if asked,
// a message whose tone and title come from the code (../lib/errors.ts). Pages branch on
// `error.code`, never on the text.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { ApiError } from '../bindings'
import { toApiError } from '../api/call'
import { titleOf, toneOf } from './errors'

export interface RunOptions {
  /** Also show the error as a message (else only `error` is set, for an inline alert). */
  notify?: boolean
}

export function useCommand<Action extends string = string>() {
  const busy = ref<Action | ''>('')
  const error = ref<ApiError | null>(null)

  /** Runs `f` as `action`; its value, or `undefined` after an error (kept in `error`). */
  async function run<T>(action: Action, f: () => Promise<T>, opts: RunOptions = {}): Promise<T | undefined> {
    busy.value = action
    error.value = null
    try {
      return await f()
    } catch (e) {
      const err = toApiError(e)
      error.value = err
      if (opts.notify) ElMessage({ type: toneOf(err), message: `${titleOf(err)}：${err.message}`, duration: 6000 })
      return undefined
    } finally {
      busy.value = ''
    }
  }

  return { busy, error, run }
}
