import type { Outcome } from '../../outcome'
import type { HttpResponse } from '../http'
import { outcomeForIdentityError, type IdentityErrorBody } from './identity-errors'

// The OAuth 2.0 error codes (RFC 6749 §5.2) and the Entra additions a token or resource answer may carry.
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'interaction_required',
  'consent_required',
  'login_required'
])

/**
 * The outcome of an answer written in the identity platform's error format (`{"error":"invalid_grant",…}`),
 * for hosts that only see a raw response (a delivery proxy) and must tell a refused grant from other failures.
 * `undefined` when the answer is a success or not in that format.
 */
export function outcomeForIdentityResponse(response: HttpResponse): Outcome | undefined {
  if (response.status < 400) return undefined
  let body: unknown
  try {
    body = JSON.parse(response.body)
  } catch {
    return undefined
  }
  const error = (body as { error?: unknown } | null)?.error
  if (typeof error !== 'string' || !OAUTH_ERRORS.has(error)) return undefined
  return outcomeForIdentityError(response.status, body as IdentityErrorBody)
}
