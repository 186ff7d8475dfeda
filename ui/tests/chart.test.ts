import { describe, expect, it } from 'vitest'
import { rateChartOption, ratePercent } from '../src/lib/chart'

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
})
