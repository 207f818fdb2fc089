/**
 * The folder for RudderStack: `bingads_conversions/`, laid out as the two repositories it goes into, merged by
 * copying it in. The core modules the destination uses are folded in (core-fold.ts); the stand-ins in contracts/
 * give way to rudder-transformer's own helpers (HOST_MODULES); it is formatted with rudder-transformer's Prettier.
 * - `rudder-transformer/src/v0/destinations/bingads_conversions/`: the destination (processor, router, proxy),
 *   `transform.ts`, `types.ts`, `core/` (the folded core) and `__tests__/` (unit tests);
 * - `rudder-transformer/src/v1/destinations/bingads_conversions/networkHandler.ts`: the v1 delivery proxy;
 * - `rudder-transformer/test/integrations/destinations/bingads_conversions/`: the component test data (processor,
 *   router, dataDelivery), network.ts and mocks.ts (the fixtures' clock);
 * - `rudder-integrations-config/src/configurations/destinations/bingads_conversions/`: db-config, schema, ui-config.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { foldCore } from './core-fold'
import { copyFolder, filesUnder, sourceFilesUnder } from './folder'
import type { CheckProject } from './host'
import { HOST_ESLINTIGNORE, HOST_ESLINTRC, LINT_TOOLS } from './rudder-transformer-lint'

export const FOLDER = 'bingads_conversions'
const NAME = 'bingads_conversions'

const ROOT = path.resolve(__dirname, '..', '..')
const DESTINATION = path.join(ROOT, 'destinations', 'rudderstack')
const CORE = path.join(ROOT, 'src')

export const TRANSFORMER_SOURCE = `rudder-transformer/src/v0/destinations/${NAME}`
export const TRANSFORMER_PROXY = `rudder-transformer/src/v1/destinations/${NAME}`
export const TRANSFORMER_TESTS = `rudder-transformer/test/integrations/destinations/${NAME}`
export const INTEGRATIONS_CONFIG = `rudder-integrations-config/src/configurations/destinations/${NAME}`

/**
 * The files of destinations/rudderstack that stand for a rudder-transformer module (paths relative to it): the
 * export imports rudder-transformer's own module instead, and leaves them out.
 */
export const HOST_MODULES: Readonly<Record<string, string>> = {
  'contracts/v0-util.ts': 'rudder-transformer/src/v0/util',
  'contracts/constant.ts': 'rudder-transformer/src/v0/util/constant',
  'contracts/error-types.ts': 'rudder-transformer/src/v0/util/errorTypes',
  'contracts/network-utils.ts': 'rudder-transformer/src/adapters/utils/networkUtils',
  'contracts/network.ts': 'rudder-transformer/src/adapters/network',
  'contracts/auth-constants.ts': 'rudder-transformer/src/adapters/networkhandler/authConstants',
  '__tests__/harness/test-types.ts': 'rudder-transformer/test/integrations/testTypes'
}

/**
 * The unit tests that travel beside the source: those that need only the destination, the core and the fixtures.
 * The others run on this repository's stand-ins (its service layer, its axios mock, the config files).
 */
export const EXPORTED_UNIT_TESTS = [
  'consent',
  'correlate',
  'destination-config',
  'filtered-events',
  'job-status',
  'prehashed',
  'proxy-redaction'
]

function relativeTo(dir: string, file: string): string | undefined {
  const relative = path.relative(dir, file).split(path.sep).join('/')
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative
}

/** Where a file of destinations/rudderstack or of the core goes in the exported folder; undefined: not exported. */
export function exportedPath(file: string): string | undefined {
  const core = relativeTo(CORE, file)
  if (core !== undefined) return core === 'index.ts' ? undefined : `${TRANSFORMER_SOURCE}/core/${core}`
  const relative = relativeTo(DESTINATION, file)
  if (relative === undefined || HOST_MODULES[relative]) return undefined
  if (relative === 'contracts/rudder-types.ts') return `${TRANSFORMER_SOURCE}/types.ts`
  if (relative.startsWith('config/') || relative === 'service-layer.ts') return undefined
  // rudder-transformer reads fixtures from <destination>/<feature>/data.ts, and mocks from mocks.ts.
  if (relative.startsWith('__tests__/data/')) return `${TRANSFORMER_TESTS}/${relative.slice('__tests__/data/'.length)}`
  if (relative === '__tests__/harness/clock.ts') return `${TRANSFORMER_TESTS}/mocks.ts`
  const unit = /^__tests__\/unit\/(.+)\.test\.ts$/.exec(relative)
  if (unit)
    return EXPORTED_UNIT_TESTS.includes(unit[1]) ? `${TRANSFORMER_SOURCE}/__tests__/${unit[1]}.test.ts` : undefined
  if (relative.startsWith('__tests__/')) return undefined
  return `${TRANSFORMER_SOURCE}/${relative}`
}

function hostModuleOf(file: string): string | undefined {
  const relative = relativeTo(DESTINATION, file)
  return relative === undefined ? undefined : HOST_MODULES[relative]
}

function writeFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}

/** rudder-transformer's .prettierrc. */
export const HOST_PRETTIER = {
  trailingComma: 'all',
  tabWidth: 2,
  semi: true,
  singleQuote: true,
  printWidth: 100
} as const

const PROXY_ENTRY = `/** rudder-transformer's v1 network handler factory loads \`networkHandler\` from here. */
export { networkHandler } from '../../../v0/destinations/${NAME}/network-handler';
`

const TRANSFORM_ENTRY = `/** rudder-transformer loads a destination's \`process\` and \`processRouterDest\` from its transform module. */
export { process, processRouterDest } from './index';
`

const NETWORK_ENTRY = `/** Microsoft's answers to the dataDelivery cases, where rudder-transformer's component test looks for them. */
export { networkCallsData } from './dataDelivery/data';
`

/** The destination's files to export: its source and the tests that travel (not the config files). */
function entries(): string[] {
  return filesUnder(DESTINATION).filter((file) => /\.ts$/.test(file) && exportedPath(file) !== undefined)
}

async function format(file: string, text: string): Promise<string> {
  // Loaded when formatting only: Prettier 3 loads its plugins with import(), which jest's module sandbox refuses.
  const prettier = await import('prettier')
  return prettier.format(text, { ...HOST_PRETTIER, filepath: file })
}

export async function exportFolder(outDir: string): Promise<string> {
  const folder = path.join(outDir, FOLDER)
  rmSync(folder, { recursive: true, force: true })
  const folded = foldCore({
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    entries: entries(),
    placeOf: exportedPath,
    hostModuleOf,
    undefinedAsTypeof: true
  })
  folded.set(`${TRANSFORMER_SOURCE}/transform.ts`, TRANSFORM_ENTRY)
  folded.set(`${TRANSFORMER_PROXY}/networkHandler.ts`, PROXY_ENTRY)
  folded.set(`${TRANSFORMER_TESTS}/network.ts`, NETWORK_ENTRY)
  for (const [place, text] of folded) writeFile(path.join(folder, place), await format(place, text))
  copyFolder(path.join(DESTINATION, 'config'), path.join(folder, INTEGRATIONS_CONFIG))
  return folder
}

/**
 * rudder-transformer's compiler options (its root tsconfig.json), over the folder and the stand-ins for its modules.
 * `allowJs` takes in the stand-in for `src/util/lodash-es-core.js` and its global `var undefined`.
 */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2021',
    lib: ['es2019'],
    module: 'commonjs',
    moduleResolution: 'node',
    resolveJsonModule: true,
    allowJs: true,
    checkJs: false,
    esModuleInterop: true,
    forceConsistentCasingInFileNames: true,
    strict: true,
    noImplicitAny: false,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest']
  },
  include: [`${FOLDER}/rudder-transformer/src`, `${FOLDER}/rudder-transformer/test`]
}

const JEST_CONFIG = `module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/${FOLDER}'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json']
}
`

/** rudder-transformer's `src/util/lodash-es-core.js` starts with this global declaration. */
const GLOBAL_UNDEFINED = `/* eslint-disable */
var undefined;
`

/**
 * This repository's stand-ins for rudder-transformer's modules (HOST_MODULES), placed where rudder-transformer keeps
 * them, so that the exported folder compiles and its unit tests run without a checkout.
 */
async function hostStandIns(): Promise<Record<string, string>> {
  const targets = Object.values(HOST_MODULES)
  const placeOf = (file: string): string | undefined => {
    const relative = relativeTo(DESTINATION, file)
    const hostModule = relative === undefined ? undefined : HOST_MODULES[relative]
    if (hostModule === undefined) return undefined
    const isFolder = targets.some((target) => target.startsWith(`${hostModule}/`))
    return `${FOLDER}/${hostModule}${isFolder ? '/index.ts' : '.ts'}`
  }
  const folded = foldCore({
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    entries: Object.keys(HOST_MODULES).map((relative) => path.join(DESTINATION, relative)),
    placeOf: (file) => placeOf(file) ?? exportedPath(file)?.replace(/^/, `${FOLDER}/`),
    hostModuleOf: () => undefined,
    undefinedAsTypeof: true
  })
  const files: Record<string, string> = {
    [`${FOLDER}/rudder-transformer/src/util/lodash-es-core.js`]: GLOBAL_UNDEFINED,
    '.prettierrc': `${JSON.stringify(HOST_PRETTIER, null, 2)}\n`
  }
  for (const [place, text] of folded) if (!place.includes(`/destinations/${NAME}/`)) files[place] = text
  return files
}

export const checkProject: CheckProject = {
  standsAlone: true,
  hostStandIns,
  hostModules: [
    '@rudderstack/integrations-lib',
    'axios',
    'zod',
    'libphonenumber-js',
    'jest',
    'ts-jest',
    'typescript',
    'prettier',
    '@types/jest',
    '@types/node',
    ...Object.keys(LINT_TOOLS)
  ],
  allowedImports: ['@rudderstack/integrations-lib', 'axios', 'zod', 'libphonenumber-js'],
  files: {
    'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    'jest.config.js': JEST_CONFIG,
    '.eslintrc.json': `${JSON.stringify(HOST_ESLINTRC, null, 2)}\n`,
    '.eslintignore': `${HOST_ESLINTIGNORE.join('\n')}\n`
  },
  commands: [
    ['node_modules/typescript/bin/tsc', '-p', '.'],
    // rudder-transformer lints its source (its .eslintignore leaves the tests out); warnings do not fail its CI
    [
      'node_modules/eslint/bin/eslint.js',
      `${FOLDER}/rudder-transformer/src/v0/destinations/${NAME}`,
      `${FOLDER}/rudder-transformer/src/v1/destinations/${NAME}`
    ],
    [
      'node_modules/prettier/bin/prettier.cjs',
      '--check',
      `${FOLDER}/rudder-transformer/src/v0/destinations/${NAME}`,
      `${FOLDER}/rudder-transformer/src/v1`,
      `${FOLDER}/rudder-transformer/test/integrations/destinations`
    ],
    ['node_modules/jest/bin/jest.js', '--ci']
  ],
  verify(_projectDir, folder) {
    const problems: string[] = []
    const source = path.join(folder, TRANSFORMER_SOURCE)
    // The unit tests beside the source may read the fixtures; the destination itself may not.
    for (const file of sourceFilesUnder(source).filter((f) => !f.includes(`${path.sep}__tests__${path.sep}`))) {
      const text = readFileSync(file, 'utf8')
      if (/from '(\.\.\/)+(test|rudder-integrations-config)\//.test(text) || text.includes('/test/integrations/')) {
        problems.push(`${path.relative(folder, file)} imports the tests or the config files`)
      }
    }
    const dbConfig = JSON.parse(readFileSync(path.join(folder, INTEGRATIONS_CONFIG, 'db-config.json'), 'utf8')) as {
      name?: string
    }
    if (dbConfig.name?.toLowerCase() !== NAME) problems.push(`db-config.json names ${dbConfig.name}, not ${NAME}`)
    return problems
  }
}
