import * as crypto from 'crypto'

const SHA256_HEX = /^[0-9a-f]{64}$/i

/** Lowercase hex SHA-256 of a UTF-8 string (Node's one-shot hash where present). */
export const sha256Hex: (value: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (value) =>
        (crypto as unknown as { hash: (a: string, d: string, e: string) => string }).hash('sha256', value, 'hex')
    : (value) => crypto.createHash('sha256').update(value, 'utf8').digest('hex')

/** A value that already is a SHA-256 digest passes through hashing untouched (lowercased). */
export function isSha256Hex(value: string): boolean {
  return value.length === 64 && SHA256_HEX.test(value)
}
