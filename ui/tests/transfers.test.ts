import { describe, expect, it } from 'vitest'
import type { TransferRow, UnitRates } from '../src/bindings'
import {
  countByTab,
  daysText,
  deadlineClass,
  filterRows,
  inTab,
  rateBars,
  targetPercent,
} from '../src/lib/transfers'

function row(p: Partial<TransferRow>): TransferRow {
  // What the core derives from the state (W1, W3): under way, or open to a new start.
  const code = p.state?.code ?? 'planned'
  const started = p.has_transfer ?? false
  return {
    under_way: started && ['planned', 'pending', 'awaiting_allocation'].includes(code),
    may_start: !started || ['returned', 'auto_terminated', 'revoked'].includes(code),
    member_id: 1,
    name: '王明',
    branch: '共青团生成大学2026第1学院1班团支部',
    state: { code: 'planned', label: '未发起' },
    has_transfer: false,
    reason: null,
    destination: null,
    started_on: null,
    node: null,
    awaiting_allocation: false,
    waiting_days: null,
    deadline: null,
    deadline_label: null,
    days_left: null,
    urgency: 'none',
    jing_yue_min: false,
    start_blocked: null,
    steps: [],
    ...p,
  }
}

const pending = row({
  member_id: 2,
  name: '李华',
  has_transfer: true,
  state: { code: 'pending', label: '审批中' },
  node: { code: 'incoming_branch', label: '转入团支部' },
  destination: '某街道团支部',
})
const done = row({ member_id: 3, has_transfer: true, state: { code: 'done', label: '已完成' } })

describe('transfer tabs', () => {
  it('puts graduates without a transfer under 未发起 and active ones under 在办', () => {
    expect(inTab(row({}), 'planned')).toBe(true)
    expect(inTab(row({}), 'active')).toBe(false)
    expect(inTab(pending, 'active')).toBe(true)
    expect(inTab(done, 'pending')).toBe(false)
    expect(countByTab([row({}), pending, done], ['all', 'planned', 'pending', 'done'])).toEqual({
      all: 3,
      planned: 1,
      pending: 1,
      done: 1,
    })
  })
  it('filters by name, branch or destination', () => {
    const rows = [row({}), pending, done]
    expect(filterRows(rows, 'all', '李').map((r) => r.member_id)).toEqual([2])
    expect(filterRows(rows, 'all', '街道').map((r) => r.member_id)).toEqual([2])
    expect(filterRows(rows, 'done', '  ')).toHaveLength(1)
  })
})

describe('deadlines (W4)', () => {
  it('colours overdue red and soon orange', () => {
    expect(deadlineClass('overdue')).toBe('deadline-overdue')
    expect(deadlineClass('soon')).toBe('deadline-soon')
    expect(deadlineClass('none')).toBe('')
  })
  it('says days in words', () => {
    expect(daysText(0)).toBe('今天')
    expect(daysText(3)).toBe('还有 3 天')
    expect(daysText(-2)).toBe('已超期 2 天')
    expect(daysText(null)).toBe('')
  })
})

describe('batch and chart helpers', () => {
  it('keeps the unit code of each bar and drops empty units', () => {
    const n = (numerator: number, denominator: number) => ({
      metric: 'xs',
      label: '学社衔接率',
      numerator,
      denominator,
      rate: denominator ? numerator / denominator : null,
      display: '',
    })
    const units: UnitRates[] = [
      { unit: 'branch:7', name: '一班', sx: n(0, 0), xs: n(3, 4), incoming: n(0, 0) },
      { unit: 'branch:8', name: '二班', sx: n(1, 1), xs: n(0, 0), incoming: n(0, 0) },
    ]
    expect(rateBars(units, 'xs')).toEqual([{ unit: '一班', code: 'branch:7', numerator: 3, denominator: 4 }])
    expect(rateBars(units, 'sx').map((b) => b.code)).toEqual(['branch:8'])
  })
  it('computes the 07-25 target', () => {
    expect(targetPercent(45, 60)).toBe(75)
    expect(targetPercent(0, 0)).toBe(100)
  })
})
