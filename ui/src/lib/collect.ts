// Logic of 去向收集 (pure, unit-tested): where a problem is, in the words a secretary uses.
import type { CollectIssue } from '../bindings'

/** The file's name without its folder (Windows or Unix separators). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] ?? path
}

/** `某班.xlsx 第 5 行 F（毕业去向（必填））列`, or the file alone for a whole-file problem. */
export function issueWhere(i: Pick<CollectIssue, 'file' | 'row' | 'column'>): string {
  let s = baseName(i.file)
  if (i.row > 0) s += ` 第 ${i.row} 行`
  if (i.column) s += ` ${i.column}列`
  return s
}
