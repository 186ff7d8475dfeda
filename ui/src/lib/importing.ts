// Logic of the 导入 page, kept out of the component so Vitest covers it.
import type { ColumnChoice, ImportColumn, ImportIssue, Progress } from '../bindings'

/** The columns whose field the secretary changed, as the mapping the core takes. */
export function changedMaps(detected: ImportColumn[], chosen: ImportColumn[]): ColumnChoice[] {
  const before = new Map(detected.map((c) => [c.letter, c.field]))
  return chosen
    .filter((c) => c.field !== null && c.field !== before.get(c.letter))
    .map((c) => ({ header: c.header, field: c.field as string }))
}

/** Percent (0–100, whole) of a progress report; 0 before any work is known. */
export function percent(p: Pick<Progress, 'done' | 'total'> | null): number {
  if (!p || p.total <= 0) return 0
  return Math.min(100, Math.max(0, Math.round((p.done / p.total) * 100)))
}

/** A short Chinese summary of an import's counts. */
export function summary(r: { rows: number; inserted: number; updated: number; unchanged: number; errors: unknown[] }): string {
  return `读取 ${r.rows} 行：新增 ${r.inserted}，更新 ${r.updated}，未变 ${r.unchanged}，错误 ${r.errors.length}`
}

/** `名单-错误清单.xlsx` beside the roster (the save dialog's default). */
export function errorListPath(file: string): string {
  const m = /^(.*?)(\.[^./\\]+)?$/.exec(file)
  const stem = m?.[1] ?? file
  return `${stem}-错误清单.xlsx`
}

/** The fields more than one column feeds (the core would read only one of them). */
export function duplicateFields(columns: ImportColumn[]): string[] {
  const seen = new Map<string, number>()
  for (const c of columns) if (c.field) seen.set(c.field, (seen.get(c.field) ?? 0) + 1)
  return [...seen].filter(([, n]) => n > 1).map(([f]) => f)
}

/** Errors sorted for the table: by row, then column. */
export function sortedIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column))
}

/**
 * The errors a table lists and the rows whose branch is not in the store, apart (the core
 * marks them `missing_branch`): one summary line with an action stands for the latter (they
 * would bury the real errors).
 */
export function splitMissingBranches(errors: readonly ImportIssue[]): { rows: ImportIssue[]; missingRows: number } {
  const rows = errors.filter((e) => !e.missing_branch)
  return { rows, missingRows: errors.length - rows.length }
}
