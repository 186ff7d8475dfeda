import { describe, expect, it } from 'vitest'
import { rateChartOption, ratePercent, tooltipText } from '../src/lib/chart'

describe('rate chart', () => {
  it('rounds to one decimal and leaves empty units blank', () => {
    expect(ratePercent({ unit: 'a', numerator: 1, denominator: 3 })).toBe(33.3)
    expect(ratePercent({ unit: 'b', numerator: 0, denominator: 0 })).toBeNull()
  })
  it('builds one bar per unit with the target line', () => {
    const o = rateChartOption('学社衔接率', [
      { unit: '一班', numerator: 9, denominator: 10 },
      { unit: '二班', numerator: 5, denominator: 10 },
    ])
    expect(o.xAxis.data).toEqual(['一班', '二班'])
    expect(o.series[0]!.data).toEqual([90, 50])
    expect(o.series[0]!.markLine.data[0]!.yAxis).toBe(100)
  })
  it('hovering a short label gives the full name', () => {
    const bars = [{ unit: '人工智能2022级1班', full: '共青团星河大学信息工程学院人工智能2022级1班团支部', numerator: 1, denominator: 4 }]
    const o = rateChartOption('学社衔接率', bars)
    expect(o.tooltip.formatter([{ dataIndex: 0 }])).toBe('共青团星河大学信息工程学院人工智能2022级1班团支部<br/>25%（1 / 4）')
    expect(tooltipText({ unit: '一班', numerator: 0, denominator: 0 })).toContain('—')
  })
})
