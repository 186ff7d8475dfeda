// The window's side of IPC. Every command is a typed function generated from the Rust
// declaration (../bindings/commands.ts); each returns its value or throws an ApiError
// {code, message}. Pages call them through `useCommand` (../lib/useCommand.ts), which branches
// on `code`, never on the text.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import type { Progress } from '../bindings'
import { commands } from '../bindings/commands'

export { isApiError, toApiError } from './call'

export const api = commands

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
