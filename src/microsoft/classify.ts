import { authFailure, rejected, retry, type Outcome } from '../outcome'
import {
  MICROSOFT_NAMED_ERRORS,
  microsoftCode,
  microsoftErrorNamed,
  type MicrosoftCode,
  type MicrosoftNamedError
} from './error-codes'
import { TransportError } from './http'
import { foreignReason } from '../reasons'

/**
 * The one table that turns what Microsoft (or the network) said into an outcome (docs/architecture.md).
 * Every host reads these functions; none keeps its own list of codes.
 */

export interface FaultContext {
  httpStatus?: number
  errorCode?: string | null
  message?: string | null
  trackingId?: string
  retryAfterSeconds?: number
  /** Appended to the message, e.g. the conversion name for 5606. */
  subject?: string
}

const DEFAULT_THROTTLE_WAIT_SECONDS = 60
const DEFAULT_SERVER_ERROR_WAIT_SECONDS = 30

function sentence(text: string): string {
  const trimmed = text.trim()
  return /[!.?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/**
 * What Microsoft documents about an error: by its number, else by its documented name (ErrorCode), since some
 * errors are documented by name only (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary).
 */
function documented(
  code: number,
  errorCode: string | null | undefined
): MicrosoftCode | MicrosoftNamedError | undefined {
  // A name documented without a number is the more specific: it may come with a generic number (4407 InvalidValue).
  const namedOnly = errorCode ? MICROSOFT_NAMED_ERRORS.get(errorCode) : undefined
  return namedOnly ?? microsoftCode(code) ?? (errorCode ? microsoftErrorNamed(errorCode) : undefined)
}

/**
 * A Microsoft numeric code (request-level or item-level) to an outcome, by number or documented name. Unknown
 * errors fall back on the HTTP status.
 */
export function outcomeForCode(code: number, context: FaultContext = {}): Outcome {
  const known = documented(code, context.errorCode)
  const errorCode = foreignReason(known?.errorCode ?? context.errorCode ?? `Code${code}`)
  const base = sentence(context.message || known?.message || `Microsoft returned error ${code}`)
  const message = context.subject ? `${base} (${context.subject})` : base
  const extra: Partial<Outcome> = { code, trackingId: context.trackingId }
  if (known?.field) extra.field = known.field
  if (!known) {
    const status = context.httpStatus ?? 400
    if (status === 429)
      return retry(errorCode, message, {
        ...extra,
        status: 429,
        retryAfterSeconds: context.retryAfterSeconds ?? DEFAULT_THROTTLE_WAIT_SECONDS
      })
    if (status >= 500)
      return retry(errorCode, message, {
        ...extra,
        status,
        retryAfterSeconds: context.retryAfterSeconds ?? DEFAULT_SERVER_ERROR_WAIT_SECONDS
      })
    if (status === 401) return authFailure(errorCode, message, 'refresh', extra)
    return rejected(errorCode, message, { ...extra, status: status >= 400 ? status : 400 })
  }
  switch (known.outcome) {
    case 'auth':
      return authFailure(errorCode, message, known.authAction ?? 'refresh', extra)
    case 'retry': {
      const status = ('httpStatus' in known && known.httpStatus === 429) || context.httpStatus === 429 ? 429 : 503
      return retry(errorCode, message, {
        ...extra,
        status,
        retryAfterSeconds: context.retryAfterSeconds ?? known.retryAfterSeconds
      })
    }
    case 'rejected':
    default:
      return rejected(errorCode, message, { ...extra, status: 400 })
  }
}

/** An HTTP status with no Microsoft code in the body. */
export function outcomeForHttpStatus(status: number, context: FaultContext = {}): Outcome {
  const extra: Partial<Outcome> = { trackingId: context.trackingId }
  if (status === 401) {
    return authFailure(
      'http_401',
      sentence(context.message || 'Microsoft refused the access token (HTTP 401)'),
      'refresh',
      extra
    )
  }
  if (status === 403) {
    return authFailure(
      'http_403',
      sentence(context.message || 'Microsoft refused access to this account (HTTP 403)'),
      'inactive',
      extra
    )
  }
  if (status === 429) {
    return retry('rate_limited', sentence(context.message || 'Microsoft is throttling requests (HTTP 429)'), {
      ...extra,
      status: 429,
      retryAfterSeconds: context.retryAfterSeconds ?? DEFAULT_THROTTLE_WAIT_SECONDS
    })
  }
  if (status === 408 || (status >= 500 && status !== 501)) {
    return retry('server_error', sentence(context.message || `Microsoft answered HTTP ${status}`), {
      ...extra,
      status: status === 408 ? 503 : status,
      retryAfterSeconds: context.retryAfterSeconds ?? DEFAULT_SERVER_ERROR_WAIT_SECONDS
    })
  }
  return rejected(`http_${status}`, sentence(context.message || `Microsoft answered HTTP ${status}`), {
    ...extra,
    status: status >= 400 ? status : 502
  })
}

/** No HTTP answer at all: a timeout or a broken connection. Always worth retrying. */
export function outcomeForTransportError(error: unknown): Outcome {
  if (error instanceof TransportError) {
    return error.kind === 'timeout'
      ? retry('timeout', `Microsoft did not answer in time. ${error.message}`, { status: 504, retryAfterSeconds: 5 })
      : retry('network_error', `Could not reach Microsoft. ${error.message}`, { status: 503, retryAfterSeconds: 5 })
  }
  return retry('network_error', 'Could not reach Microsoft.', { status: 503, retryAfterSeconds: 5 })
}

/**
 * Why a call got no answer to interpret: a failure that already carries its outcome (a refused token refresh, a
 * classified Microsoft error) keeps it, so that an expired refresh token reaches the admin instead of being
 * retried as a network error; anything else is a transport failure.
 */
export function outcomeForFailure(error: unknown): Outcome {
  const carried = (error as { outcome?: Partial<Outcome> } | null | undefined)?.outcome
  if (
    carried &&
    typeof carried === 'object' &&
    typeof carried.outcome === 'string' &&
    typeof carried.message === 'string'
  )
    return carried as Outcome
  return outcomeForTransportError(error)
}
