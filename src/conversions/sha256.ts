import * as crypto from 'crypto'

const SHA256_HEX = /^[\da-f]{64}$/i

type OneShotHash = (algorithm: string, data: string | Uint8Array, encoding: string) => string
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash

/** Lowercase hex SHA-256 of a UTF-8 string (Node's one-shot hash where present). */
export const sha256Hex: (value: string) => string =
  typeof oneShot === 'function'
    ? (value) => oneShot('sha256', value, 'hex')
    : (value) => crypto.createHash('sha256').update(value, 'utf8').digest('hex')

/** A value that already is a SHA-256 digest passes through hashing untouched (lowercased). */
export function isSha256Hex(value: string): boolean {
  return value.length === 64 && SHA256_HEX.test(value)
}

/**
 * Scratch bytes a normaliser writes an ASCII value into, to hash it without building a string for it. Hashing
 * bytes costs less than hashing a string, and the normalised string was the hot path's largest allocation.
 */
export const scratch: Buffer = Buffer.allocUnsafe(256)
// A view per length, made once: a new view per value would cost about as much as the string it replaces.
// Plain Uint8Array views (not Buffer): every @types/node version types them as hashable bytes.
const views: Uint8Array[] = []

/** Lowercase hex SHA-256 of the first `length` bytes of `scratch`. Synchronous: nothing else writes in between. */
export function sha256HexOfScratch(length: number): string {
  let view = views[length]
  if (view === undefined) {
    view = new Uint8Array(scratch.buffer, scratch.byteOffset, length)
    views[length] = view
  }
  return typeof oneShot === 'function'
    ? oneShot('sha256', view, 'hex')
    : crypto.createHash('sha256').update(view).digest('hex')
}
