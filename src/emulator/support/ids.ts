import { randomBytes, randomUUID } from 'crypto'

/** A TrackingId, trace id or correlation id: a GUID as Microsoft writes them. */
export function guid(): string {
  return randomUUID()
}

/** An opaque token (access token, refresh token, code, CAPI key): a recognisable prefix and 32 random bytes. */
export function opaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}
