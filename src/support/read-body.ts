import type { IncomingMessage } from 'http'

/** Bytes of request bodies held across requests: a reader reserves each chunk before it keeps it. */
export interface ByteBudget {
  reserve(bytes: number): boolean
  release(bytes: number): void
}

export type BodyResult =
  { kind: 'ok'; text: string; bytes: Buffer } | { kind: 'tooLarge' } | { kind: 'busy' } | { kind: 'gone' }

export interface ReadBodyOptions {
  /** Largest body kept; past it the result is `tooLarge`. */
  limit: number
  /** Shared with other requests; when a chunk does not fit, the result is `busy`. */
  budget?: ByteBudget
}

/** A body far past the limit is not drained forever: past this many times the limit, the connection is cut. */
const DRAIN_CAP_FACTOR = 8

/**
 * Reads a request body as bytes and UTF-8 text. A body past the limit (or the budget) is answered at once, and the
 * rest of it drained without being kept, so that the client reads the answer instead of a reset connection; one
 * far past the limit is cut. 'gone' means the client went away first. Whatever was reserved in the budget is
 * released when the result is given.
 */
export function readBody(request: IncomingMessage, options: ReadBodyOptions): Promise<BodyResult> {
  const { limit, budget } = options
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let kept = 0
    let received = 0
    let settled = false
    const finish = (result: BodyResult): void => {
      if (settled) return
      settled = true
      budget?.release(kept)
      chunks.length = 0
      kept = 0
      resolve(result)
    }
    if (Number(request.headers['content-length'] ?? 0) > limit) finish({ kind: 'tooLarge' })
    request.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received > Math.max(limit, 1) * DRAIN_CAP_FACTOR) request.destroy()
      if (settled) return
      if (kept + chunk.length > limit) return finish({ kind: 'tooLarge' })
      if (budget && !budget.reserve(chunk.length)) return finish({ kind: 'busy' })
      kept += chunk.length
      chunks.push(chunk)
    })
    request.on('end', () => {
      if (settled) return
      const bytes = Buffer.concat(chunks, kept)
      finish({ kind: 'ok', text: bytes.toString('utf8'), bytes })
    })
    request.on('error', () => finish({ kind: 'gone' }))
    request.on('close', () => {
      if (!request.complete) finish({ kind: 'gone' })
    })
  })
}
