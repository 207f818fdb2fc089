/**
 * Test harness for the browser module: a Node HTTP server on 127.0.0.1 that serves test pages and the freshly built
 * bundles, and a headless Chromium (see chromium.ts) driven by playwright-core. Hosts under `example.test` resolve to
 * 127.0.0.1 (so
 * cookie domains can be tested); `https://*.example.test` pages are answered by the same server through request
 * interception, so that the page really is https without a certificate.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core'
import { buildBrowserBundles } from '../../../scripts/build-browser'
import { chooseChromium, type ChromiumChoice } from './chromium'

/** The host that cookie-domain tests share a cookie across (`shop.` and `blog.` subdomains). */
export const SITE_DOMAIN = 'example.test'

const FIXTURES = join(__dirname, 'fixtures')

export interface TestSite {
  /** `http://<host>:<port>` for a host under example.test, e.g. `origin('shop')`. */
  origin(subdomain: string): string
  /** `http://127.0.0.1:<port>`, for requests made from Node. */
  local: string
  close(): Promise<void>
}

function page(head: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>test page</title>${head}</head><body>test page</body></html>`
}

/**
 * Paths: `/blank/...` has no script; `/shared/...` loads the bundle with data-cookie-domain="example.test";
 * `/esm/...` imports the ES module into `window.esm`; every other path loads the script-tag bundle.
 */
export async function startTestSite(): Promise<TestSite> {
  const bundles = await buildBrowserBundles()
  const assets = new Map<string, { type: string; body: string }>()
  for (const { file, contents } of bundles) assets.set(`/${file}`, { type: 'text/javascript', body: contents })
  for (const fixture of ['fake-analytics.js', 'fake-rudderanalytics.js', 'fake-uet.js']) {
    assets.set(`/${fixture}`, { type: 'text/javascript', body: readFileSync(join(FIXTURES, fixture), 'utf8') })
  }

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const asset = assets.get(path)
    if (asset) {
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' })
      response.end(asset.body)
      return
    }
    if (path === '/favicon.ico') {
      response.writeHead(404).end()
      return
    }
    let head = '<script src="/msads-click-id.min.js"></script>'
    if (path.startsWith('/blank/')) head = ''
    if (path.startsWith('/shared/'))
      head = `<script src="/msads-click-id.min.js" data-cookie-domain="${SITE_DOMAIN}"></script>`
    if (path.startsWith('/esm/'))
      head = `<script type="module">import * as m from '/msads-click-id.mjs'; window.esm = m</script>`
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    response.end(page(head))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: (subdomain) => `http://${subdomain}.${SITE_DOMAIN}:${port}`,
    local: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
  }
}

let choice: ChromiumChoice | undefined

export async function launchChromium(): Promise<Browser> {
  choice ??= chooseChromium()
  return chromium.launch({
    executablePath: choice.executablePath,
    headless: true,
    args: [
      ...choice.args,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-proxy-server',
      `--host-resolver-rules=MAP *.${SITE_DOMAIN} 127.0.0.1`
    ]
  })
}

/** Makes the test site answer the context's https://*.example.test requests (interception: no certificate). */
export async function serveHttps(context: BrowserContext, site: TestSite): Promise<void> {
  await context.route(`https://*.${SITE_DOMAIN}/**`, async (route) => {
    const url = new URL(route.request().url())
    const answer = await fetch(site.local + url.pathname + url.search)
    await route.fulfill({
      status: answer.status,
      headers: { 'content-type': answer.headers.get('content-type') ?? 'text/plain' },
      body: await answer.text()
    })
  })
}

/** Opens a page and waits for its scripts (module scripts included) to have run. */
export async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'load' })
  return page
}

export async function cookieNamed(context: BrowserContext, name: string): Promise<Cookie[]> {
  return (await context.cookies()).filter((cookie) => cookie.name === name)
}

/** Click ids in the two shapes Microsoft uses. */
export const CLICK_A = 'f894f652ea334e739002f7167ab8f8e3'
export const CLICK_B = '0123456789abcdef0123456789abcdef'
export const CLICK_GUID = 'dd4afccc-1234-4abc-9def-0123456789ab'
