// The only caller of the native file dialogs. E2E tests cannot drive a native dialog, so a
// test may set `window.__xianjieE2E.nextPath` (ui/e2e/common.mjs answerNextDialog); it answers
// the next dialog once. Nothing else in the app reads that hook.
import { open, save } from '@tauri-apps/plugin-dialog'

export interface FileFilter {
  name: string
  extensions: string[]
}

interface E2EHook {
  nextPath?: string
}

function takeTestAnswer(): string | undefined {
  const hook = (window as unknown as { __xianjieE2E?: E2EHook }).__xianjieE2E
  const path = hook?.nextPath
  if (hook && path !== undefined) delete hook.nextPath
  return path
}

/** Asks for one existing file; `null` when the user cancels. */
export async function pickFile(title: string, filters: FileFilter[]): Promise<string | null> {
  const answer = takeTestAnswer()
  if (answer !== undefined) return answer
  const chosen = await open({ title, multiple: false, directory: false, filters })
  return typeof chosen === 'string' ? chosen : null
}

/** Asks for one or more existing files; `[]` when the user cancels. A test answer holds
 * several paths separated by newlines. */
export async function pickFiles(title: string, filters: FileFilter[]): Promise<string[]> {
  const answer = takeTestAnswer()
  if (answer !== undefined) return answer.split('\n').filter((p) => p !== '')
  const chosen = await open({ title, multiple: true, directory: false, filters })
  if (chosen === null) return []
  return Array.isArray(chosen) ? chosen : [chosen]
}

/** Asks for a folder; `null` when the user cancels. */
export async function pickFolder(title: string): Promise<string | null> {
  const answer = takeTestAnswer()
  if (answer !== undefined) return answer
  const chosen = await open({ title, multiple: false, directory: true })
  return typeof chosen === 'string' ? chosen : null
}

/** Asks where to save; `null` when the user cancels. */
export async function pickSavePath(
  title: string,
  defaultPath: string,
  filters: FileFilter[],
): Promise<string | null> {
  const answer = takeTestAnswer()
  if (answer !== undefined) return answer
  return (await save({ title, defaultPath, filters })) ?? null
}

export const EXCEL: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx', 'xls'] }]
export const XLSX: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]
export const PDF: FileFilter[] = [{ name: 'PDF 文件', extensions: ['pdf'] }]
export const BACKUP: FileFilter[] = [{ name: '学社衔接助手数据', extensions: ['xianjie', 'db'] }]
export const PACKAGE: FileFilter[] = [{ name: '学院数据包', extensions: ['xjpkg'] }]
