// The destination-facts form: defaults, and which fields apply to which destination kind.
import type { FactsInput } from '../bindings'

export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function defaultFacts(today: Date): FactsInput {
  return {
    on: isoDate(today),
    id_number: null,
    birth_date: null,
    joined: null,
    politics: 'league',
    league_post: false,
    school: 'university',
    marking: null,
    identity_verified: true,
    active_transfer: false,
    status: 'graduating',
    destination: {
      kind: 'employed',
      employer_has_org: true,
      labor_dispatch: false,
      system: null,
      province: null,
      central_unit_in_beijing: false,
      retain_in_school: false,
      note: null,
      chosen_reason: null,
      unit_name: null,
      address: null,
      target_org: null,
      study_level: null,
      city: null,
    },
  }
}

/** Whether a destination field is asked for the chosen kind (hidden otherwise). */
export function destinationFieldShown(kind: string, field: 'employer' | 'province' | 'retain'): boolean {
  switch (field) {
    case 'employer':
      return kind === 'employed' || kind === 'abroad_work'
    case 'province':
      return kind !== 'abroad_study' && kind !== 'abroad_private'
    case 'retain':
      return kind === 'none'
  }
}

/** Empty strings become null, so the Rust side sees "not given" rather than "". */
export function cleaned(f: FactsInput): FactsInput {
  const n = (s: string | null) => (s && s.trim() ? s.trim() : null)
  return {
    ...f,
    id_number: n(f.id_number),
    birth_date: n(f.birth_date),
    joined: n(f.joined),
    marking: n(f.marking),
    destination: {
      ...f.destination,
      system: n(f.destination.system),
      province: n(f.destination.province),
      note: n(f.destination.note),
      chosen_reason: n(f.destination.chosen_reason),
      unit_name: n(f.destination.unit_name),
      address: n(f.destination.address),
      target_org: n(f.destination.target_org),
    },
  }
}
