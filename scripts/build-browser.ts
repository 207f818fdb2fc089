/**
 * Builds the browser click-id module (src/browser) into dist/browser:
 *   msads-click-id.min.js  minified IIFE for a script tag (window.msadsClickId; captures on load)
 *   msads-click-id.mjs     ES module for bundlers (capture is explicit: captureClickId or the Segment plugin)
 *   msads-click-id.cjs     CommonJS, same exports
 * Usage: npx ts-node --transpile-only scripts/build-browser.ts
 */
import { build, type BuildOptions } from 'esbuild'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = resolve(__dirname, '..')
export const BROWSER_OUT_DIR = join(ROOT, 'dist', 'browser')

export interface BrowserBundle {
  file: string
  contents: string
  /** Source files bundled, relative to the repository root. */
  inputs: string[]
}

const COMMON: BuildOptions = {
  bundle: true,
  write: false,
  metafile: true,
  absWorkingDir: ROOT,
  minify: true,
  target: 'es2020',
  platform: 'browser',
  legalComments: 'none',
  // The module is written strict-clean; without this esbuild copies tsconfig's alwaysStrict as a "use strict"
  // prologue, which costs bytes of the 1 KB budget and changes nothing.
  tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  logLevel: 'silent'
}

const BUNDLES: Array<{ file: string; options: BuildOptions }> = [
  {
    file: 'msads-click-id.min.js',
    options: { entryPoints: [join(ROOT, 'src/browser/global.ts')], format: 'iife' }
  },
  { file: 'msads-click-id.mjs', options: { entryPoints: [join(ROOT, 'src/browser/index.ts')], format: 'esm' } },
  { file: 'msads-click-id.cjs', options: { entryPoints: [join(ROOT, 'src/browser/index.ts')], format: 'cjs' } }
]

/** Builds the bundles in memory. */
export async function buildBrowserBundles(): Promise<BrowserBundle[]> {
  return Promise.all(
    BUNDLES.map(async ({ file, options }) => {
      const result = await build({ ...COMMON, ...options, outfile: join(BROWSER_OUT_DIR, file) })
      return { file, contents: result.outputFiles![0].text, inputs: Object.keys(result.metafile!.inputs) }
    })
  )
}

export function gzippedSize(contents: string): number {
  return gzipSync(Buffer.from(contents), { level: 9 }).length
}

async function main(): Promise<void> {
  const bundles = await buildBrowserBundles()
  mkdirSync(BROWSER_OUT_DIR, { recursive: true })
  for (const { file, contents } of bundles) {
    writeFileSync(join(BROWSER_OUT_DIR, file), contents)
    console.log(`dist/browser/${file}  ${Buffer.byteLength(contents)} bytes, ${gzippedSize(contents)} gzipped`)
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
