// Long work (import, letter batches, tables) with a real bar and a 取消 button: the page runs
// the command under a task id, the core's progress events move the bar, and cancel() asks the
// core to stop where nothing is half-written (the command then fails with `cancelled`).
import { computed, ref } from 'vue'
import { api, onProgress } from '../api/ipc'
import type { Progress } from '../bindings'

export function useTask() {
  const progress = ref<Progress | null>(null)
  const current = ref('')
  const cancelling = ref(false)

  /** Runs `f` with a fresh task id; the bar follows its progress until it ends. */
  async function track<T>(kind: string, f: (task: string) => Promise<T>): Promise<T> {
    const task = `${kind}-${Date.now()}`
    current.value = task
    cancelling.value = false
    progress.value = { task, done: 0, total: 1, message: '正在开始' }
    const stop = await onProgress(task, (p) => {
      if (current.value === task) progress.value = p
    })
    try {
      return await f(task)
    } finally {
      stop()
      if (current.value === task) current.value = ''
    }
  }

  /** 取消: the running task stops at its next safe point. */
  async function cancel() {
    if (!current.value) return
    cancelling.value = true
    await api.cancelTask(current.value).catch(() => false)
  }

  /** Hides the bar (after a failure or a cancel). */
  function clear() {
    progress.value = null
  }

  return { progress, running: computed(() => current.value !== ''), cancelling, track, cancel, clear }
}
