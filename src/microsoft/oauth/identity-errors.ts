import { authFailure, rejected, retry, type Outcome } from '../../outcome'
import { foreignReason } from '../../reasons'

/**
 * The identity platform's errors in plain language. Keyed by AADSTS number; the message says what to do.
 * `inactive` means no retry can help: a person must act (sign in again, fix a setting).
 */
export interface IdentityError {
  summary: string
  remedy: string
  kind: 'inactive' | 'config'
}

const SIGN_IN_AGAIN = 'Sign in again (msads auth login, or reconnect the destination) to issue a new refresh token.'

export const AADSTS_ERRORS: Record<number, IdentityError> = {
  70008: {
    summary: 'The refresh token has expired or been revoked',
    remedy: SIGN_IN_AGAIN,
    kind: 'inactive'
  },
  700082: {
    summary: 'The refresh token has expired after 90 days without use',
    remedy: SIGN_IN_AGAIN,
    kind: 'inactive'
  },
  50173: {
    summary: 'The refresh token was revoked, usually after a password change',
    remedy: 'Sign in again to issue a new refresh token.',
    kind: 'inactive'
  },
  65001: {
    summary: 'The user has not consented to the app using Microsoft Advertising (msads.manage)',
    remedy: 'Run the consent flow again (msads auth login) with the Microsoft Advertising user.',
    kind: 'inactive'
  },
  70000: {
    summary: 'The refresh token is no longer valid: it has expired or been revoked',
    remedy: SIGN_IN_AGAIN,
    kind: 'inactive'
  },
  50076: {
    summary: 'Multi-factor authentication is required',
    remedy: 'Sign in again interactively to satisfy MFA.',
    kind: 'inactive'
  },
  50079: {
    summary: 'Multi-factor authentication enrolment is required',
    remedy: 'Sign in again interactively to enrol in MFA.',
    kind: 'inactive'
  },
  7000215: {
    summary: 'The client secret is not a valid secret of this app registration',
    remedy:
      "Paste the secret's Value (not its Secret ID) from the app registration's Certificates & secrets page into client_secret; a secret of another app registration does not work.",
    kind: 'inactive'
  },
  7000222: {
    summary: 'The client secret has expired',
    remedy: 'Create a new client secret in the app registration and update client_secret.',
    kind: 'inactive'
  },
  70002: {
    summary: 'The app is not allowed to use this grant, or a client secret is required',
    remedy: 'Register the app as a Web app and set client_secret.',
    kind: 'config'
  },
  50011: {
    summary: 'The redirect URI of the sign-in does not match one registered for the app',
    remedy:
      "Add the redirect URI the sign-in used (msads auth login prints it; for the destinations, the host's OAuth callback URL) under the app registration's Authentication > Web > Redirect URIs, exactly as sent (scheme, host, port, path, trailing slash).",
    kind: 'config'
  },
  700016: {
    summary: 'No application with this client id was found in the directory',
    remedy: 'Check client_id: the Application (client) ID of the app registration.',
    kind: 'config'
  },
  700025: {
    summary: 'Public clients cannot send a client secret',
    remedy: 'Register the app as a Web app (confidential client) for server-side use, or remove client_secret.',
    kind: 'config'
  },
  9002313: {
    summary: 'The token request was malformed',
    remedy: 'Check client_id and refresh_token for stray characters.',
    kind: 'config'
  },
  650052: {
    summary: 'The tenant has not enabled Microsoft Advertising for this app',
    remedy: 'Ask the tenant admin to grant consent for the Microsoft Advertising API.',
    kind: 'config'
  }
}

const ERROR_FALLBACK: Record<string, IdentityError> = {
  invalid_grant: {
    summary: 'The refresh token has expired or been revoked',
    remedy: SIGN_IN_AGAIN,
    kind: 'inactive'
  },
  invalid_client: {
    summary: 'The client id or client secret was refused',
    remedy: 'Check client_id and client_secret in the app registration.',
    kind: 'inactive'
  },
  unauthorized_client: {
    summary: 'The app is not authorised for this grant',
    remedy: 'Check the app registration (Web platform, msads.manage permission).',
    kind: 'config'
  },
  invalid_scope: {
    summary: 'The scope was refused',
    remedy: 'Request https://ads.microsoft.com/msads.manage offline_access.',
    kind: 'config'
  },
  invalid_request: {
    summary: 'The token request was refused',
    remedy: 'Check client_id, client_secret and refresh_token.',
    kind: 'config'
  }
}

export interface IdentityErrorBody {
  error?: string
  error_description?: string
  error_codes?: number[]
}

function aadstsCode(body: IdentityErrorBody): number | undefined {
  if (body.error_codes?.length) return body.error_codes[0]
  const match = /AADSTS(\d+)/.exec(body.error_description ?? '')
  return match ? Number(match[1]) : undefined
}

/**
 * An identity platform answer (HTTP status + error body) as an outcome with a message a person can act on. A
 * Retry-After the platform sent with a 429 or 5xx is the wait.
 */
export function outcomeForIdentityError(status: number, body: IdentityErrorBody, retryAfterSeconds?: number): Outcome {
  if (status === 429 || status >= 500) {
    return retry(
      status === 429 ? 'rate_limited' : 'identity_server_error',
      `The Microsoft identity platform answered HTTP ${status} to the token refresh.`,
      {
        status: status === 429 ? 429 : 503,
        retryAfterSeconds: retryAfterSeconds ?? (status === 429 ? 60 : 30)
      }
    )
  }
  const code = aadstsCode(body)
  const known =
    (code !== undefined ? AADSTS_ERRORS[code] : undefined) ??
    ERROR_FALLBACK[body.error ?? ''] ??
    ERROR_FALLBACK.invalid_request
  let tag = ''
  if (code !== undefined) tag = ` (AADSTS${code})`
  else if (body.error) tag = ` (${body.error})`
  const message = `${known.summary}${tag}. ${known.remedy}`
  const reason = body.error ? foreignReason(body.error) : 'token_refresh_failed'
  if (known.kind === 'config') return rejected(reason, message, { status: 400, code: code ?? body.error })
  return authFailure(reason, message, 'inactive', { code: code ?? body.error })
}
