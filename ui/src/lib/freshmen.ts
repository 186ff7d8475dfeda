// Logic of 新生 (rules.md §9) and its 工作台 card, kept out of the components so Vitest covers
// it: students by class, the filters of the list, who counts (N2: non-members are listed but
// outside every count), the classes a batch start can take, and the requests the core takes.
// Labels, states and dates come with the core's answers; nothing here invents one.
import { RULES } from '../bindings'
import type {
  FreshmanView,
  FreshmenStartRequest,
  FreshmenStepRequest,
  LetterView,
  RuleRef,
  Skipped,
  StepInput,
  TransferRow,
} from '../bindings'
import { maskIdQuery, normalizeQuery, pinyinKeys } from './search'
import { safeName } from './documents'
import { isActive } from './transfers'

/** The fields of a student the list's helpers read. */
export type StudentLike = Pick<
  FreshmanView,
  'id' | 'name' | 'id_number' | 'student_no' | 'branch' | 'class' | 'branch_exists' | 'action' | 'blocked' | 'membership' | 'counts_in_rate' | 'transfer'
>

/** The class a student goes into: the class branch's full name, else the class as listed. */
export function classOf(s: Pick<FreshmanView, 'branch' | 'class'>): string {
  return s.branch ?? s.class ?? ''
}

/** N2: still a member (the others are listed, advised “not transferred in” and never counted). */
export function isMember(s: Pick<FreshmanView, 'membership'>): boolean {
  return s.membership === 'member'
}

export interface ClassOption {
  value: string
  /** Students of the class, and of them members (the ones counted). */
  count: number
  members: number
}

/** Every class of the list, in Chinese order, with how many students (and members) it has. */
export function classOptions(students: readonly StudentLike[]): ClassOption[] {
  const by = new Map<string, ClassOption>()
  for (const s of students) {
    const value = classOf(s)
    if (!value) continue
    const o = by.get(value) ?? { value, count: 0, members: 0 }
    o.count += 1
    if (isMember(s)) o.members += 1
    by.set(value, o)
  }
  return [...by.values()].sort((a, b) => a.value.localeCompare(b.value, 'zh-CN'))
}

/** The list's 情况 filter: what needs the secretary. */
export type Flag = '' | 'blocked' | 'ready' | 'no_branch' | 'not_started' | 'non_member'

export interface StudentFilters {
  query: string
  cls: string | null
  action: string | null
  flag: Flag
}

export function hasFlag(s: StudentLike, flag: Flag): boolean {
  switch (flag) {
    case '':
      return true
    case 'blocked':
      // Members someone must act for first (non-members have their own filter).
      return isMember(s) && s.blocked
    case 'ready':
      return isMember(s) && !s.blocked
    case 'no_branch':
      return isMember(s) && !s.branch_exists
    case 'not_started':
      return s.counts_in_rate && s.transfer === null
    case 'non_member':
      return !isMember(s)
  }
}

/** What the search box matches: name, its pinyin (initials and full), 学号, masked ID number, class. */
export function searchKey(s: StudentLike): string {
  const { initials, full } = pinyinKeys(s.name)
  return [s.name, initials, full, s.student_no ?? '', s.id_number, classOf(s)].join('\u0001').toLowerCase()
}

/**
 * The students passing the filters. `keys` (parallel to `students`, from `searchKey`) is only
 * read when there is a query, so the page builds it on the first keystroke.
 */
export function filterStudents<T extends StudentLike>(
  students: readonly T[],
  f: StudentFilters,
  keys?: readonly string[],
): T[] {
  const q = maskIdQuery(normalizeQuery(f.query))
  const out: T[] = []
  students.forEach((s, i) => {
    if (f.cls && classOf(s) !== f.cls) return
    if (f.action && s.action !== f.action) return
    if (!hasFlag(s, f.flag)) return
    if (q && !(keys?.[i] ?? searchKey(s)).includes(q)) return
    out.push(s)
  })
  return out
}

export interface StudentCounts {
  total: number
  /** N2: members, the only ones any count takes. */
  members: number
  nonMembers: number
  blocked: number
  /** Members to be transferred in through 智慧团建 (N10's applicants) and of them started. */
  toTransfer: number
  started: number
}

export function studentCounts(students: readonly StudentLike[]): StudentCounts {
  const c: StudentCounts = { total: students.length, members: 0, nonMembers: 0, blocked: 0, toTransfer: 0, started: 0 }
  for (const s of students) {
    if (!isMember(s)) {
      c.nonMembers += 1
      continue
    }
    c.members += 1
    if (s.blocked) c.blocked += 1
    if (s.counts_in_rate) {
      c.toTransfer += 1
      if (s.transfer?.started_on) c.started += 1
    }
  }
  return c
}

/** A rule id of the advice as RuleTag takes it (its title and policy text). */
export function ruleRef(id: string): RuleRef {
  return RULES[id] ?? { id, title: id, source: '' }
}

// — 转入 —

/** A class start takes those never started and those 智慧团建 ended by itself (W4). */
export function classStartTakes(row: Pick<TransferRow, 'has_transfer' | 'state' | 'start_blocked'>): boolean {
  return row.start_blocked === null && (!row.has_transfer || row.state.code === 'auto_terminated')
}

export interface BatchClass {
  value: string
  total: number
  /** Of them, those a class start would take now. */
  ready: number
}

/** The classes of the transfers-in rows, with how many a class start would take. */
export function batchClasses(rows: readonly TransferRow[]): BatchClass[] {
  const by = new Map<string, BatchClass>()
  for (const r of rows) {
    if (!r.branch) continue
    const c = by.get(r.branch) ?? { value: r.branch, total: 0, ready: 0 }
    c.total += 1
    if (classStartTakes(r)) c.ready += 1
    by.set(r.branch, c)
  }
  return [...by.values()].sort((a, b) => a.value.localeCompare(b.value, 'zh-CN'))
}

/** The rows of a class (all when none is chosen). */
export function rowsOfClass<T extends Pick<TransferRow, 'branch'>>(rows: readonly T[], cls: string | null): T[] {
  return cls ? rows.filter((r) => r.branch === cls) : [...rows]
}

/** A class start's skipped students, the same reason once with every name, most first. */
export function groupSkipped(skipped: readonly Skipped[]): { why: string; names: string[] }[] {
  const by = new Map<string, string[]>()
  for (const s of skipped) by.set(s.why, [...(by.get(s.why) ?? []), s.name])
  return [...by].map(([why, names]) => ({ why, names })).sort((a, b) => b.names.length - a.names.length)
}

/** A blank date field is the core's “today”. */
function dateOrNull(on: string | null | undefined): string | null {
  return on && on.trim() ? on.trim() : null
}

/** 发起转入: the students named (all or nothing) or a class's ready ones, by the operator. */
export function startRequest(
  year: number,
  p: { students?: number[]; cls?: string | null; on?: string | null; planned?: boolean },
): FreshmenStartRequest {
  const students = p.students ?? []
  return {
    year,
    students,
    class: students.length ? null : (p.cls ?? null),
    on: dateOrNull(p.on),
    actor: null,
    note: null,
    planned: p.planned ?? false,
  }
}

export type StepAction = 'approve' | 'return' | 'revoke' | 'done'
/** What the step dialog records: a step, or a start of the students named. */
export type DialogAction = StepAction | 'start'

/** The buttons' words. */
export const STEP_LABELS: Record<DialogAction, string> = { start: '发起转入', approve: '审批同意', return: '退回', revoke: '撤销', done: '登记完成' }

/** A step's input: approval at the node the transfer waits at (the core knows it). */
export function stepInput(action: StepAction, reason = ''): StepInput {
  switch (action) {
    case 'approve':
      return { action: 'approve', node: null }
    case 'return':
      return { action: 'return', reason: reason.trim() }
    case 'revoke':
      return { action: 'revoke' }
    case 'done':
      return { action: 'done' }
  }
}

export function freshmenStepRequest(year: number, students: number[], input: StepInput, on?: string | null): FreshmenStepRequest {
  return { year, students, input, on: dateOrNull(on), actor: null, note: null }
}

/**
 * Which steps a row offers, by its state code and the waiting node (W3): a plan only dropped,
 * a request approved at its node, returned, revoked (the core refuses R11's) or done.
 */
export function stepsOffered(row: Pick<TransferRow, 'under_way' | 'state' | 'node'>): StepAction[] {
  if (!isActive(row)) return []
  if (row.state.code === 'planned') return ['revoke']
  const out: StepAction[] = []
  if (row.node) out.push('approve')
  if (row.state.code === 'pending') out.push('return', 'revoke')
  out.push('done')
  return out
}

// — 介绍信 —

/** `回执_2026年015号_王小明.pdf` for one letter, `回执_3份.pdf` for several. */
export function receiptFileName(letters: readonly Pick<LetterView, 'number' | 'name'>[]): string {
  const [only] = letters
  if (letters.length === 1 && only) return `回执_${safeName(only.number)}_${safeName(only.name)}.pdf`
  return `回执_${letters.length}份.pdf`
}

/** The letters whose 回执 is still to be sent (due or overdue). */
export function receiptsUnsent<T extends Pick<LetterView, 'receipt_sent_on'>>(letters: readonly T[]): T[] {
  return letters.filter((l) => l.receipt_sent_on === null)
}

// — 工作台 —

/**
 * The 工作台 card shows when the year has new students, and always in September and October
 * (the core's date): the time the list should be imported, so that its absence is seen.
 */
export function showFreshmenCard(total: number, on: string): boolean {
  if (total > 0) return true
  const month = Number(on.slice(5, 7))
  return month === 9 || month === 10
}
