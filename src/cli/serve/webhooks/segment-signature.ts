import { createHmac, timingSafeEqual } from 'crypto'

function hmacHex(secret: string, text: string): Buffer {
  return Buffer.from(createHmac('sha1', secret).update(text, 'utf8').digest('hex'), 'utf8')
}

function sameHex(presented: string, expected: Buffer): boolean {
  const given = Buffer.from(presented.trim().toLowerCase(), 'utf8')
  // timingSafeEqual needs equal lengths; a wrong length is wrong whatever it holds.
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Segment's Webhooks (Actions) signature: `X-Signature` is the hex HMAC-SHA1, with the shared secret, of
 * JSON.stringify of the event's data; in batch mode of the FIRST event's data only (extendRequest in
 * segmentio/action-destinations, destinations/webhook/index.ts). A body those senders serialised with
 * JSON.stringify gives back the same text when parsed and serialised again. The HMAC of the whole raw body is also
 * accepted (a sender that signs what it sends). Compared in constant time.
 */
export function segmentSignatureValid(
  header: string | string[] | undefined,
  secret: string,
  raw: string,
  json: unknown
): boolean {
  const presented = Array.isArray(header) ? header[0] : header
  if (!presented) return false
  const candidates = [raw]
  if (Array.isArray(json) && json.length) candidates.push(JSON.stringify(json[0]))
  else if (json !== null && typeof json === 'object') candidates.push(JSON.stringify(json))
  let valid = false
  // Every candidate is compared, so the time taken does not depend on which one matched.
  for (const text of candidates) if (sameHex(presented, hmacHex(secret, text))) valid = true
  return valid
}
