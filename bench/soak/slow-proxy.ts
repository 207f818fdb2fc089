import * as http from 'http'
import type { AddressInfo } from 'net'

export interface SlowProxy {
  url: string
  /** Whether it has stopped passing requests on (`holdAfterItems` reached): the client can then never finish. */
  holding(): boolean
  close(): Promise<void>
}

/** Items a request carries: Apply items or CAPI events; 0 for anything else (token requests). */
function itemsOf(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>
    for (const key of ['OfflineConversions', 'OfflineConversionAdjustments', 'OnlineConversionAdjustments', 'data']) {
      const list = parsed[key]
      if (Array.isArray(list)) return list.length
    }
  } catch {
    // a form-encoded token request
  }
  return 0
}

/**
 * A loopback proxy in front of the emulator that holds each request `delayMs` before passing it on, and once it has
 * passed on `holdAfterItems` items, passes nothing more: the kill -9 cycle's first run then cannot finish before it
 * is killed, however fast or slow the machine is. A request whose client went away (killed) is still passed on, as
 * a real network would.
 */
export async function startSlowProxy(target: string, delayMs: number, holdAfterItems = Infinity): Promise<SlowProxy> {
  const upstream = new URL(target)
  let passed = 0
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const items = itemsOf(body)
      // Held requests stay open, unanswered, until the proxy closes.
      if (items > 0 && passed >= holdAfterItems) return
      passed += items
      setTimeout(() => {
        const forwarded = http.request(
          {
            hostname: upstream.hostname,
            port: upstream.port,
            method: request.method,
            path: request.url,
            headers: { ...request.headers, host: upstream.host }
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(response)
          }
        )
        forwarded.on('error', () => response.destroy())
        forwarded.end(body)
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    holding: () => passed >= holdAfterItems,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
