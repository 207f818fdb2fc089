import { ERROR_TYPES, TAG_NAMES } from '@rudderstack/integrations-lib'
import { AUTH_STATUS_INACTIVE, REFRESH_TOKEN } from '../../../destinations/rudderstack/contracts'
import { redactText } from '../../support/redact'
import type { EventOutcome } from '../host/event-outcome'

/** `… (reason code) TrackingId x. Warnings: … Notes: …`, as the RudderStack destination words a job's status. */
const TAGGED = /\((\w+)(?: (\w+))?\)(?: TrackingId ([\w-]+)\.)?(?: (?:Warnings|Notes): .*)?$/s

/**
 * A RudderStack job status (router error entry or delivery proxy state) as the command line reports it: 200
 * delivered, 298 skipped (filtered), 400 rejected, 429 and 5xx retry, an authErrorCategory auth.
 */
export function rudderJobOutcome(status: number, error: string | undefined, authErrorCategory?: string, statTags?: Record<string, unknown>): EventOutcome {
  const message = redactText(error ?? '')
  const tagged = TAGGED.exec(message)
  const code = tagged?.[2] !== undefined ? (/^\d+$/.test(tagged[2]) ? Number(tagged[2]) : tagged[2]) : undefined
  const base = (outcome: EventOutcome['outcome'], reason: string): EventOutcome => ({
    status,
    outcome,
    reason: tagged?.[1] ?? reason,
    message: message || `Status ${status}.`,
    ...(code !== undefined ? { code } : {}),
    ...(tagged?.[3] ? { trackingId: tagged[3] } : {})
  })
  if (authErrorCategory === REFRESH_TOKEN) return { ...base('auth', 'http_401'), authAction: 'refresh' }
  if (authErrorCategory === AUTH_STATUS_INACTIVE) return { ...base('auth', 'auth_inactive'), authAction: 'inactive' }
  if (status >= 200 && status < 300 && status !== 298) return { ...base('delivered', 'accepted'), reason: 'accepted' }
  if (status === 298) return base('skipped', /not mapped/.test(message) ? 'event_not_mapped' : 'filtered')
  if (status === 429) return base('retry', 'rate_limited')
  if (status >= 500) return base('retry', statTags?.[TAG_NAMES.ERROR_TYPE] === ERROR_TYPES.OAUTH_SECRET ? 'oauth_secret_missing' : 'server_error')
  const configuration = statTags?.[TAG_NAMES.ERROR_TYPE] === ERROR_TYPES.CONFIGURATION
  const outcome = base('rejected', configuration ? 'invalid_config' : 'invalid_input')
  // "offline conversion for goal "Purchase": conversionTime is required." names the record or event field at fault.
  const field = outcome.reason === 'invalid_input' ? /(?:^|: )([A-Za-z_][\w.]*) (?:is|must|has)\b/.exec(message)?.[1] : undefined
  return field ? { ...outcome, field } : outcome
}
