// The policy documents the rules cite by number (docs/rules.md): "002 §2.8" means the second
// document's section 2.8. A secretary sees the document's name, not its number.
const DOCUMENTS: Record<string, string> = {
  '000': '高校学社衔接操作指南',
  '001': '关于在“智慧团建”系统上做好毕业学生团员团组织关系转接工作的通知',
  '002': '“智慧团建”系统毕业学生团员组织关系转接操作说明',
  '003': '“智慧团建”常见问题解答',
  '004': '智慧团建团关系转接办理转出问题及解决方法',
}

/** The documents a rule's source text cites, by name, in order of first mention. */
export function citedDocuments(source: string): string[] {
  const seen: string[] = []
  for (const m of source.matchAll(/(?<![0-9])(00[0-4])(?![0-9])/g)) {
    const name = DOCUMENTS[m[1] as string]
    if (name && !seen.includes(name)) seen.push(name)
  }
  return seen
}

/** A piece of a policy text: words, or the basis a parenthesis cited (documents, rule ids). */
export type PolicySegment = { kind: 'text'; text: string } | { kind: 'basis'; cites: string[]; rules: string[] }

// A document citation ("003 #68", "002 §2.8", "004 八") or a rule id ("M9", "R7b").
const CITATION = /(?:(?<![0-9])00[0-4] |(?<![A-Za-z0-9])[RMWGFL][0-9]+[a-z]?(?![A-Za-z0-9]))/
const RULE_ID = /(?<![A-Za-z0-9])[RMWGFL][0-9]+[a-z]?(?![A-Za-z0-9])/g

/** "003 #68、#75" → "《“智慧团建”常见问题解答》第68、75条": the citation as a secretary reads it. */
export function readableCitation(cite: string): string {
  return cite
    .replace(/(?<![0-9])(00[0-4]) /g, (_, d: string) => `《${DOCUMENTS[d] ?? d}》`)
    .replace(/#([0-9]+)(?:–([0-9]+))?/g, (_, a: string, b?: string) => (b ? `第${a}–${b}条` : `第${a}条`))
    .replace(/§([0-9.]+)/g, '第$1节')
}

/**
 * Splits a text of the engine or a hint into words and bases: a parenthesis that cites
 * documents or rules ("（003 #68）", "（超龄离团，000 #25、004 八）", "（M9）") keeps its words and
 * gives its citations to a 依据 mark, so no code stands in the sentence.
 */
export function splitPolicy(text: string): PolicySegment[] {
  const out: PolicySegment[] = []
  let rest = 0
  for (const m of text.matchAll(/（([^（）]*)）/g)) {
    const inner = m[1] ?? ''
    const at = inner.search(CITATION)
    if (at < 0) continue
    const start = m.index ?? 0
    const words = inner.slice(0, at).replace(/[，、；：\s]+$/, '')
    const citePart = inner.slice(at)
    const rules = [...citePart.matchAll(RULE_ID)].map((r) => r[0])
    const docs = citePart.replace(RULE_ID, '').replace(/^[，、；\s]+|[，、；\s]+$/g, '')
    const before = text.slice(rest, start) + (words ? `（${words}）` : '')
    if (before) out.push({ kind: 'text', text: before })
    out.push({ kind: 'basis', cites: docs ? [readableCitation(docs)] : [], rules })
    rest = start + m[0].length
  }
  if (rest < text.length) out.push({ kind: 'text', text: text.slice(rest) })
  return out
}
