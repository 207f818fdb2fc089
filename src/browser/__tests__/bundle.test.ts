/** The built bundles: size budget, no dependencies, and the exports each build offers. */
import { type BrowserBundle, buildBrowserBundles, gzippedSize } from '../../../scripts/build-browser'

let bundles: Map<string, BrowserBundle>

beforeAll(async () => {
  bundles = new Map((await buildBrowserBundles()).map((bundle) => [bundle.file, bundle]))
})

function bundle(file: string): BrowserBundle {
  const found = bundles.get(file)
  if (!found) throw new Error(`no bundle ${file}`)
  return found
}

it('builds a minified script-tag bundle, an ES module and a CommonJS module', () => {
  expect([...bundles.keys()].sort()).toEqual(['msads-click-id.cjs', 'msads-click-id.min.js', 'msads-click-id.mjs'])
})

it('keeps the script-tag bundle under 2.25 KB gzipped', () => {
  expect(gzippedSize(bundle('msads-click-id.min.js').contents)).toBeLessThan(2304)
})

it('bundles nothing but src/browser: no dependencies', () => {
  for (const { inputs } of bundles.values()) {
    expect(inputs.length).toBeGreaterThan(0)
    for (const input of inputs) expect(input).toMatch(/^src\/browser\/[a-z-]+\.ts$/)
  }
  for (const { contents } of bundles.values()) expect(contents).not.toMatch(/\brequire\(|\bimport\(/)
})

it('loads as CommonJS without touching the DOM, with the documented exports', () => {
  const exports: Record<string, unknown> = {}
  const module = { exports }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the built bundle as a CommonJS loader would is the test
  new Function('module', 'exports', bundle('msads-click-id.cjs').contents)(module, exports)
  expect(Object.keys(module.exports).sort()).toEqual([
    'COOKIE_MAX_AGE_SECONDS',
    'COOKIE_NAME',
    'EVENT_ID_PROPERTY',
    'INTEGRATION_NAME',
    'PAGE_LOAD_ID_PROPERTY',
    'UET_COOKIE_NAME',
    'adStorageDenied',
    'captureClickId',
    'enrichEvent',
    'getClickId',
    'getPageLoadId',
    'idSync',
    'rudderstackArgs',
    'rudderstackConversion',
    'rudderstackOptions',
    'segmentPlugin',
    'startPageLoad',
    'trackConversion',
    'withClickId',
    'withIntegration'
  ])
})

it('is an ES module exporting the same names', () => {
  const exported = /export\{([^}]*)\}/.exec(bundle('msads-click-id.mjs').contents)?.[1] ?? ''
  const names = exported.split(',').map((binding) => binding.split(' as ').pop()!.trim())
  expect(names.sort()).toEqual([
    'COOKIE_MAX_AGE_SECONDS',
    'COOKIE_NAME',
    'EVENT_ID_PROPERTY',
    'INTEGRATION_NAME',
    'PAGE_LOAD_ID_PROPERTY',
    'UET_COOKIE_NAME',
    'adStorageDenied',
    'captureClickId',
    'enrichEvent',
    'getClickId',
    'getPageLoadId',
    'idSync',
    'rudderstackArgs',
    'rudderstackConversion',
    'rudderstackOptions',
    'segmentPlugin',
    'startPageLoad',
    'trackConversion',
    'withClickId',
    'withIntegration'
  ])
})
