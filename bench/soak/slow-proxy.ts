import * as http from 'http'
import type { AddressInfo } from 'net'

export interface SlowProxy {
  url: string
  close(): Promise<void>
}

/**
 * A loopback proxy in front of the emulator that holds each request `delayMs` before passing it on: the kill -9
 * cycle's first run then lasts long enough for its checkpoint to pass the kill point while it still runs, however
 * fast the machine is. A request whose client went away (killed) is still passed on, as a real network would.
 */
export async function startSlowProxy(target: string, delayMs: number): Promise<SlowProxy> {
  const upstream = new URL(target)
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
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
        forwarded.end(Buffer.concat(chunks))
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
