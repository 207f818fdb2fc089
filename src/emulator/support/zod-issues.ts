import type { ZodIssue } from 'zod'

/** `OfflineConversions[3].ConversionValue` from zod's path. */
export function issuePath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    ''
  )
}

/** The first few issues in one line, for a fault's Details. */
export function describeIssues(issues: readonly ZodIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((issue) => {
    const path = issuePath(issue.path)
    return path ? `${path}: ${issue.message}` : issue.message
  })
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : ''
  return `${shown.join('; ')}${more}`
}
