import type { IncomingMessage } from 'http'

export type BodyResult = { kind: 'ok'; text: string; bytes: Buffer } | { kind: 'tooLarge' } | { kind: 'gone' }

/** A body far past the limit is not drained forever: past this much, the connection is cut. */
const DRAIN_CAP_FACTOR = 8

/**
 * Reads the whole body, as UTF-8 text and as the bytes (a binary upload). Past `limit` bytes it stops keeping the bytes but still drains them, so
 * that the client reads the 413 instead of a reset connection; 'gone' means the client went away first.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = Number(request.headers['content-length'] ?? 0) > limit
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      if (!tooLarge) chunks.push(chunk)
      else chunks.length = 0
      if (size > Math.max(limit, 1) * DRAIN_CAP_FACTOR) request.destroy()
    })
    request.on('end', () => {
      if (tooLarge) return resolve({ kind: 'tooLarge' })
      const bytes = Buffer.concat(chunks, size)
      resolve({ kind: 'ok', text: bytes.toString('utf8'), bytes })
    })
    request.on('error', () => resolve({ kind: 'gone' }))
    request.on('close', () => {
      if (!request.complete) resolve({ kind: 'gone' })
    })
  })
}
