import { describe, expect, it } from 'vitest'
import { cachedList, invalidate, remember } from '../src/lib/graduateCache'
import type { GraduateList } from '../src/bindings'

const list: GraduateList = { year: 2026, on: '2026-06-15', stamp: 7, branches: ['一班'], reasons: [], groups: [], rows: [] }

describe('graduate list cache', () => {
  it('keeps one year until invalidated', () => {
    expect(cachedList(2026)).toBeNull()
    remember(2026, list)
    expect(cachedList(2026)?.list.stamp).toBe(7)
    expect(cachedList(2025)).toBeNull()
    invalidate()
    expect(cachedList(2026)).toBeNull()
  })
})
