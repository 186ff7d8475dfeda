import { describe, expect, it } from 'vitest'
import { buildIndex, buildIndexInChunks, byWarnings, distinct, groupCounts, maskIdQuery, passes, normalizeQuery, pinyinKeys, search, sortByPinyin, type GraduateRow } from '../src/lib/search'

function row(id: number, name: string, extra: Partial<GraduateRow> = {}): GraduateRow {
  return {
    id,
    name,
    id_number: `420502********${String(id).padStart(4, '0')}`,
    student_no: `2022${String(id).padStart(6, '0')}`,
    branch: 0,
    graduates: '2026年7月',
    destination: '升学',
    target_org: null,
    marking: null,
    reason: null,
    blocked: false,
    transfer_state: null,
    has_transfer: false,
    group: 'ready',
    reviewed: false,
    paperwork: [],
    warnings: [],
    ...extra,
  }
}

describe('pinyin keys', () => {
  it('gives initials and full pinyin', () => {
    expect(pinyinKeys('张三丰')).toEqual({ initials: 'zsf', full: 'zhangsanfeng' })
  })
  it('reads surnames as surnames (单 shan, 曾 zeng)', () => {
    expect(pinyinKeys('单田芳').initials).toBe('stf')
    expect(pinyinKeys('曾小明').full.startsWith('zeng')).toBe(true)
  })
})

describe('search', () => {
  const rows = [
    row(1, '张三丰'),
    row(2, '李四', { branch: 1, marking: '教师' }),
    row(3, '王五', { student_no: null, id_number: '110105********002X' }),
  ]
  const index = buildIndex(rows)

  it('matches name, initials, full pinyin, ID number and 学号', () => {
    expect(search(index, '三丰').map((r) => r.id)).toEqual([1])
    expect(search(index, 'zsf').map((r) => r.id)).toEqual([1])
    expect(search(index, 'ZSF').map((r) => r.id)).toEqual([1])
    expect(search(index, 'lisi').map((r) => r.id)).toEqual([2])
    expect(search(index, '002x').map((r) => r.id)).toEqual([3])
    expect(search(index, '2022000002').map((r) => r.id)).toEqual([2])
  })
  it('finds a masked ID number by the full one typed', () => {
    expect(maskIdQuery('11010519491231002x')).toBe('110105********002x')
    expect(search(index, '11010519491231002X').map((r) => r.id)).toEqual([3])
    expect(search(index, '110105').map((r) => r.id)).toEqual([3])
  })
  it('builds the same index in chunks', async () => {
    expect(await buildIndexInChunks(rows, 2)).toEqual(buildIndex(rows))
  })
  it('folds full-width input and spaces', () => {
    expect(normalizeQuery('  ＺＳＦ　')).toBe('zsf')
    expect(search(index, 'z s f').map((r) => r.id)).toEqual([1])
  })
  it('an empty query returns every row; filters narrow', () => {
    expect(search(index, '')).toHaveLength(3)
    expect(search(index, '', { branch: 1 }).map((r) => r.id)).toEqual([2])
    expect(search(index, '', { marking: '教师' }).map((r) => r.id)).toEqual([2])
    expect(search(index, 'zsf', { branch: 1 })).toHaveLength(0)
  })
  it('sorts by pinyin', () => {
    expect(sortByPinyin(buildIndex(rows)).map((r) => r.row.name)).toEqual(['李四', '王五', '张三丰'])
  })
  it('lists distinct filter values', () => {
    expect(distinct(rows, 'destination')).toEqual(['升学'])
    expect(distinct(rows, 'marking')).toEqual(['教师'])
  })
})

describe('10,000 rows', () => {
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
  const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂'
  const rows: GraduateRow[] = []
  for (let i = 0; i < 10_000; i++) {
    const name = surnames[i % 20]! + given[(i * 7) % 25]! + given[(i * 13) % 25]!
    rows.push(row(i, name, { branch: i % 40 }))
  }
  const index = buildIndex(rows)

  it('filters within 100 ms per keystroke', () => {
    const queries = ['w', 'wf', '王', 'zhang', '420502', '2022000999']
    const times: number[] = []
    for (const q of queries) {
      const t = performance.now()
      search(index, q, { branch: 3 })
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    expect(times[Math.floor(times.length / 2)]!).toBeLessThan(100)
    expect(search(index, '2022000999')).toHaveLength(1)
  })
})

describe('review groups', () => {
  it('counts each group, reviewed ones apart, and filters by them', () => {
    const rows = [
      row(1, '甲', { group: 'blocked', blocked: true }),
      row(2, '乙', { group: 'ready' }),
      row(3, '丙', { group: 'ready', reviewed: true }),
      row(4, '丁', { group: 'missing' }),
    ]
    expect(groupCounts(rows)).toEqual({ reviewed: 1, blocked: 1, ready: 1, missing: 1 })
    expect(rows.filter((r) => passes(r, { group: 'ready' })).map((r) => r.id)).toEqual([2])
    expect(rows.filter((r) => passes(r, { group: 'reviewed' })).map((r) => r.id)).toEqual([3])
    expect(rows.filter((r) => passes(r, { group: null })).length).toBe(4)
  })
})

describe('warnings read once', () => {
  it('groups the unreviewed 有提醒 graduates by the warnings they share', () => {
    const rows = [
      row(1, '甲', { group: 'warnings', warnings: ['W5 工作日历'] }),
      row(2, '乙', { group: 'warnings', warnings: ['W5 工作日历'] }),
      row(3, '丙', { group: 'warnings', warnings: ['W6 参军入伍'] }),
      row(4, '丁', { group: 'warnings', warnings: ['W5 工作日历'], reviewed: true }),
      row(5, '戊', { group: 'ready' }),
    ]
    const sets = byWarnings(rows)
    expect(sets.map((s) => s.ids)).toEqual([[1, 2], [3]])
    expect(sets[0]?.sample.name).toBe('甲')
  })
})
