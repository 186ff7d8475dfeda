import { describe, expect, it } from 'vitest'
import { baseName, issueWhere } from '../src/lib/collect'

describe('collect', () => {
  it('names the file without its folder', () => {
    expect(baseName('C:\\Users\\李文\\收集表\\一班.xlsx')).toBe('一班.xlsx')
    expect(baseName('/home/x/二班.xlsx')).toBe('二班.xlsx')
  })
  it('says where a problem is', () => {
    expect(issueWhere({ file: '/a/一班.xlsx', row: 5, column: 'F（毕业去向（必填））' })).toBe('一班.xlsx 第 5 行 F（毕业去向（必填））列')
    expect(issueWhere({ file: '/a/一班.xlsx', row: 0, column: '' })).toBe('一班.xlsx')
  })
})
