import { describe, expect, it } from 'vitest'
import { citedDocuments, readableCitation, splitPolicy } from '../src/lib/rules'

describe('rule sources', () => {
  it('names the cited documents instead of their numbers', () => {
    expect(citedDocuments('须完成团员身份认证（002 §2.8）')).toEqual(['“智慧团建”系统毕业学生团员组织关系转接操作说明'])
    expect(citedDocuments('（001 二.2，000 关键时间节点；001 一.1）')).toEqual([
      '关于在“智慧团建”系统上做好毕业学生团员团组织关系转接工作的通知',
      '高校学社衔接操作指南',
    ])
    expect(citedDocuments('2017年（含）后')).toEqual([])
  })
})

// #18 finding 7: no rule code or document number stands in a sentence the secretary reads.
describe('policy texts', () => {
  const words = (text: string) =>
    splitPolicy(text)
      .map((s) => (s.kind === 'text' ? s.text : '[依据]'))
      .join('')

  it('moves document citations into a 依据 mark', () => {
    expect(words('暂不办理线上转接（003 #68），由团支部线下管理')).toBe('暂不办理线上转接[依据]，由团支部线下管理')
    expect(words('不再保留团籍（超龄离团，000 #25、004 八、十五），不办理')).toBe('不再保留团籍（超龄离团）[依据]，不办理')
    const basis = splitPolicy('（003 #70、#75）')[0]
    expect(basis).toEqual({ kind: 'basis', cites: ['《“智慧团建”常见问题解答》第70条、第75条'], rules: [] })
  })

  it('moves rule ids into the mark, to be named by title', () => {
    expect(splitPolicy('报上级删除（M9）')).toEqual([
      { kind: 'text', text: '报上级删除' },
      { kind: 'basis', cites: [], rules: ['M9'] },
    ])
    expect(words('修改须经上级审批（G4）。')).toBe('修改须经上级审批[依据]。')
  })

  it('leaves other parentheses alone', () => {
    expect(words('2017年（含）后未满14周岁入团')).toBe('2017年（含）后未满14周岁入团')
    expect(words('已满27周岁（2026-09-01 满28周岁）')).toBe('已满27周岁（2026-09-01 满28周岁）')
  })

  it('reads sections and ranges', () => {
    expect(readableCitation('002 §2.2')).toBe('《“智慧团建”系统毕业学生团员组织关系转接操作说明》第2.2节')
    expect(readableCitation('000 #25–26')).toBe('《高校学社衔接操作指南》第25–26条')
  })
})
