// Org names as a list shows them: every name of a college starts with the same
// 共青团某某大学某某学院…, so a column or chart label of 10 characters would read the same for
// every row. The distinguishing part is shown (the full name goes in a tooltip).

/** Where a shared prefix may be cut: after the school, the college or a committee. */
const BOUNDARIES = ['学院', '大学', '学校', '委员会', '总支', '团委']
/** Endings every name of a level shares. */
const SUFFIXES = ['总支部委员会', '团总支', '委员会', '团支部']

function trimEnds(name: string): string {
  let s = name.startsWith('共青团') ? name.slice(3) : name
  for (const suf of SUFFIXES) {
    if (s.endsWith(suf) && s.length > suf.length) {
      s = s.slice(0, -suf.length)
      break
    }
  }
  return s
}

function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return ''
  let p = names[0] ?? ''
  for (const n of names) {
    while (!n.startsWith(p)) p = p.slice(0, -1)
  }
  // Cut back to the end of the last boundary word inside it.
  let cut = 0
  for (const b of BOUNDARIES) {
    const at = p.lastIndexOf(b)
    if (at >= 0) cut = Math.max(cut, at + b.length)
  }
  return p.slice(0, cut)
}

/**
 * A function giving each of `names` its short label: the shared prefix (cut at a school,
 * college or committee) and the level's ending removed; a name that is only the prefix (the
 * college's own committee among its branches) keeps its own words.
 */
export function shortNames(names: readonly string[]): (name: string) => string {
  const distinct = [...new Set(names)]
  const prefix = commonPrefix(distinct)
  return (name: string) => {
    if (prefix && name.startsWith(prefix)) {
      const rest = name.slice(prefix.length)
      const short = trimEnds(rest)
      if (short && !SUFFIXES.includes(rest)) return short
    }
    return trimEnds(name)
  }
}
