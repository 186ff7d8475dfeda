// ECharts options for the rate charts of 工作台 (pure, so it is unit-tested without a canvas).

export interface RateBar {
  /** Branch or college name as the axis shows it (its distinguishing part). */
  unit: string
  /** The full name, for the tooltip; `unit` when absent. */
  full?: string
  numerator: number
  denominator: number
}

/** Percentage with one decimal; an empty denominator is "—" (no graduates counted), not 0 %. */
export function ratePercent(b: RateBar): number | null {
  return b.denominator > 0 ? Math.round((b.numerator / b.denominator) * 1000) / 10 : null
}

/** A bar's tooltip: the full name, the rate, numerator over denominator. */
export function tooltipText(b: RateBar | undefined): string {
  if (!b) return ''
  const p = ratePercent(b)
  return `${b.full ?? b.unit}<br/>${p === null ? '—' : `${p}%`}（${b.numerator} / ${b.denominator}）`
}

export function rateChartOption(title: string, bars: readonly RateBar[], target = 100) {
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    // The axis shows short names; hovering a bar gives the full name and the numbers.
    tooltip: {
      trigger: 'axis' as const,
      formatter: (ps: { dataIndex: number }[]) => tooltipText(bars[ps[0]?.dataIndex ?? -1]),
    },
    grid: { left: 48, right: 16, top: 40, bottom: 72 },
    xAxis: {
      type: 'category' as const,
      data: bars.map((b) => b.unit),
      axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' as const },
    },
    yAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar' as const,
        name: title,
        data: bars.map((b) => ratePercent(b)),
        label: { show: true, position: 'top' as const, formatter: '{c}%' },
        markLine: { silent: true, symbol: 'none', label: { show: false }, data: [{ yAxis: target, name: '目标' }] },
      },
    ],
  }
}
