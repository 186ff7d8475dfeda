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
