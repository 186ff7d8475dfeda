import { describe, expect, it } from 'vitest'
import type { FreshmanView, TransferRow } from '../src/bindings'
import {
  batchClasses,
  classOf,
  classOptions,
  classStartTakes,
  filterStudents,
  freshmenStepRequest,
  groupSkipped,
  hasFlag,
  isMember,
  receiptFileName,
  receiptsUnsent,
  rowsOfClass,
  ruleRef,
  searchKey,
  showFreshmenCard,
  startRequest,
  stepInput,
  stepsOffered,
  studentCounts,
  type StudentFilters,
} from '../src/lib/freshmen'
import { startOffered } from '../src/lib/transfers'

const CLASS1 = '共青团某某学院2026级计算机1班团支部'
const CLASS2 = '共青团某某学院2026级计算机2班团支部'

function student(p: Partial<FreshmanView>): FreshmanView {
  return {
    id: 1,
    name: '王小明',
    id_number: '110101********1234',
    student_no: '2026000001',
    college: '某某学院',
    major: '计算机',
    class: '1班',
    branch: CLASS1,
    branch_exists: true,
    politics: { code: 'league', label: '共青团员' },
    level: { code: 'undergraduate', label: '本科' },
    account: { code: 'ok', label: '账号正常' },
    former_unit: '共青团某某中学委员会',
    former_province: '湖北省',
    joined: '2022-05',
    development_no: null,
    enrolled: null,
    transfer: null,
    letter: null,
    action: 'transfer',
    action_label: '经智慧团建转入',
    blocked: false,
    reason: '',
    membership: 'member',
    counts_in_rate: true,
    transfer_reason: 'R1',
    target: CLASS1,
    deadline: null,
    steps: [],
    documents: [],
    fields: [],
    school_admin: null,
    rules: [],
    blocks: [],
    warnings: [],
    tips: [],
    age: 18,
    ...p,
  }
}

function row(p: Partial<TransferRow>): TransferRow {
  // What the core derives from the state (W1, W3): under way, or open to a new start.
  const code = p.state?.code ?? 'planned'
  const started = p.has_transfer ?? false
  return {
    under_way: started && ['planned', 'pending', 'awaiting_allocation'].includes(code),
    may_start: !started || ['returned', 'auto_terminated', 'revoked'].includes(code),
    member_id: 1,
    name: '王小明',
    branch: CLASS1,
    state: { code: 'planned', label: '未发起' },
    has_transfer: false,
    reason: { code: 'R1', label: '升学' },
    destination: CLASS1,
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

const started = { state: { code: 'pending', label: '审批中' }, started_on: '2026-09-10', done: false, deadline: null, deadline_label: null, urgency: 'none' }

const students = [
  student({ id: 1 }),
  student({ id: 2, name: '李华', branch: CLASS2, class: '2班', transfer: started }),
  student({ id: 3, name: '张三', branch: CLASS2, class: '2班', blocked: true, action: 'register' }),
  student({ id: 4, name: '赵四', membership: 'masses', counts_in_rate: false, action: 'not_a_member', blocked: true }),
  student({ id: 5, name: '钱五', branch: null, class: '3班', branch_exists: false }),
  student({ id: 6, name: '孙六', branch: null, class: null, branch_exists: false }),
]

const none: StudentFilters = { query: '', cls: null, action: null, flag: '' }

describe('students by class', () => {
  it('takes the branch, else the class as listed', () => {
    expect(classOf(students[0] as FreshmanView)).toBe(CLASS1)
    expect(classOf(students[4] as FreshmanView)).toBe('3班')
    expect(classOf(students[5] as FreshmanView)).toBe('')
  })

  it('lists each class once, in order, with members counted apart', () => {
    const opts = classOptions(students)
    expect(opts.map((o) => o.value)).toEqual(['3班', CLASS1, CLASS2].sort((a, b) => a.localeCompare(b, 'zh-CN')))
    const c1 = opts.find((o) => o.value === CLASS1)
    expect(c1).toEqual({ value: CLASS1, count: 2, members: 1 })
    expect(opts.find((o) => o.value === CLASS2)?.count).toBe(2)
  })
})

describe('filters', () => {
  it('filters by class, action and flag', () => {
    expect(filterStudents(students, { ...none, cls: CLASS2 }).map((s) => s.id)).toEqual([2, 3])
    expect(filterStudents(students, { ...none, action: 'register' }).map((s) => s.id)).toEqual([3])
    expect(filterStudents(students, { ...none, flag: 'blocked' }).map((s) => s.id)).toEqual([3])
    expect(filterStudents(students, { ...none, flag: 'non_member' }).map((s) => s.id)).toEqual([4])
    expect(filterStudents(students, { ...none, flag: 'no_branch' }).map((s) => s.id)).toEqual([5, 6])
    expect(filterStudents(students, { ...none, flag: 'not_started' }).map((s) => s.id)).toEqual([1, 3, 5, 6])
    expect(filterStudents(students, { ...none, flag: 'ready' }).map((s) => s.id)).toEqual([1, 2, 5, 6])
  })

  it('searches names, pinyin initials, 学号 and full ID numbers (masked)', () => {
    expect(filterStudents(students, { ...none, query: '李' }).map((s) => s.id)).toEqual([2])
    expect(filterStudents(students, { ...none, query: 'zhangs' }).map((s) => s.id)).toEqual([3])
    expect(filterStudents(students, { ...none, query: 'zs' }).map((s) => s.id)).toEqual([3, 4])
    expect(filterStudents(students, { ...none, query: '110101200801011234' }).length).toBe(students.length)
    const keys = students.map(searchKey)
    expect(filterStudents(students, { ...none, query: 'ＬＨ' }, keys).map((s) => s.id)).toEqual([2])
  })

  it('a non-member is never a member-flagged row', () => {
    const masses = students[3] as FreshmanView
    expect(isMember(masses)).toBe(false)
    expect(hasFlag(masses, 'ready')).toBe(false)
    expect(hasFlag(masses, 'no_branch')).toBe(false)
    expect(hasFlag(masses, 'blocked')).toBe(false)
  })
})

describe('counts', () => {
  it('leaves non-members out of every count but the total', () => {
    expect(studentCounts(students)).toEqual({ total: 6, members: 5, nonMembers: 1, blocked: 1, toTransfer: 5, started: 1 })
  })
})

describe('transfers in', () => {
  const rows = [
    row({ member_id: 1 }),
    row({ member_id: 2, start_blocked: '暂不能转入：重复账号' }),
    row({ member_id: 3, has_transfer: true, state: { code: 'pending', label: '审批中' }, node: { code: 'out_branch', label: '转出团支部' } }),
    row({ member_id: 4, has_transfer: true, state: { code: 'auto_terminated', label: '已终止（超时自动终止）' } }),
    row({ member_id: 5, branch: CLASS2, has_transfer: true, state: { code: 'returned', label: '已终止（退回）' } }),
    row({ member_id: 6, branch: '' }),
  ]

  it('counts per class what a class start takes', () => {
    expect(batchClasses(rows)).toEqual([
      { value: CLASS1, total: 4, ready: 2 },
      { value: CLASS2, total: 1, ready: 0 },
    ])
    expect(classStartTakes(rows[3] as TransferRow)).toBe(true)
    expect(classStartTakes(rows[4] as TransferRow)).toBe(false)
    expect(rowsOfClass(rows, CLASS2).map((r) => r.member_id)).toEqual([5])
    expect(rowsOfClass(rows, null).length).toBe(rows.length)
  })

  it('offers 发起 and the steps by state', () => {
    expect(startOffered(rows[0] as TransferRow)).toBe(true)
    expect(startOffered(rows[2] as TransferRow)).toBe(false)
    expect(startOffered(rows[4] as TransferRow)).toBe(true)
    expect(stepsOffered(rows[2] as TransferRow)).toEqual(['approve', 'return', 'revoke', 'done'])
    expect(stepsOffered(rows[0] as TransferRow)).toEqual([])
    expect(stepsOffered(row({ has_transfer: true, state: { code: 'planned', label: '未发起' } }))).toEqual(['revoke'])
  })

  it('builds the requests the core takes', () => {
    expect(startRequest(2026, { cls: CLASS1, on: ' ' })).toEqual({ year: 2026, students: [], class: CLASS1, on: null, actor: null, note: null, planned: false })
    expect(startRequest(2026, { students: [3], cls: CLASS1, on: '2026-09-10' })).toMatchObject({ students: [3], class: null, on: '2026-09-10' })
    expect(stepInput('return', ' 非本校录取 ')).toEqual({ action: 'return', reason: '非本校录取' })
    expect(stepInput('approve')).toEqual({ action: 'approve', node: null })
    expect(freshmenStepRequest(2026, [1, 2], stepInput('done'))).toEqual({ year: 2026, students: [1, 2], input: { action: 'done' }, on: null, actor: null, note: null })
  })

  it('groups a class start’s skipped students by reason', () => {
    const g = groupSkipped([
      { id: 1, name: '甲', why: '已有转入记录（审批中）' },
      { id: 2, name: '乙', why: '暂不能转入：重复账号' },
      { id: 3, name: '丙', why: '已有转入记录（审批中）' },
    ])
    expect(g).toEqual([
      { why: '已有转入记录（审批中）', names: ['甲', '丙'] },
      { why: '暂不能转入：重复账号', names: ['乙'] },
    ])
  })
})

describe('letters and the dashboard card', () => {
  it('names the receipt file', () => {
    expect(receiptFileName([{ number: '2026年015号', name: '王小明' }])).toBe('回执_2026年015号_王小明.pdf')
    expect(receiptFileName([{ number: 'a/b', name: 'x' }, { number: 'c', name: 'y' }])).toBe('回执_2份.pdf')
    expect(receiptsUnsent([{ receipt_sent_on: null }, { receipt_sent_on: '2026-09-20' }]).length).toBe(1)
  })

  it('shows the card with students, or in September and October', () => {
    expect(showFreshmenCard(3, '2026-06-01')).toBe(true)
    expect(showFreshmenCard(0, '2026-09-01')).toBe(true)
    expect(showFreshmenCard(0, '2026-10-31')).toBe(true)
    expect(showFreshmenCard(0, '2026-11-01')).toBe(false)
  })

  it('gives a rule its title', () => {
    expect(ruleRef('N1').title).toBe('新生转入的发起与完成时限')
    expect(ruleRef('X9')).toEqual({ id: 'X9', title: 'X9', source: '' })
  })
})
