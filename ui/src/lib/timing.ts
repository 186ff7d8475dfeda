// Timings the E2E run reads from the window (cold start, first rows, filtering).
type Timings = Record<string, number>

export function mark(name: string, ms: number): void {
  const w = window as unknown as { __xianjieTimings?: Timings }
  w.__xianjieTimings ??= {}
  w.__xianjieTimings[name] = Math.round(ms * 10) / 10
}
