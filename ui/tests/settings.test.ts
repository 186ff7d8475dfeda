import { describe, expect, it } from 'vitest'
import { emptySettings, missingForLetters, validateSettings } from '../src/lib/settings'

describe('settings validation (mirrors src/api/settings.rs)', () => {
  it('accepts empty and well-formed values', () => {
    expect(validateSettings(emptySettings())).toEqual({})
    expect(
      validateSettings({ ...emptySettings(), postcode: '430000', mobile: '13800000000', office_phone: '027-8888（转）1' }),
    ).toEqual({})
  })
  it('names each bad field in Chinese', () => {
    const e = validateSettings({ ...emptySettings(), postcode: '4300', mobile: '23800000000', office_phone: 'abc' })
    expect(e.postcode).toContain('6位')
    expect(e.mobile).toContain('11位')
    expect(e.office_phone).toBeDefined()
  })
  it('lists what letters still need', () => {
    expect(missingForLetters(emptySettings())).toEqual(['团委全称', '经办人', '联系电话', '通讯地址', '邮政编码'])
  })
})
