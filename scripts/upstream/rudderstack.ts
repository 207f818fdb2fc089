/**
 * The folder for RudderStack: `bingads_conversions/`, laid out as the two repositories it goes into, importing the
 * core only as `msads-conversions`:
 * - `rudder-transformer/src/v0/destinations/bingads_conversions/`: the destination (processor, router, contracts),
 *   with the `transform.ts` rudder-transformer loads;
 * - `rudder-transformer/src/v1/destinations/bingads_conversions/networkHandler.ts`: the v1 delivery proxy;
 * - `rudder-transformer/test/integrations/destinations/bingads_conversions/`: the data.ts fixtures, network.ts
 *   and the tests, with the stand-in for rudder-transformer's service layer that runs them here;
 * - `rudder-integrations-config/src/configurations/destinations/bingads_conversions/`: db-config, schema, ui-config.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { copyFolder, filesUnder, relativeSpecifier, rewriteSpecifiers, sourceFilesUnder } from './folder'
import type { CheckProject } from './host'

export const FOLDER = 'bingads_conversions'
const NAME = 'bingads_conversions'

const ROOT = path.resolve(__dirname, '..', '..')
const DESTINATION = path.join(ROOT, 'destinations', 'rudderstack')

export const TRANSFORMER_SOURCE = `rudder-transformer/src/v0/destinations/${NAME}`
export const TRANSFORMER_PROXY = `rudder-transformer/src/v1/destinations/${NAME}`
export const TRANSFORMER_TESTS = `rudder-transformer/test/integrations/destinations/${NAME}`
export const INTEGRATIONS_CONFIG = `rudder-integrations-config/src/configurations/destinations/${NAME}`

/** Where a file of destinations/rudderstack (path relative to it, with '/') goes in the exported folder. */
export function exportedPath(relative: string): string {
  if (relative.startsWith('config/')) return `${INTEGRATIONS_CONFIG}/${relative.slice('config/'.length)}`
  // rudder-transformer has its own service layer: ours only runs the fixtures here, so it travels with the tests.
  if (relative === 'service-layer.ts') return `${TRANSFORMER_TESTS}/harness/service-layer.ts`
  // rudder-transformer reads fixtures from <destination>/<feature>/data.ts.
  if (relative.startsWith('__tests__/data/')) return `${TRANSFORMER_TESTS}/${relative.slice('__tests__/data/'.length)}`
  if (relative.startsWith('__tests__/')) return `${TRANSFORMER_TESTS}/${relative.slice('__tests__/'.length)}`
  return `${TRANSFORMER_SOURCE}/${relative}`
}

function writeFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}

/** Moves every file of the staged copy to its place, rewriting relative imports between the places. */
function place(staged: string, folder: string): void {
  const moves = new Map<string, string>()
  for (const file of filesUnder(staged)) {
    const relative = path.relative(staged, file).split(path.sep).join('/')
    moves.set(path.join(DESTINATION, relative), path.join(folder, exportedPath(relative)))
  }
  for (const [original, target] of moves) {
    writeFile(target, readFileSync(path.join(staged, path.relative(DESTINATION, original)), 'utf8'))
    if (!/\.(ts|js)$/.test(target)) continue
    rewriteSpecifiers(target, (specifier) => {
      if (!specifier.startsWith('.')) return undefined
      const resolved = path.resolve(path.dirname(original), specifier)
      const moved = moves.get(resolved) ?? moves.get(`${resolved}.ts`) ?? moves.get(path.join(resolved, 'index.ts'))
      if (!moved) return undefined
      const next = relativeSpecifier(target, moved)
      // An import of a folder's index stays an import of the folder.
      return moves.get(path.join(resolved, 'index.ts')) === moved ? next.replace(/\/index$/, '') : next
    })
  }
}

const PROXY_ENTRY = `/** rudder-transformer's v1 network handler factory loads \`networkHandler\` from here. */
export { networkHandler } from '../../../v0/destinations/${NAME}/network-handler'
`

const TRANSFORM_ENTRY = `/** rudder-transformer loads a destination's \`process\` and \`processRouterDest\` from its transform module. */
export { process, processRouterDest } from './index'
`

const NETWORK_ENTRY = `/** Microsoft's answers to the dataDelivery cases, where rudder-transformer's component test looks for them. */
export { networkCallsData } from './dataDelivery/data'
`

export function exportFolder(outDir: string): string {
  const folder = path.join(outDir, FOLDER)
  rmSync(folder, { recursive: true, force: true })
  const staged = path.join(outDir, `.${FOLDER}-staged`)
  rmSync(staged, { recursive: true, force: true })
  copyFolder(DESTINATION, staged)
  try {
    place(staged, folder)
  } finally {
    rmSync(staged, { recursive: true, force: true })
  }
  writeFile(path.join(folder, TRANSFORMER_SOURCE, 'transform.ts'), TRANSFORM_ENTRY)
  writeFile(path.join(folder, TRANSFORMER_PROXY, 'networkHandler.ts'), PROXY_ENTRY)
  writeFile(path.join(folder, TRANSFORMER_TESTS, 'network.ts'), NETWORK_ENTRY)
  return folder
}

/** rudder-transformer's compiler options (its root tsconfig.json), over the folder alone. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2021',
    lib: ['es2019'],
    module: 'commonjs',
    moduleResolution: 'node',
    resolveJsonModule: true,
    esModuleInterop: true,
    forceConsistentCasingInFileNames: true,
    strict: true,
    noImplicitAny: false,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest']
  },
  include: [FOLDER]
}

const JEST_CONFIG = `module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/${FOLDER}'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json']
}
`

export const checkProject: CheckProject = {
  hostModules: [
    '@rudderstack/integrations-lib',
    'axios',
    'zod',
    'jest',
    'ts-jest',
    'typescript',
    '@types/jest',
    '@types/node'
  ],
  allowedImports: ['@rudderstack/integrations-lib', 'axios', 'zod'],
  files: { 'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`, 'jest.config.js': JEST_CONFIG },
  commands: [
    ['node_modules/typescript/bin/tsc', '-p', '.'],
    ['node_modules/jest/bin/jest.js', '--ci']
  ],
  verify(_projectDir, folder) {
    const problems: string[] = []
    const source = path.join(folder, TRANSFORMER_SOURCE)
    for (const file of sourceFilesUnder(source)) {
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
