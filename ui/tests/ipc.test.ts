import { describe, expect, it, vi } from 'vitest'

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(async (cmd: string) => {
    if (cmd === 'recommend') throw { code: 'invalid_input', message: '毕业去向“moon”无效' }
    if (cmd === 'boom') throw new Error('window gone')
    return { ok: cmd }
  }),
}))

import { api, isApiError, toApiError } from '../src/api/ipc'
import { titleOf, toneOf } from '../src/lib/errors'

describe('ipc errors', () => {
  it('passes {code, message} through unchanged', async () => {
    await expect(api.recommend({} as never)).rejects.toEqual({ code: 'invalid_input', message: '毕业去向“moon”无效' })
  })
  it('turns anything else into internal', () => {
    const e = toApiError(new Error('window gone'))
    expect(e.code).toBe('internal')
    expect(e.message).toContain('window gone')
    expect(isApiError({ code: 'nope', message: 'x' })).toBe(false)
  })
  it('branches on the code', () => {
    expect(toneOf({ code: 'refused', message: '' })).toBe('warning')
    expect(toneOf({ code: 'storage', message: '' })).toBe('error')
    expect(titleOf({ code: 'busy', message: '' })).toBe('数据库正被其他程序占用')
  })
})
