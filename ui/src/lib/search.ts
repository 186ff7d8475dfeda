// Graduate search and sort for the virtualized list: by name, pinyin initials (or full pinyin),
// ID number or 学号, with filters. Keys are computed once per name (cached across loads) and
// built in chunks after the first rows are on screen, so each keystroke only scans
// precomputed strings (≤ 100 ms over 10,000+ rows).
import { pinyin } from 'pinyin-pro'

import type { GraduateRow } from '../bindings'

export type { GraduateRow }

export interface IndexedRow {
  row: GraduateRow
  /** Lower-case haystack: name, initials, full pinyin, masked ID number, 学号. */
  haystack: string
  /** Full pinyin for 拼音排序. */
  sortKey: string
}

export interface Filters {
  /** Index into the list's `branches`. */
  branch?: number | null
  destination?: string | null
  transfer_state?: string | null
  marking?: string | null
  /** Review group code (blocked / missing / warnings / ready), or `reviewed`. */
  group?: string | null
}

/** Full-width letters/digits to half-width, trimmed and lower-cased (search input as typed). */
export function normalizeQuery(q: string): string {
  return q
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toLowerCase()
}

/**
 * Lists carry masked ID numbers (first 6 and last 4, M1); a full 18-character ID number typed
 * into the search is masked the same way so that it still finds its graduate.
 */
export function maskIdQuery(q: string): string {
  return /^\d{17}[\dx]$/.test(q) ? `${q.slice(0, 6)}********${q.slice(14)}` : q
}

const keyCache = new Map<string, { initials: string; full: string }>()

/** Initials and full pinyin of a name, with surname readings (单→shan, 曾→zeng); cached. */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const hit = keyCache.get(name)
  if (hit) return hit
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' })
  const keys = { initials: initials.join('').toLowerCase(), full: full.join('').toLowerCase() }
  keyCache.set(name, keys)
  return keys
}

export function indexRow(row: GraduateRow): IndexedRow {
  const { initials, full } = pinyinKeys(row.name)
  const haystack = [row.name, initials, full, row.id_number, row.student_no ?? ''].join('\u0001').toLowerCase()
  return { row, haystack, sortKey: full }
}

export function buildIndex(rows: readonly GraduateRow[]): IndexedRow[] {
  return rows.map(indexRow)
}

/** Builds the index a chunk at a time, yielding to the window between chunks. */
export async function buildIndexInChunks(rows: readonly GraduateRow[], chunk = 1000): Promise<IndexedRow[]> {
  const out: IndexedRow[] = new Array<IndexedRow>(rows.length)
  for (let i = 0; i < rows.length; i += chunk) {
    const end = Math.min(rows.length, i + chunk)
    for (let j = i; j < end; j++) out[j] = indexRow(rows[j]!)
    await new Promise((r) => setTimeout(r, 0))
  }
  return out
}

export function passes(r: GraduateRow, f: Filters): boolean {
  return (
    (f.branch == null || r.branch === f.branch) &&
    (!f.destination || r.destination === f.destination) &&
    (!f.transfer_state || r.transfer_state === f.transfer_state) &&
    (!f.marking || r.marking === f.marking) &&
    (!f.group || (f.group === 'reviewed' ? r.reviewed : r.group === f.group && !r.reviewed))
  )
}

/** Whether a query needs the index (filters alone do not). */
export function needsIndex(query: string): boolean {
  return normalizeQuery(query).length > 0
}

/** The rows matching the query (any key contains it) and every filter, in index order. */
export function search(index: readonly IndexedRow[], query: string, filters: Filters = {}): GraduateRow[] {
  const q = maskIdQuery(normalizeQuery(query).replace(/\s+/g, ''))
  const out: GraduateRow[] = []
  for (const item of index) {
    if (q && !item.haystack.includes(q)) continue
    if (!passes(item.row, filters)) continue
    out.push(item.row)
  }
  return out
}

/** Sorts by pinyin, then by name, then by ID number (stable and total). */
export function sortByPinyin(index: IndexedRow[]): IndexedRow[] {
  return index.sort(
    (a, b) =>
      (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) ||
      a.row.name.localeCompare(b.row.name) ||
      a.row.id - b.row.id,
  )
}

/** The distinct values of a text column, for the filter drop-downs. */
export function distinct(rows: readonly GraduateRow[], key: 'destination' | 'transfer_state' | 'marking'): string[] {
  const set = new Set<string>()
  for (const r of rows) {
    const v = r[key]
    if (v) set.add(v)
  }
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}

/** How many rows each review group holds (reviewed ones counted under `reviewed` only). */
export function groupCounts(rows: readonly GraduateRow[]): Record<string, number> {
  const out: Record<string, number> = { reviewed: 0 }
  for (const r of rows) {
    const k = r.reviewed ? 'reviewed' : r.group
    out[k] = (out[k] ?? 0) + 1
  }
  return out
}

/** The 有提醒 graduates not yet reviewed, by the set of warnings they share (most first). */
export function byWarnings(rows: readonly GraduateRow[]): { warnings: string[]; ids: number[]; sample: GraduateRow }[] {
  const groups = new Map<string, { warnings: string[]; ids: number[]; sample: GraduateRow }>()
  for (const r of rows) {
    if (r.group !== 'warnings' || r.reviewed) continue
    const key = r.warnings.join('；')
    const g = groups.get(key)
    if (g) g.ids.push(r.id)
    else groups.set(key, { warnings: r.warnings, ids: [r.id], sample: r })
  }
  return [...groups.values()].sort((a, b) => b.ids.length - a.ids.length)
}
