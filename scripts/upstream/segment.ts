/**
 * The folder for segmentio/action-destinations: `packages/destination-actions/src/destinations/<FOLDER>/`. It is
 * destinations/segment with the shared fields/ folded in, importing the core only as `msads-conversions`.
 */
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { reservedSettingKeys } from '../../destinations/segment/__tests__/reserved-field-names'
import { copyFolder, isInside, relativeSpecifier, rewriteSpecifiers, sourceFilesUnder } from './folder'
import type { CheckProject } from './host'

export const FOLDER = 'microsoft-advertising-conversions'

const ROOT = path.resolve(__dirname, '..', '..')
const DESTINATION = path.join(ROOT, 'destinations', 'segment')
const FIELDS = path.join(ROOT, 'fields')
/** Tests that run against the emulator, which is not part of the package, stay in this repository. */
const LEFT_OUT = ['__tests__/emulator']

/** Where a relative specifier of a file of the destination points once fields/ is inside the folder. */
function foldedSpecifier(
  originalFile: string,
  exportedFile: string,
  folder: string,
  specifier: string
): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const target = path.resolve(path.dirname(originalFile), specifier)
  if (!isInside(FIELDS, target)) return undefined
  return relativeSpecifier(exportedFile, path.join(folder, 'fields', path.relative(FIELDS, target)))
}

export function exportFolder(outDir: string): string {
  const folder = path.join(outDir, FOLDER)
  rmSync(folder, { recursive: true, force: true })
  copyFolder(DESTINATION, folder, LEFT_OUT)
  for (const file of sourceFilesUnder(folder)) {
    const original = path.join(DESTINATION, path.relative(folder, file))
    rewriteSpecifiers(file, (specifier) => foldedSpecifier(original, file, folder, specifier))
  }
  copyFolder(FIELDS, path.join(folder, 'fields'))
  return folder
}

/** segmentio/action-destinations' root tsconfig.json, with its actions-core subpath mapping. */
const TSCONFIG = {
  compilerOptions: {
    module: 'commonjs',
    target: 'es2020',
    lib: ['es2020'],
    moduleResolution: 'node',
    esModuleInterop: true,
    resolveJsonModule: true,
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    strictPropertyInitialization: false,
    skipLibCheck: true,
    isolatedModules: true,
    types: ['node', 'jest'],
    outDir: 'build',
    rootDir: '.',
    baseUrl: '.',
    paths: { '@segment/actions-core/*': ['node_modules/@segment/actions-core/dist/cjs/*'] }
  },
  include: [FOLDER]
}

const JEST_CONFIG = `module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/${FOLDER}'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  transform: { '^.+\\\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json']
}
`

export const checkProject: CheckProject = {
  hostModules: [
    '@segment/actions-core',
    'nock',
    'chance',
    '@types/chance',
    'jest',
    'ts-jest',
    'typescript',
    '@types/jest',
    '@types/node',
    '@types/json-schema'
  ],
  allowedImports: ['@segment/actions-core', 'nock', 'chance'],
  files: { 'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`, 'jest.config.js': JEST_CONFIG },
  commands: [
    ['node_modules/typescript/bin/tsc', '-p', '.'],
    ['node_modules/jest/bin/jest.js', '--ci']
  ],
  verify(projectDir) {
    const compiled = path.join(projectDir, 'build', FOLDER, 'index.js')
    if (!existsSync(compiled)) return [`${compiled} was not built`]
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const destination = require(compiled).default
    return reservedSettingKeys(destination).map(
      (key) => `setting "${key}" is a name Segment reserves for oauth2 destinations`
    )
  }
}
