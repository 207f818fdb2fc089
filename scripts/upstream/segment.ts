/**
 * The folder for segmentio/action-destinations: `packages/destination-actions/src/destinations/<FOLDER>/`, merged by
 * copying it in. destinations/segment with fields/ and the core modules it needs folded in (segment-fold.ts),
 * formatted with the package's Prettier settings, its test helpers where the package's jest does not run them, the
 * snapshots and metadata.json as the package's own tools wrote them (segment-fold/snapshots, segment-fold/metadata.json,
 * refreshed by scripts/hosts/action-destinations.sh), and the monorepo's test-data generator instead of ours.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { relativeSpecifier, sourceFilesUnder } from './folder'
import { foldSegment } from './segment-fold'

export const FOLDER = 'microsoft-advertising-conversions'

const ROOT = path.resolve(__dirname, '..', '..')
const DESTINATION = path.join(ROOT, 'destinations', 'segment')
const FIELDS = path.join(ROOT, 'fields')
/** What the package's tools wrote, kept here so that the export carries them. */
export const UPSTREAM_SNAPSHOTS = path.join(__dirname, 'segment-fold', 'snapshots')
export const UPSTREAM_METADATA = path.join(__dirname, 'segment-fold', 'metadata.json')
/** Our copy of the monorepo's generator (packages/destination-actions/src/lib/test-data.ts), and where that lives. */
const TEST_DATA = path.join(DESTINATION, '__tests__', 'test-data.ts')
const MONOREPO_TEST_DATA = path.join('..', 'lib', 'test-data')
/** Tests that run against the emulator, which is not part of the export, stay in this repository. */
const LEFT_OUT = [`__tests__${path.sep}emulator${path.sep}`, `__tests__${path.sep}test-data.ts`]

/** segmentio/action-destinations' Prettier settings (its root package.json), the same as this repository's. */
export const SEGMENT_PRETTIER = { semi: false, singleQuote: true, trailingComma: 'none', printWidth: 120 } as const

/**
 * The text as the package's pre-commit hook writes it: Prettier 2.4.1 (the version its lockfile pins), installed
 * here under the alias `prettier-2.4.1`. Prettier 3 lays out some TypeScript differently (parameter properties,
 * nullish coalescing inside a conditional, long template literals).
 */
function formatForSegment(text: string): string {
  let prettier: { format(text: string, options: object): string }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    prettier = require('prettier-2.4.1') as typeof prettier
  } catch {
    throw new Error('the Segment export needs the prettier-2.4.1 dev dependency: run npm ci')
  }
  return prettier.format(text, { parser: 'typescript', ...SEGMENT_PRETTIER })
}

export function exportFolder(outDir: string): string {
  const folder = path.join(outDir, FOLDER)
  rmSync(folder, { recursive: true, force: true })
  const destination = sourceFilesUnder(DESTINATION).filter(
    (file) => !LEFT_OUT.some((left) => path.relative(DESTINATION, file).startsWith(left))
  )
  const folded = foldSegment(
    {
      destination: DESTINATION,
      fields: FIELDS,
      leaveOut: () => false,
      hostSpecifier: (source, specifier) => {
        if (!specifier.startsWith('.') || path.resolve(path.dirname(source), specifier) !== TEST_DATA.slice(0, -3))
          return undefined
        const helper = path.join(folder, path.relative(DESTINATION, path.dirname(source)), '__helpers__', 'x.ts')
        return relativeSpecifier(helper, path.join(path.dirname(folder), MONOREPO_TEST_DATA))
      }
    },
    { destination, fields: sourceFilesUnder(FIELDS) }
  )
  for (const file of folded) {
    const target = path.join(folder, file.target)
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, formatForSegment(file.text))
  }
  if (existsSync(UPSTREAM_SNAPSHOTS)) cpSync(UPSTREAM_SNAPSHOTS, folder, { recursive: true })
  if (existsSync(UPSTREAM_METADATA)) cpSync(UPSTREAM_METADATA, path.join(folder, 'metadata.json'))
  return folder
}
