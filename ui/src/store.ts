// App-wide state loaded once at start: version, data location, first run.
import { reactive } from 'vue'
import type { AppInfo } from './bindings'

export const appState = reactive<{ info: AppInfo | null; error: string | null }>({
  info: null,
  error: null,
})
