/**
 * `npm run examples`: writes the sample files of examples/ into examples/fresh/ (ignored by git) with their times
 * moved so that the newest is five minutes ago, keeping the spacing between them. Microsoft takes offline
 * conversions of the last 90 days only (and no future ones), so the shipped files would otherwise age out; the
 * emulator is as strict. The tracked files are only read: a checkout stays clean.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'fs'
import { join, relative } from 'path'

export const EXAMPLES_DIRECTORY = join(__dirname, '..', 'examples')
/** Where the refreshed copies go (in .gitignore). */
export const FRESH_DIRECTORY = join(EXAMPLES_DIRECTORY, 'fresh')
/** Files without times, copied as they are so that the fresh folder is complete. */
export const OTHER_FILES = ['subscriptions.json']
export const NDJSON_FILES = ['segment-events.ndjson', 'rudderstack-events.ndjson']
export const CSV_FILES = ['conversions.csv']
/** The time fields of Segment and RudderStack events and of RudderStack records. */
const TIME_KEYS = new Set(['timestamp', 'originalTimestamp', 'conversionTime', 'adjustmentTime'])
const NEWEST_AGO_MS = 5 * 60_000

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function timesIn(value: Json, found: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((child) => timesIn(child, found))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (TIME_KEYS.has(key) && typeof child === 'string') found.push(Date.parse(child))
      else timesIn(child, found)
    }
  }
  return found
}

function shifted(value: Json, by: number): Json {
  if (Array.isArray(value)) return value.map((child) => shifted(child, by))
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      TIME_KEYS.has(key) && typeof child === 'string'
        ? new Date(Date.parse(child) + by).toISOString()
        : shifted(child, by)
    ])
  )
}

function shiftFor(times: number[], now: number): number {
  const valid = times.filter(Number.isFinite)
  return valid.length ? now - NEWEST_AGO_MS - Math.max(...valid) : 0
}

function refreshNdjson(file: string, target: string, now: number): void {
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Json)
  const by = shiftFor(
    records.flatMap((record) => timesIn(record)),
    now
  )
  writeFileSync(target, records.map((record) => JSON.stringify(shifted(record, by))).join('\n') + '\n')
}

/** The example CSVs have no quoted fields, so a comma split is exact. */
function refreshCsv(file: string, target: string, now: number): void {
  const [header, ...rows] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
  const columns = header.split(',').flatMap((name, index) => (TIME_KEYS.has(name) ? [index] : []))
  const cells = rows.map((row) => row.split(','))
  const by = shiftFor(
    cells.flatMap((row) => columns.map((index) => Date.parse(row[index]))),
    now
  )
  for (const row of cells) {
    for (const index of columns) if (row[index]) row[index] = new Date(Date.parse(row[index]) + by).toISOString()
  }
  writeFileSync(target, [header, ...cells.map((row) => row.join(','))].join('\n') + '\n')
}

/**
 * Writes the example files of `source` into `target` with their times moved so that the newest is five minutes
 * before `now`; `source` is only read.
 */
export function refreshExamples(source = EXAMPLES_DIRECTORY, target = FRESH_DIRECTORY, now = Date.now()): void {
  mkdirSync(target, { recursive: true })
  for (const name of NDJSON_FILES) refreshNdjson(join(source, name), join(target, name), now)
  for (const name of CSV_FILES) refreshCsv(join(source, name), join(target, name), now)
  for (const name of OTHER_FILES) copyFileSync(join(source, name), join(target, name))
}

if (require.main === module) {
  refreshExamples()
  const where = relative(process.cwd(), FRESH_DIRECTORY) || FRESH_DIRECTORY
  process.stdout.write(
    `${where}/: the examples, with times moved so that the newest is ${NEWEST_AGO_MS / 60_000} minutes ago\n`
  )
}
