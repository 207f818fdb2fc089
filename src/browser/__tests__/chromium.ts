/**
 * Which Chromium the browser tests drive, with nothing installed by hand: MSADS_CHROMIUM_PATH when it names an
 * executable, else Debian's /usr/bin/chromium when it exists, else the headless Chromium that the npm package
 * @sparticuz/chromium ships (unpacked into the temp directory on first use). Setting MSADS_CHROMIUM_PATH to "none" or
 * to a missing path skips the system browser, so that the npm one is proved to serve.
 */
import { execFileSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

export interface ChromiumChoice {
  executablePath: string
  /** Flags the browser needs on top of the harness's own. */
  args: string[]
  source: 'MSADS_CHROMIUM_PATH' | 'system' | 'npm'
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/*
 * The package is an ES module, which Jest's CommonJS runtime cannot import, so a child Node resolves it. Several test
 * workers may ask at once: a lock directory makes one of them unpack while the others wait, so none launches a
 * half-written binary.
 */
const RESOLVE_NPM_CHROMIUM = `
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const lock = join(tmpdir(), 'msads-sparticuz-chromium.lock')
const deadline = Date.now() + 120000
for (;;) {
  try { mkdirSync(lock); break } catch (error) {
    if (error.code !== 'EEXIST') throw error
    try { if (Date.now() - statSync(lock).mtimeMs > 120000) rmSync(lock, { recursive: true, force: true }) } catch {}
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + lock)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
try {
  const { default: chromium } = await import('@sparticuz/chromium')
  const executablePath = await chromium.executablePath()
  process.stdout.write(JSON.stringify({ executablePath, args: chromium.args }))
} finally {
  rmSync(lock, { recursive: true, force: true })
}
`

/*
 * Of the package's serverless flags, the tests keep the ones that let its build start here (no sandbox, no zygote,
 * software GL, its fonts). One process (--single-process) dies with the first closed context, and the flags that
 * lower the page's security (web security, site isolation) would change what the cookie tests observe.
 */
const KEPT_NPM_FLAGS = new Set([
  '--no-sandbox',
  '--no-zygote',
  '--disable-setuid-sandbox',
  '--ignore-gpu-blocklist',
  '--in-process-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--font-render-hinting=none'
])

function npmChromium(): ChromiumChoice {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', RESOLVE_NPM_CHROMIUM], {
    cwd: __dirname,
    encoding: 'utf8',
    timeout: 180_000
  })
  const { executablePath, args } = JSON.parse(output) as { executablePath: string; args: string[] }
  return {
    executablePath,
    args: args.filter((flag) => KEPT_NPM_FLAGS.has(flag)),
    source: 'npm'
  }
}

export function chooseChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const configured = env.MSADS_CHROMIUM_PATH?.trim()
  if (configured && configured !== 'none' && executable(configured)) {
    return { executablePath: configured, args: [], source: 'MSADS_CHROMIUM_PATH' }
  }
  if (!configured && executable(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: [], source: 'system' }
  return npmChromium()
}
