import { describe, expect, it } from 'vitest'
import { citedDocuments } from '../src/lib/rules'

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
