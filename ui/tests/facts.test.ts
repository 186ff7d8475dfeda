import { describe, expect, it } from 'vitest'
import { cleaned, defaultFacts, destinationFieldShown, isoDate } from '../src/lib/facts'

describe('facts form', () => {
  it('defaults to today and the contract defaults', () => {
    const f = defaultFacts(new Date(2026, 5, 15))
    expect(f.on).toBe('2026-06-15')
    expect(f.politics).toBe('league')
    expect(f.destination.employer_has_org).toBe(true)
  })
  it('turns blank strings into null', () => {
    const f = defaultFacts(new Date(2026, 0, 2))
    f.id_number = '  '
    f.destination.province = ' 湖北 '
    const c = cleaned(f)
    expect(c.id_number).toBeNull()
    expect(c.destination.province).toBe('湖北')
  })
  it('shows fields only where they apply', () => {
    expect(destinationFieldShown('employed', 'employer')).toBe(true)
    expect(destinationFieldShown('study', 'employer')).toBe(false)
    expect(destinationFieldShown('none', 'retain')).toBe(true)
    expect(destinationFieldShown('abroad_study', 'province')).toBe(false)
  })
  it('pads dates', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05')
  })
})
