// Graduate search and sort for the virtualized list: by name, pinyin initials (or full pinyin),
// ID number or 学号, with filters. Keys are computed once per roster so that each keystroke
// only scans precomputed strings (≤ 100 ms over 10,000+ rows).
import { pinyin } from 'pinyin-pro'

import type { GraduateRow } from '../bindings'

export type { GraduateRow }

export interface IndexedRow {
  row: GraduateRow
  /** Lower-case haystack: name, initials, full pinyin, ID number, 学号. */
  haystack: string
  /** Full pinyin for 拼音排序. */
  sortKey: string
}

export interface Filters {
  branch?: string | null
  destination?: string | null
  transfer_state?: string | null
  marking?: string | null
}

/** Full-width letters/digits to half-width, trimmed and lower-cased (search input as typed). */
export function normalizeQuery(q: string): string {
  return q
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toLowerCase()
}

/** Initials and full pinyin of a name, with surname readings (单→shan, 曾→zeng). */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' })
  return { initials: initials.join('').toLowerCase(), full: full.join('').toLowerCase() }
}

export function buildIndex(rows: readonly GraduateRow[]): IndexedRow[] {
  return rows.map((row) => {
    const { initials, full } = pinyinKeys(row.name)
    const haystack = [row.name, initials, full, row.id_number, row.student_no ?? '']
      .join('\u0001')
      .toLowerCase()
    return { row, haystack, sortKey: full }
  })
}

function passes(r: GraduateRow, f: Filters): boolean {
  return (
    (!f.branch || r.branch === f.branch) &&
    (!f.destination || r.destination === f.destination) &&
    (!f.transfer_state || r.transfer_state === f.transfer_state) &&
    (!f.marking || r.marking === f.marking)
  )
}

/** The rows matching the query (any key contains it) and every filter, in index order. */
export function search(index: readonly IndexedRow[], query: string, filters: Filters = {}): GraduateRow[] {
  const q = normalizeQuery(query).replace(/\s+/g, '')
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
      a.row.id_number.localeCompare(b.row.id_number),
  )
}

/** The distinct values of a column, for the filter drop-downs. */
export function distinct(rows: readonly GraduateRow[], key: keyof Filters): string[] {
  const set = new Set<string>()
  for (const r of rows) {
    const v = r[key]
    if (v) set.add(v)
  }
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}
