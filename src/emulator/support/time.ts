/** Times as the Campaign Management API reads them: ISO-8601, UTC when no offset is given. */
export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/

function offsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * MINUTE_MS
}

/** Epoch milliseconds, or undefined when the text is not a real ISO-8601 date and time. */
export function parseIsoTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zone] = match
  const [year, month, day, hour, minute, second] = [+y, +mo, +d, +h, +mi, +s]
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(Number(`0.${fraction}`) * 1000))
  const check = new Date(local)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return undefined
  return local - offsetMs(zone)
}
