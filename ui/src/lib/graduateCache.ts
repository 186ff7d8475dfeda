// The graduate list kept between navigations (the core caches too, until the data changes):
// going back to 毕业生 shows the rows at once. Write actions call `invalidate`.
import type { GraduateList } from '../bindings'
import type { IndexedRow } from './search'

export interface CachedList {
  year: number
  list: GraduateList
  /** Search keys in the list's order; null until built (after the first rows are shown). */
  index: IndexedRow[] | null
}

let cached: CachedList | null = null

export function cachedList(year: number): CachedList | null {
  return cached && cached.year === year ? cached : null
}

export function remember(year: number, list: GraduateList): CachedList {
  cached = { year, list, index: null }
  return cached
}

export function invalidate(): void {
  cached = null
}
