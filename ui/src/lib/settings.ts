// Inline validation of the 设置 form; the same rules as src/api/settings.rs (the Rust side
// checks again on save, so the window can never store what the core refuses).
import type { Settings } from '../bindings'

export type SettingsErrors = Partial<Record<keyof Settings, string>>

export function emptySettings(): Settings {
  return {
    college: '',
    committee_full_name: '',
    handler: '',
    office_phone: '',
    mobile: '',
    address: '',
    postcode: '',
    operator: '',
  }
}

export function validateSettings(s: Settings): SettingsErrors {
  const errors: SettingsErrors = {}
  const postcode = s.postcode.trim()
  if (postcode && !/^\d{6}$/.test(postcode)) errors.postcode = '邮政编码应为6位数字'
  const mobile = s.mobile.trim()
  if (mobile && !/^1\d{10}$/.test(mobile)) errors.mobile = '手机号应为以1开头的11位数字'
  const phone = s.office_phone.trim()
  if (phone && !/^[\d\- ()（）转]+$/.test(phone)) errors.office_phone = '只能包含数字、“-”、括号或“转”'
  if ([...s.operator].length > 32) errors.operator = '不能超过32个字'
  return errors
}

/** Fields a letter needs that are still empty, by their Chinese names. */
export function missingForLetters(s: Settings): string[] {
  const need: [keyof Settings, string][] = [
    ['committee_full_name', '团委全称'],
    ['handler', '经办人'],
    ['office_phone', '联系电话'],
    ['address', '通讯地址'],
    ['postcode', '邮政编码'],
  ]
  return need.filter(([k]) => !s[k].trim()).map(([, label]) => label)
}
