import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { foreignImports } from '../upstream/check'
import { moduleSpecifiers, sourceFilesUnder } from '../upstream/folder'
import {
  checkProject,
  exportedPath,
  exportFolder,
  FOLDER,
  INTEGRATIONS_CONFIG,
  TRANSFORMER_PROXY,
  TRANSFORMER_SOURCE,
  TRANSFORMER_TESTS
} from '../upstream/rudderstack'

let outDir: string
beforeEach(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'msads-upstream-test-'))
})
afterEach(() => rmSync(outDir, { recursive: true, force: true }))

describe('npm run upstream -- rudderstack OUT_DIR', () => {
  it('places the destination, the fixtures and the config files where the two repositories keep them', () => {
    expect(exportedPath('router.ts')).toBe(`${TRANSFORMER_SOURCE}/router.ts`)
    expect(exportedPath('network-handler/proxy.ts')).toBe(`${TRANSFORMER_SOURCE}/network-handler/proxy.ts`)
    expect(exportedPath('__tests__/data/processor/data.ts')).toBe(`${TRANSFORMER_TESTS}/processor/data.ts`)
    expect(exportedPath('__tests__/unit/proxy.test.ts')).toBe(`${TRANSFORMER_TESTS}/unit/proxy.test.ts`)
    expect(exportedPath('service-layer.ts')).toBe(`${TRANSFORMER_TESTS}/harness/service-layer.ts`)
    expect(exportedPath('config/schema.json')).toBe(`${INTEGRATIONS_CONFIG}/schema.json`)

    const folder = exportFolder(outDir)
    expect(folder).toBe(path.join(outDir, FOLDER))
    for (const file of [
      `${TRANSFORMER_SOURCE}/index.ts`,
      `${TRANSFORMER_SOURCE}/transform.ts`,
      `${TRANSFORMER_PROXY}/networkHandler.ts`,
      `${TRANSFORMER_TESTS}/processor/data.ts`,
      `${TRANSFORMER_TESTS}/router/data.ts`,
      `${TRANSFORMER_TESTS}/dataDelivery/data.ts`,
      `${TRANSFORMER_TESTS}/network.ts`,
      `${INTEGRATIONS_CONFIG}/db-config.json`,
      `${INTEGRATIONS_CONFIG}/ui-config.json`
    ]) {
      expect({ file, exists: existsSync(path.join(folder, file)) }).toEqual({ file, exists: true })
    }
    expect(existsSync(path.join(folder, TRANSFORMER_SOURCE, 'service-layer.ts'))).toBe(false)
  })

  it('imports the core only as msads-conversions, and nothing outside the folder but the host modules', () => {
    const folder = exportFolder(outDir)
    expect(foreignImports(folder, checkProject.allowedImports)).toEqual([])
    const source = sourceFilesUnder(path.join(folder, TRANSFORMER_SOURCE))
    const specifiers = source.flatMap((file) => moduleSpecifiers(readFileSync(file, 'utf8')))
    expect(specifiers).toContain('msads-conversions')
    expect(specifiers.filter((specifier) => specifier.startsWith('../..') && !specifier.includes('contracts'))).toEqual(
      []
    )
    expect(checkProject.verify?.(outDir, folder)).toEqual([])
  })

  it('keeps the imports between the moved tests, the harness and the source', () => {
    const folder = exportFolder(outDir)
    const proxyEntry = readFileSync(path.join(folder, TRANSFORMER_PROXY, 'networkHandler.ts'), 'utf8')
    expect(proxyEntry).toContain("from '../../../v0/destinations/bingads_conversions/network-handler'")
    const harness = readFileSync(path.join(folder, TRANSFORMER_TESTS, 'harness', 'service-layer.ts'), 'utf8')
    expect(harness).toContain("from '../../../../../src/v0/destinations/bingads_conversions/index'")
    const configTest = readFileSync(path.join(folder, TRANSFORMER_TESTS, 'unit', 'config-files.test.ts'), 'utf8')
    expect(configTest).toContain(
      "from '../../../../../../rudder-integrations-config/src/configurations/destinations/bingads_conversions/db-config.json'"
    )
  })
})
