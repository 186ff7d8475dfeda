// Logic of the 文书 page, kept out of the component so Vitest covers it.

/** `F1_毕业生流动团员信息汇总表_2026.xlsx`: the save dialog's default name. */
export function tableFileName(label: string, year: number | null): string {
  const [code, ...rest] = label.split(' ')
  const name = rest.join('')
  return `${code}_${name}${year ? `_${year}` : ''}.xlsx`
}

/** `介绍信_张三.pdf` for one letter, `介绍信_12封.pdf` for a batch. */
export function letterFileName(names: string[]): string {
  if (names.length === 1) return `介绍信_${safeName(names[0] ?? '')}.pdf`
  return `介绍信_${names.length}封.pdf`
}

/** Characters file systems refuse become “_”. */
export function safeName(s: string): string {
  return s.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_')
}

/** Element Plus tag type for a register row's 状态 (by its code). */
export function statusType(code: string): 'success' | 'danger' | 'info' | 'warning' {
  if (code === 'returned') return 'success'
  if (code === 'overdue') return 'danger'
  if (code === 'voided') return 'info'
  return 'warning'
}

/** Joins a folder and a file name with the folder's own separator. */
export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/'
  return dir.endsWith(sep) ? dir + name : dir + sep + name
}
