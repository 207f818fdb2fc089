/** Behaviour switches of the emulator. All can be changed while it runs (POST /__emulator/options). */
export interface EmulatorOptions {
  /** 5615 until a goal is this old. Microsoft's rule is 120 minutes; 0 turns the check off. */
  goalReadyAfterMinutes: number
  /**
   * How far in the future a conversion or event time may be before it counts as "future". Microsoft allows none
   * (5614 FutureConversionTimeCannotBeSet; CAPI InvalidEventTime), so the default is 0: a test switch only.
   */
  clockSkewSeconds: number
  /** Bodies larger than this are refused with HTTP 413. */
  maxBodyBytes: number
  /** `expires_in` of issued access tokens. */
  accessTokenLifetimeSeconds: number
  /** Issued refresh tokens expire (AADSTS700082) after this long. */
  refreshTokenLifetimeSeconds: number
  /** Microsoft keeps a refresh token valid after it rotates it; true revokes it instead. */
  revokeRotatedRefreshTokens: boolean
  /** An adjustment of a conversion (or transaction) the emulator never received fails with 5627. */
  requireOriginalConversion: boolean
  /** Bulk: how long an upload URL (and its RequestId) takes a file. Microsoft: 15 minutes. */
  bulkUploadUrlLifetimeSeconds: number
  /** Bulk: how long a results file URL works after the status call that gave it. Microsoft: 15 minutes. */
  bulkResultsUrlLifetimeSeconds: number
  /** Bulk: rows a file may have (after the header). Microsoft: 4,000,000 in production, 20,000 in sandbox. */
  bulkRowLimit: number
  /** Bulk: the largest upload accepted (HTTP 413 past it). Microsoft: 100 MB. */
  bulkMaxFileBytes: number
  /** Bulk: status calls after the upload until the file is processed (PercentComplete moves in between). */
  bulkStatusPollsToComplete: number
  /**
   * Campaign Management calls a customer may make in a sliding minute before 117 CallRateExceeded (Microsoft's
   * number is not published); 0 means no budget. Throttling without the `throttle` fault.
   */
  callsPerMinute: number
}

export const DEFAULT_OPTIONS: Readonly<EmulatorOptions> = Object.freeze({
  goalReadyAfterMinutes: 0,
  clockSkewSeconds: 0,
  maxBodyBytes: 10 * 1024 * 1024,
  accessTokenLifetimeSeconds: 3599,
  refreshTokenLifetimeSeconds: 90 * 86_400,
  revokeRotatedRefreshTokens: false,
  requireOriginalConversion: false,
  bulkUploadUrlLifetimeSeconds: 900,
  bulkResultsUrlLifetimeSeconds: 900,
  bulkRowLimit: 4_000_000,
  bulkMaxFileBytes: 100 * 1024 * 1024,
  bulkStatusPollsToComplete: 2,
  callsPerMinute: 0
})

const NUMBER_KEYS = [
  'goalReadyAfterMinutes',
  'clockSkewSeconds',
  'maxBodyBytes',
  'accessTokenLifetimeSeconds',
  'refreshTokenLifetimeSeconds',
  'bulkUploadUrlLifetimeSeconds',
  'bulkResultsUrlLifetimeSeconds',
  'bulkRowLimit',
  'bulkMaxFileBytes',
  'bulkStatusPollsToComplete',
  'callsPerMinute'
] as const
const BOOLEAN_KEYS = ['revokeRotatedRefreshTokens', 'requireOriginalConversion'] as const

/** Merges a partial change over the current options; the problems say which keys were refused. */
export function mergeOptions(
  current: EmulatorOptions,
  change: unknown
): { options: EmulatorOptions; problems: string[] } {
  const options = { ...current }
  const problems: string[] = []
  if (!change || typeof change !== 'object' || Array.isArray(change))
    return { options, problems: ['options must be a JSON object'] }
  for (const [key, value] of Object.entries(change)) {
    if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
        options[key as (typeof NUMBER_KEYS)[number]] = value
      else problems.push(`${key} must be a number >= 0`)
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'boolean') options[key as (typeof BOOLEAN_KEYS)[number]] = value
      else problems.push(`${key} must be true or false`)
    } else {
      problems.push(`unknown option ${key}`)
    }
  }
  return { options, problems }
}
