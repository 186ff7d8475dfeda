import { describe, expect, it } from 'vitest'
import { joinPath, letterFileName, safeName, statusType, tableFileName } from '../src/lib/documents'

describe('documents', () => {
  it('names table files after the form and year', () => {
    expect(tableFileName('F1 毕业生流动团员信息汇总表', 2026)).toBe('F1_毕业生流动团员信息汇总表_2026.xlsx')
    expect(tableFileName('F6 删除团员台账', null)).toBe('F6_删除团员台账.xlsx')
  })
  it('names letter files for one or many', () => {
    expect(letterFileName(['张三'])).toBe('介绍信_张三.pdf')
    expect(letterFileName(['a', 'b'])).toBe('介绍信_2封.pdf')
    expect(safeName('a/b:c')).toBe('a_b_c')
  })
  it('colours register states', () => {
    expect(statusType('overdue')).toBe('danger')
    expect(statusType('awaiting')).toBe('warning')
    expect(statusType('returned')).toBe('success')
  })
  it('joins paths with the folder separator', () => {
    expect(joinPath('/d', 'f.xlsx')).toBe('/d/f.xlsx')
    expect(joinPath('C:\\d', 'f.xlsx')).toBe('C:\\d\\f.xlsx')
  })
})
