import { createServer, type Server } from 'http'
import { connect } from 'net'
import type { AddressInfo } from 'net'
import { readBody, type BodyResult, type ByteBudget } from '../read-body'

class CountingBudget implements ByteBudget {
  used = 0
  constructor(private readonly capacity: number) {}
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false
    this.used += bytes
    return true
  }
  release(bytes: number): void {
    this.used -= bytes
  }
}

/** A server that answers each request with what readBody made of it. */
async function bodyServer(options: { limit: number; budget?: ByteBudget }) {
  const results: BodyResult[] = []
  let notify: (() => void) | undefined
  const server: Server = createServer((request, response) => {
    void readBody(request, options).then((result) => {
      results.push(result)
      notify?.()
      if (result.kind === 'gone') return
      const answer = result.kind === 'ok' ? result.text : result.kind
      response.writeHead(200, { 'Content-Length': String(Buffer.byteLength(answer)) })
      response.end(answer)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  /** Resolves once readBody has given `count` results. */
  const resultCount = (count: number): Promise<void> =>
    new Promise((resolve) => {
      notify = () => {
        if (results.length >= count) resolve()
      }
      notify()
    })
  return {
    url,
    results,
    resultCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

async function post(url: string, body: string): Promise<string> {
  return (await fetch(url, { method: 'POST', body })).text()
}

describe('readBody', () => {
  it('gives the body as bytes and UTF-8 text', async () => {
    const server = await bodyServer({ limit: 1024 })
    try {
      expect(await post(server.url, '{"name":"Zoë"}')).toBe('{"name":"Zoë"}')
      const result = server.results[0]
      expect(result.kind === 'ok' && result.bytes.equals(Buffer.from('{"name":"Zoë"}'))).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('answers a body past the limit as too large, whether its length is declared or not, and drains it', async () => {
    const server = await bodyServer({ limit: 100 })
    try {
      expect(await post(server.url, 'x'.repeat(101))).toBe('tooLarge')
      const streamed = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let index = 0; index < 5; index += 1) controller.enqueue(new Uint8Array(60).fill(120))
          controller.close()
        }
      })
      const answer = await fetch(server.url, { method: 'POST', body: streamed, duplex: 'half' } as RequestInit)
      expect(await answer.text()).toBe('tooLarge')
      // The connection still serves the next request.
      expect(await post(server.url, 'small')).toBe('small')
    } finally {
      await server.close()
    }
  })

  it('answers busy when the shared budget is spent, and releases what it held', async () => {
    const budget = new CountingBudget(50)
    const server = await bodyServer({ limit: 1024, budget })
    try {
      expect(await post(server.url, 'y'.repeat(80))).toBe('busy')
      expect(budget.used).toBe(0)
      expect(await post(server.url, 'y'.repeat(40))).toBe('y'.repeat(40))
      expect(budget.used).toBe(0)
    } finally {
      await server.close()
    }
  })

  it('cuts a body far past the limit instead of draining it forever', async () => {
    const server = await bodyServer({ limit: 16 })
    try {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1')
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      socket.on('error', () => undefined)
      // Read whatever the server answers, so that its end of the connection is seen.
      socket.resume()
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n')
      const chunk = 'z'.repeat(64)
      for (let index = 0; index < 8 && !socket.destroyed; index += 1) {
        socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
      }
      await closed
      await server.resultCount(1)
      expect(server.results[0]).toEqual({ kind: 'tooLarge' })
    } finally {
      await server.close()
    }
  })

  it('reports a client that goes away mid-body as gone', async () => {
    const server = await bodyServer({ limit: 1024 })
    try {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1')
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.end('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{"partial":')
      await server.resultCount(1)
      expect(server.results).toEqual([{ kind: 'gone' }])
    } finally {
      await server.close()
    }
  })
})
