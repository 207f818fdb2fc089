import { ConfigurationError } from '@rudderstack/integrations-lib'
import { z } from 'zod'
import {
  InputError,
  parseAdjustmentType,
  parseConsentDefault,
  parseCurrency,
  parsePhoneCountry
} from 'msads-conversions'
import type { AdjustmentType, ConsentState, CountryCode, Environment } from 'msads-conversions'
import { MAX_GOALS_PER_EVENT } from './constants'
import type { Destination } from './contracts/rudder-types'

/**
 * `Destination.Config` as the RudderStack UI saves it (see config/schema.json), read once per destination.
 * Empty rows and empty strings are what the UI stores for untouched fields, so they mean "not set".
 */
const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
const optionalString = z.preprocess((value) => {
  if (blank(value)) return undefined
  return typeof value === 'number' ? String(value) : value
}, z.string().trim().optional())
const numericId = (key: string) =>
  optionalString.refine((value) => value === undefined || /^\d+$/.test(value), {
    message: `${key} must be a numeric id (digits only)`
  })
const flag = z.preprocess((value) => {
  if (value === 'true' || value === 'false') return value === 'true'
  return blank(value) ? undefined : value
}, z.boolean().optional())
const mappingRows = z
  .array(z.object({ from: optionalString, to: optionalString }).passthrough())
  .optional()
  .nullable()
/** The UI's tag inputs store `[{ <tagKey>: value }]`; plain strings are accepted as well. */
const tagList = (tagKey: string) =>
  z
    .array(z.union([z.string(), z.record(z.unknown())]))
    .optional()
    .nullable()
    .transform((rows) =>
      (rows ?? [])
        .map((row) => (typeof row === 'string' ? row : row[tagKey]))
        .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
        .map((value) => value.trim())
    )

const RawConfig = z
  .object({
    customerId: numericId('customerId'),
    customerAccountId: numericId('customerAccountId'),
    environment: z.preprocess(
      (value) => (blank(value) ? undefined : value),
      z.enum(['production', 'sandbox']).optional()
    ),
    eventsToConversionGoals: mappingRows,
    adjustmentEvents: mappingRows,
    defaultCurrency: optionalString,
    defaultPhoneCountry: optionalString,
    isHashRequired: flag,
    consentDefault: z.unknown(),
    adStorageConsentCategories: tagList('consent'),
    adUserDataConsentCategories: tagList('consent'),
    sendTrackEventsToCapi: flag,
    sendPageEventsToCapi: flag,
    capiEventNames: tagList('eventName'),
    uetTagId: numericId('uetTagId'),
    capiToken: optionalString
  })
  .passthrough()

/** The `Destination.Config` keys this destination reads (config/schema.json declares each). */
export const CONFIG_KEYS = Object.keys(RawConfig.shape)

export interface DestinationSettings {
  customerId?: string
  customerAccountId?: string
  environment: Environment
  /** Event name (trimmed, lower case) to the conversion goal names it counts for, in configured order. */
  goalsByEvent: ReadonlyMap<string, readonly string[]>
  /** Event name (trimmed, lower case) to the adjustment it stands for. */
  adjustmentByEvent: ReadonlyMap<string, AdjustmentType>
  defaultCurrency?: string
  defaultPhoneCountry?: CountryCode
  /** Off: email and phone arrive as SHA-256 digests (RudderStack's Bing Ads offline conversions switch). */
  isHashRequired: boolean
  consentDefault: ConsentState
  adStorageCategoryIds: readonly string[]
  adUserDataCategoryIds: readonly string[]
  sendTrackEventsToCapi: boolean
  sendPageEventsToCapi: boolean
  /** Lower-case event names sent to CAPI; empty means every track event. */
  capiEventNames: ReadonlySet<string>
  uetTagId?: string
  capiToken?: string
}

/** Event names match without regard to case or surrounding spaces, as admins type them by hand. */
export function eventKey(name: string): string {
  return name.trim().toLowerCase()
}

function goalMap(rows: z.infer<typeof mappingRows>): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const row of (rows ?? []).filter((r): r is typeof r & { from: string; to: string } => Boolean(r.from && r.to))) {
    const goals = map.get(eventKey(row.from)) ?? []
    if (!goals.includes(row.to)) goals.push(row.to)
    if (goals.length > MAX_GOALS_PER_EVENT) {
      throw new ConfigurationError(
        `eventsToConversionGoals maps "${row.from}" to more than ${MAX_GOALS_PER_EVENT} goals.`
      )
    }
    map.set(eventKey(row.from), goals)
  }
  return map
}

function adjustmentMap(rows: z.infer<typeof mappingRows>): Map<string, AdjustmentType> {
  const map = new Map<string, AdjustmentType>()
  for (const row of (rows ?? []).filter((r): r is typeof r & { from: string } => Boolean(r.from))) {
    try {
      map.set(eventKey(row.from), parseAdjustmentType(row.to))
    } catch (error) {
      if (error instanceof InputError)
        throw new ConfigurationError(`adjustmentEvents: "${row.from}" must map to Restate or Retract.`)
      throw error
    }
  }
  return map
}

function currency(value: string | undefined): string | undefined {
  try {
    return parseCurrency(value)
  } catch {
    throw new ConfigurationError('defaultCurrency must be an ISO 4217 currency code such as USD.')
  }
}

function phoneCountry(value: string | undefined): CountryCode | undefined {
  const { country, problem } = parsePhoneCountry(value)
  if (problem) throw new ConfigurationError(`defaultPhoneCountry ${problem}.`)
  return country
}

function consentDefault(value: unknown): ConsentState {
  const parsed = parseConsentDefault(value)
  if (parsed.problem !== undefined) throw new ConfigurationError(`consentDefault ${parsed.problem}.`)
  return parsed.consentDefault
}

function describeIssue(issue: z.ZodIssue): string {
  const path = issue.path.join('.')
  return issue.message.startsWith(path) ? issue.message : `${path || 'config'}: ${issue.message}`
}

export function parseDestinationConfig(config: unknown): DestinationSettings {
  const parsed = RawConfig.safeParse(config ?? {})
  if (!parsed.success)
    throw new ConfigurationError(`Invalid destination config: ${parsed.error.issues.map(describeIssue).join('; ')}.`)
  const raw = parsed.data
  const settings: DestinationSettings = {
    customerId: raw.customerId,
    customerAccountId: raw.customerAccountId,
    environment: raw.environment ?? 'production',
    goalsByEvent: goalMap(raw.eventsToConversionGoals),
    adjustmentByEvent: adjustmentMap(raw.adjustmentEvents),
    defaultCurrency: currency(raw.defaultCurrency),
    defaultPhoneCountry: phoneCountry(raw.defaultPhoneCountry),
    isHashRequired: raw.isHashRequired ?? true,
    consentDefault: consentDefault(raw.consentDefault),
    adStorageCategoryIds: raw.adStorageConsentCategories,
    adUserDataCategoryIds: raw.adUserDataConsentCategories,
    sendTrackEventsToCapi: raw.sendTrackEventsToCapi ?? false,
    sendPageEventsToCapi: raw.sendPageEventsToCapi ?? false,
    capiEventNames: new Set(raw.capiEventNames.map(eventKey)),
    uetTagId: raw.uetTagId,
    capiToken: raw.capiToken
  }
  if (
    (settings.sendTrackEventsToCapi || settings.sendPageEventsToCapi) &&
    (!settings.uetTagId || !settings.capiToken)
  ) {
    throw new ConfigurationError('uetTagId and capiToken are required to send events to the UET Conversions API.')
  }
  return settings
}

// Config objects are shared by every job of a destination within a request, so parsing once per object is enough.
const cache = new WeakMap<object, DestinationSettings>()

export function settingsOf(destination: Destination): DestinationSettings {
  const config = destination?.Config
  if (!config || typeof config !== 'object') return parseDestinationConfig({})
  const cached = cache.get(config)
  if (cached) return cached
  const settings = parseDestinationConfig(config)
  cache.set(config, settings)
  return settings
}

/** The two ids every Campaign Management call carries; required only when a job needs one. */
export function campaignAccount(settings: DestinationSettings): { customerId: string; accountId: string } {
  if (!settings.customerId || !settings.customerAccountId) {
    throw new ConfigurationError(
      'customerId and customerAccountId are required to send offline conversions and adjustments.'
    )
  }
  return { customerId: settings.customerId, accountId: settings.customerAccountId }
}
