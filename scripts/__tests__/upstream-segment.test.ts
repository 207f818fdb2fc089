import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { foreignImports } from '../upstream/check'
import { filesUnder, moduleSpecifiers, sourceFilesUnder } from '../upstream/folder'
import { exportFolder, FOLDER, SEGMENT_PRETTIER } from '../upstream/segment'
import { HOST_PACKAGES } from '../upstream/segment-fold'

const ROOT = path.resolve(__dirname, '..', '..')

let outDir: string
let folder: string

const relativeFiles = () => filesUnder(folder).map((file) => path.relative(folder, file).split(path.sep).join('/'))
const read = (relative: string) => readFileSync(path.join(folder, relative), 'utf8')

describe('npm run upstream -- segment OUT_DIR', () => {
  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'msads-upstream-test-'))
    folder = exportFolder(outDir)
  })
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it('writes the destination with fields/ and the core it needs folded in, importing only its own files and the monorepo’s packages', () => {
    expect(folder).toBe(path.join(outDir, FOLDER))
    expect(read('trackConversion/fields.ts')).toContain("from '../fields/email'")
    expect(read('core/conversions/deliver.ts')).toContain('export const deliverOfflineConversions = ')
    // The monorepo's own test-data generator, one level above the destinations.
    expect(foreignImports(folder, HOST_PACKAGES)).toEqual([
      `${path.join('__tests__', '__helpers__', 'snapshot-support.ts')} imports ../../../../lib/test-data`
    ])
    const specifiers = sourceFilesUnder(folder).flatMap((file) => moduleSpecifiers(readFileSync(file, 'utf8')))
    expect(specifiers.filter((specifier) => /^(msads-conversions|zod|libphonenumber-js)/.test(specifier))).toEqual([])
  })

  it('carries nothing of the command line, the emulator or the RudderStack host', () => {
    const core = relativeFiles().filter((file) => file.startsWith('core/'))
    expect(core.length).toBeGreaterThan(20)
    expect(core.filter((file) => /^core\/(cli|emulator|rudderstack|microsoft\/bulk)\//.test(file))).toEqual([])
    expect(relativeFiles().filter((file) => file.includes('/emulator/'))).toEqual([])
  })

  it('copies each core module as it is in src/, only its imports rewritten', () => {
    const prettier = require('prettier-2.4.1') as { format(text: string, options: object): string }
    const source = readFileSync(path.join(ROOT, 'src', 'microsoft', 'error-codes.ts'), 'utf8')
    const withoutImports = (text: string) => text.replace(/^import [^\n]*\n/gm, '')
    expect(withoutImports(read('core/microsoft/error-codes.ts'))).toBe(
      withoutImports(prettier.format(source, { parser: 'typescript', ...SEGMENT_PRETTIER }))
    )
  })

  it('keeps test helpers where the package’s jest does not run them, and leaves our test-data copy out', () => {
    const underTests = relativeFiles().filter((file) => /(^|\/)__tests__\/[^/]+\.ts$/.test(file))
    expect(underTests.filter((file) => !file.endsWith('.test.ts'))).toEqual([])
    expect(relativeFiles()).toContain('__tests__/__helpers__/snapshot-support.ts')
    expect(relativeFiles().filter((file) => file.endsWith('test-data.ts'))).toEqual([])
  })

  it('writes no inline `type` import, which the package’s Prettier 2.4.1 cannot parse', () => {
    const inline = sourceFilesUnder(folder).filter((file) =>
      /^(import|export) \{[^}]*\btype [A-Za-z]/m.test(readFileSync(file, 'utf8'))
    )
    expect(inline).toEqual([])
  })

  it('is formatted as the package’s Prettier 2.4.1 writes it', () => {
    const prettier = require('prettier-2.4.1') as {
      check(text: string, options: object): boolean
    }
    const unformatted = sourceFilesUnder(folder).filter(
      (file) => !prettier.check(readFileSync(file, 'utf8'), { parser: 'typescript', ...SEGMENT_PRETTIER })
    )
    expect(unformatted).toEqual([])
  })
})

describe('destinations/segment in this repository', () => {
  it('imports the core only by its package name, never by a path into src/', () => {
    const destination = path.resolve(ROOT, 'destinations', 'segment')
    const intoSource = sourceFilesUnder(destination)
      .filter((file) => !file.includes(`${path.sep}__tests__${path.sep}emulator${path.sep}`))
      .flatMap((file) => moduleSpecifiers(readFileSync(file, 'utf8')).map((specifier) => ({ file, specifier })))
      .filter(({ specifier }) => /^(\.\.\/)+src(\/|$)/.test(specifier))
    expect(intoSource).toEqual([])
  })
})
