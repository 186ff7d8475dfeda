import { describe, expect, it } from 'vitest'
import { changedMaps, duplicateFields, errorListPath, percent, sortedIssues, splitMissingBranches, summary } from '../src/lib/importing'

const col = (letter: string, header: string, field: string | null) => ({ letter, header, field })

describe('importing', () => {
  it('sends only the columns the secretary changed', () => {
    const detected = [col('A', '姓名', 'name'), col('B', '联系方式', 'mobile'), col('C', '备注', null)]
    const chosen = [col('A', '姓名', 'name'), col('B', '联系方式', 'student_no'), col('C', '备注', null)]
    expect(changedMaps(detected, chosen)).toEqual([{ header: '联系方式', field: 'student_no' }])
    expect(changedMaps(detected, detected)).toEqual([])
  })
  it('computes a bounded whole percent', () => {
    expect(percent(null)).toBe(0)
    expect(percent({ done: 1, total: 3 })).toBe(33)
    expect(percent({ done: 5, total: 3 })).toBe(100)
    expect(percent({ done: 1, total: 0 })).toBe(0)
  })
  it('summarises counts in Chinese', () => {
    expect(summary({ rows: 3, inserted: 1, updated: 1, unchanged: 1, errors: [1] })).toBe('读取 3 行：新增 1，更新 1，未变 1，错误 1')
  })
  it('names the error list beside the roster', () => {
    expect(errorListPath('/a/名单.xlsx')).toBe('/a/名单-错误清单.xlsx')
    expect(errorListPath('C:\\a\\b.xls')).toBe('C:\\a\\b-错误清单.xlsx')
  })
  it('finds fields fed by two columns', () => {
    expect(duplicateFields([col('A', 'x', 'name'), col('B', 'y', 'name'), col('C', 'z', null)])).toEqual(['name'])
  })
  it('sorts issues by row then column', () => {
    const i = (row: number, column: string) => ({ sheet: 's', row, column, value: '', message: '', name: '', missing_branch: false })
    expect(sortedIssues([i(5, 'B'), i(3, 'C'), i(3, 'A')]).map((x) => `${x.row}${x.column}`)).toEqual(['3A', '3C', '5B'])
  })
})

describe('unknown branches', () => {
  it('are one line, not one error per row', () => {
    const e = (row: number, column: string, value: string, missing_branch: boolean) => ({ sheet: 's', row, column, value, message: 'm', name: '张三', missing_branch })
    const errors = [e(2, 'H（所在团支部）', '一班团支部', true), e(3, 'B（身份证号）', '1', false), e(4, 'H（所在团支部）', '一班团支部', true)]
    const { rows, missingRows } = splitMissingBranches(errors)
    expect(missingRows).toBe(2)
    expect(rows.map((r) => r.row)).toEqual([3])
  })
})
