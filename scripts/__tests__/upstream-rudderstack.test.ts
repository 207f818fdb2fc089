import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { moduleSpecifiers, sourceFilesUnder } from '../upstream/folder'
import {
  exportedPath,
  FOLDER,
  INTEGRATIONS_CONFIG,
  TRANSFORMER_PROXY,
  TRANSFORMER_SOURCE,
  TRANSFORMER_TESTS
} from '../upstream/rudderstack'

const ROOT = path.resolve(__dirname, '..', '..')
const destination = (relative: string) => path.join(ROOT, 'destinations', 'rudderstack', relative)

let outDir: string
let folder: string
beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'msads-upstream-test-'))
  // As a maintainer runs it (npm run upstream), in its own process: Prettier cannot load inside jest's sandbox.
  const run = spawnSync(
    process.execPath,
    [
      '--conditions=msads-source',
      '-r',
      'ts-node/register/transpile-only',
      'scripts/upstream/index.ts',
      'rudderstack',
      outDir
    ],
    { cwd: ROOT, encoding: 'utf8' }
  )
  if (run.status !== 0) throw new Error(`npm run upstream failed: ${run.stderr}`)
  folder = run.stdout.trim()
}, 180_000)
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const read = (relative: string) => readFileSync(path.join(folder, relative), 'utf8')

describe('npm run upstream -- rudderstack OUT_DIR', () => {
  it('places the destination, the folded core, the fixtures and the config files as rudder-transformer keeps them', () => {
    expect(exportedPath(destination('router.ts'))).toBe(`${TRANSFORMER_SOURCE}/router.ts`)
    expect(exportedPath(destination('contracts/rudder-types.ts'))).toBe(`${TRANSFORMER_SOURCE}/types.ts`)
    expect(exportedPath(destination('contracts/v0-util.ts'))).toBeUndefined()
    expect(exportedPath(destination('service-layer.ts'))).toBeUndefined()
    expect(exportedPath(destination('__tests__/data/processor/data.ts'))).toBe(`${TRANSFORMER_TESTS}/processor/data.ts`)
    expect(exportedPath(destination('__tests__/harness/clock.ts'))).toBe(`${TRANSFORMER_TESTS}/mocks.ts`)
    expect(exportedPath(destination('__tests__/unit/prehashed.test.ts'))).toBe(
      `${TRANSFORMER_SOURCE}/__tests__/prehashed.test.ts`
    )
    expect(exportedPath(path.join(ROOT, 'src', 'conversions', 'email.ts'))).toBe(
      `${TRANSFORMER_SOURCE}/core/conversions/email.ts`
    )
    expect(folder).toBe(path.join(outDir, FOLDER))
    for (const file of [
      `${TRANSFORMER_SOURCE}/transform.ts`,
      `${TRANSFORMER_SOURCE}/core/conversions/email.ts`,
      `${TRANSFORMER_PROXY}/networkHandler.ts`,
      `${TRANSFORMER_TESTS}/processor/data.ts`,
      `${TRANSFORMER_TESTS}/network.ts`,
      `${INTEGRATIONS_CONFIG}/db-config.json`
    ]) {
      expect({ file, exists: existsSync(path.join(folder, file)) }).toEqual({ file, exists: true })
    }
  })

  it('imports no msads-conversions, no command line, emulator or Segment code, and no package rudder-transformer lacks', () => {
    const files = sourceFilesUnder(path.join(folder, 'rudder-transformer'))
    expect(files.filter((file) => /\/core\/(cli|emulator|browser\/(?!constants))/.test(file))).toEqual([])
    const packages = new Set(
      files
        .flatMap((file) => moduleSpecifiers(readFileSync(file, 'utf8')))
        .filter((specifier) => !specifier.startsWith('.'))
        .map((specifier) =>
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/')
        )
    )
    expect([...packages].sort()).toEqual(
      ['@rudderstack/integrations-lib', 'async_hooks', 'axios', 'crypto', 'libphonenumber-js', 'zod'].sort()
    )
  })

  it("imports rudder-transformer's own helpers instead of the stand-ins in contracts/", () => {
    const router = read(`${TRANSFORMER_SOURCE}/router.ts`)
    expect(router).toContain("from '../../util/errorTypes'")
    expect(router).toContain("from '../../util'")
    expect(read(`${TRANSFORMER_SOURCE}/network-handler/proxy.ts`)).toContain("from '../../../../adapters/network'")
    expect(read(`${TRANSFORMER_SOURCE}/job-status.ts`)).toContain(
      "from '../../../adapters/networkhandler/authConstants'"
    )
    expect(read(`${TRANSFORMER_TESTS}/processor/data.ts`)).toContain("from '../../../testTypes'")
    expect(read(`${TRANSFORMER_PROXY}/networkHandler.ts`)).toContain(
      "from '../../../v0/destinations/bingads_conversions/network-handler'"
    )
  })

  it("is written in rudder-transformer's format: semicolons, single quotes, trailing commas", () => {
    const router = read(`${TRANSFORMER_SOURCE}/router.ts`)
    expect(router).toMatch(/^import .*;$/m)
    expect(router).not.toMatch(/^import .*"/m)
  })
})
