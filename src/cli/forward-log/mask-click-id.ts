/** A click id as the forward log shows it: its first and last four characters, enough to tell two apart. */
export function maskClickId(clickId: string | undefined): string | undefined {
  if (!clickId) return undefined
  if (clickId.length <= 8) return '*'.repeat(clickId.length)
  return `${clickId.slice(0, 4)}…${clickId.slice(-4)}`
}
