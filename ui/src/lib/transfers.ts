// Logic of 工作台 and 转接 (pure, unit-tested): tabs by state, deadline colours (W4), which
// batch actions a selection allows, and the chart bars with the unit behind each.
import type { StepInput, StepRequest, TransferRow, UnitRates } from '../bindings'
import type { RateBar } from './chart'

/** The tabs of 转接: a state code, or `all` / `active` (在办). */
export type StateTab = 'all' | 'active' | string

/** Under way: a step can be recorded (the core says, by the state: W1). */
export function isActive(row: Pick<TransferRow, 'under_way'>): boolean {
  return row.under_way
}

/** 发起 is offered: never started, or the last request ended (the core says: W3, W4). */
export function startOffered(row: Pick<TransferRow, 'may_start'>): boolean {
  return row.may_start
}

export function inTab(row: TransferRow, tab: StateTab): boolean {
  if (tab === 'all') return true
  if (tab === 'active') return isActive(row)
  if (tab === 'planned') return !row.has_transfer || row.state.code === 'planned'
  return row.state.code === tab
}

/** Rows of a tab whose name, branch or destination contains the search text. */
export function filterRows(rows: readonly TransferRow[], tab: StateTab, text: string): TransferRow[] {
  const q = text.trim()
  return rows.filter(
    (r) => inTab(r, tab) && (!q || r.name.includes(q) || r.branch.includes(q) || (r.destination ?? '').includes(q)),
  )
}

export function countByTab(rows: readonly TransferRow[], tabs: readonly StateTab[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of tabs) out[t] = rows.filter((r) => inTab(r, t)).length
  return out
}

/** Overdue red, soon orange (W4 deadlines; the core says which). */
export function deadlineClass(urgency: string): string {
  return urgency === 'overdue' ? 'deadline-overdue' : urgency === 'soon' ? 'deadline-soon' : ''
}


/** `还有 3 天` / `今天` / `已超期 2 天`. */
export function daysText(days: number | null): string {
  if (days === null) return ''
  if (days === 0) return '今天'
  return days > 0 ? `还有 ${days} 天` : `已超期 ${-days} 天`
}

export type Action = 'start' | 'approve' | 'allocate' | 'return' | 'revoke' | 'done'

export const ACTION_LABELS: Record<Action, string> = {
  start: '发起转接',
  approve: '审批同意',
  allocate: '分配团支部',
  return: '退回',
  revoke: '撤销',
  done: '登记完成',
}

/** A start as the core takes it (the rest of `StepInput::Start` at its defaults). */
export function startInput(f: {
  initiator: string
  reason: string | null
  destination: string | null
  intoCommittee: boolean
}): StepInput {
  return {
    action: 'start',
    initiator: f.initiator,
    reason: f.reason,
    destination: f.destination,
    into_committee: f.intoCommittee,
    province: null,
    system: null,
    jing_yue_min: false,
    planned: false,
  }
}

/** A step for `members` today, by the operator (who and when are the core's defaults). */
export function stepRequest(year: number, members: number[], input: StepInput): StepRequest {
  return { year, members, input, on: null, actor: null, note: null }
}

/** Bars of a rate by unit (branch or college), keeping the unit code for the drill-down. */
export function rateBars(units: readonly UnitRates[], metric: 'sx' | 'xs'): (RateBar & { code: string })[] {
  return units
    .map((u) => ({ unit: u.name, code: u.unit, numerator: u[metric].numerator, denominator: u[metric].denominator }))
    .filter((b) => b.denominator > 0)
}

/** W5 target: the share of non-study graduates with a request, as a whole percent. */
export function targetPercent(started: number, total: number): number {
  return total > 0 ? Math.round((started / total) * 100) : 100
}
