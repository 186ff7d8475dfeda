import { describe, expect, it } from 'vitest'
import { shortNames } from '../src/lib/names'

const college = '共青团星河大学信息工程学院委员会'
const b1 = '共青团星河大学信息工程学院人工智能2022级1班团支部'
const b2 = '共青团星河大学信息工程学院软件工程2022级2班团支部'

describe('shortNames', () => {
  it('shows what tells branches of one college apart', () => {
    const short = shortNames([b1, b2])
    expect(short(b1)).toBe('人工智能2022级1班')
    expect(short(b2)).toBe('软件工程2022级2班')
  })
  it('keeps the college committee readable among its branches', () => {
    const short = shortNames([college, b1, b2])
    expect(short(college)).toBe('星河大学信息工程学院')
    expect(short(b1)).toBe('人工智能2022级1班')
  })
  it('does not cut inside a word', () => {
    const short = shortNames(['共青团星河大学软件工程2022级1班团支部', '共青团星河大学软件工程2022级2班团支部'])
    expect(short('共青团星河大学软件工程2022级1班团支部')).toBe('软件工程2022级1班')
  })
  it('a single name loses only 共青团 and its level', () => {
    expect(shortNames([b1])(b1)).toBe('星河大学信息工程学院人工智能2022级1班')
  })
})
