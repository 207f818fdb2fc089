import {
  CapiCustomDataSchema,
  CapiEventSchema,
  CapiEventTypeSchema,
  CapiPageTypeSchema,
  CapiUserDataSchema,
  type CapiErrorDetail
} from '../../microsoft/models'
import { flatChecker } from '../support/flat-checker'
import { isCurrencyCode, isSha256Hex, isWebUrl } from '../support/formats'
import { DAY_MS } from '../support/time'
import { issuePath } from '../support/zod-issues'

export const CAPI_MAX_AGE_MS = 7 * DAY_MS
const EVENT_FIELDS = new Set(Object.keys(CapiEventSchema.shape))
const STRING_FIELDS = ['eventId', 'eventName', 'pageLoadId', 'pageTitle', 'keywords'] as const
const IDENTIFIERS = ['anonymousId', 'externalId', 'em', 'ph', 'msclkid', 'idfa', 'gaid'] as const
const HASHED = ['em', 'ph'] as const
const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const checkUserDataTypes = flatChecker(CapiUserDataSchema)

export interface EventVerdict {
  errors: CapiErrorDetail[]
  warnings: CapiErrorDetail[]
  /** The event as it is kept: fields that drew a warning are dropped. */
  event: Record<string, unknown>
}

class Findings {
  readonly errors: CapiErrorDetail[] = []
  readonly warnings: CapiErrorDetail[] = []
  constructor(private readonly index: number) {}

  private detail(
    property: string,
    attemptedValue: unknown,
    errorMessage: string,
    errorCode: string,
    isWarning: boolean
  ): CapiErrorDetail {
    return {
      index: this.index,
      propertyName: `data[${this.index}]${property ? `.${property}` : ''}`,
      attemptedValue: attemptedValue ?? null,
      errorMessage,
      errorCode,
      isWarning
    }
  }

  error(property: string, attemptedValue: unknown, errorMessage: string, errorCode: string): void {
    this.errors.push(this.detail(property, attemptedValue, errorMessage, errorCode, false))
  }

  warning(property: string, attemptedValue: unknown, errorMessage: string, errorCode: string): void {
    this.warnings.push(this.detail(property, attemptedValue, errorMessage, errorCode, true))
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

function checkEventTime(event: Record<string, unknown>, found: Findings, now: number, skewMs: number): void {
  const time = event.eventTime
  if (time === undefined || time === null)
    return found.error('eventTime', time, "'eventTime' must not be empty.", 'Empty')
  const ms = typeof time === 'number' && Number.isInteger(time) ? time * 1000 : Number.NaN
  if (!(ms >= now - CAPI_MAX_AGE_MS && ms <= now + skewMs)) {
    found.error(
      'eventTime',
      time,
      "'eventTime' must be a valid UNIX UTC timestamp in seconds within last 7 days.",
      'InvalidEventTime'
    )
  }
}

function checkUserData(event: Record<string, unknown>, found: Findings): Record<string, unknown> | undefined {
  const userData = event.userData
  if (!isObject(userData)) {
    found.error('userData', userData, "'userData' must not be empty.", 'Empty')
    return undefined
  }
  const kept: Record<string, unknown> = { ...userData }
  const problem = checkUserDataTypes(userData)
  if (problem?.kind === 'unknownKey') {
    found.error(
      `userData.${problem.key}`,
      null,
      `'${problem.key}' is not a known property of 'userData'.`,
      'UnknownProperty'
    )
    return kept
  }
  if (problem?.kind === 'wrongType') {
    found.error(
      `userData.${problem.key}`,
      userData[problem.key],
      `'${problem.key}' must be a ${problem.expected}.`,
      'InvalidValue'
    )
    return kept
  }
  for (const field of HASHED) {
    const value = kept[field]
    if (typeof value === 'string' && !isSha256Hex(value)) {
      found.warning(`userData.${field}`, value, `'${field}' must be a valid SHA256 string.`, 'InvalidSha256')
      delete kept[field]
    }
  }
  // The UET Conversions API guide ("Send MSCLKID whenever possible") gives msclkid as a UUID
  // (dd4afccc-b1c9-4a4c-ad95-44dd7e5006ab); another form is dropped with a warning, as for invalid optional fields.
  if (typeof kept.msclkid === 'string' && !UUID_FORM.test(kept.msclkid)) {
    found.warning('userData.msclkid', kept.msclkid, "'msclkid' must be a valid UUID.", 'InvalidValue')
    delete kept.msclkid
  }
  if (!IDENTIFIERS.some((field) => !absent(kept[field]))) {
    found.error(
      'userData',
      null,
      `'userData' must contain at least one of: ${IDENTIFIERS.join(', ')}.`,
      'MissingUserIdentifier'
    )
  }
  return kept
}

function reportIssue(
  found: Findings,
  prefix: string,
  path: ReadonlyArray<string | number>,
  code: string,
  message: string,
  root: unknown,
  warning: boolean
): void {
  const property = [prefix, issuePath(path)].filter(Boolean).join('.')
  if (code === 'unrecognized_keys') return found.error(property, null, `${message} in '${prefix}'.`, 'UnknownProperty')
  const attempted = path.reduce<unknown>(
    (value, key) => (isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined),
    root
  )
  const text = `'${property}' ${message.charAt(0).toLowerCase()}${message.slice(1)}.`
  if (warning) found.warning(property, attempted, text, 'InvalidValue')
  else found.error(property, attempted, text, 'InvalidValue')
}

// The optional fields Microsoft drops with a warning rather than refusing the event (UET Conversions API guide,
// "Batch uploads and validation behavior"): currency, page type, the ecommerce fields and the hotel fields.
const WARNING_FIELDS = new Set([
  'currency',
  'pageType',
  'items',
  'itemIds',
  'ecommTotalValue',
  'ecommCategory',
  'hotelData'
])

/** The field an issue is about, to drop: `hotelData.checkinDate` drops only that hotel field. */
function droppedPath(path: ReadonlyArray<string | number>): string[] {
  return path[0] === 'hotelData' && typeof path[1] === 'string' ? ['hotelData', path[1]] : [String(path[0])]
}

function drop(data: Record<string, unknown>, path: readonly string[]): void {
  if (path.length === 1) delete data[path[0]]
  else if (isObject(data[path[0]])) {
    const inner = { ...(data[path[0]] as Record<string, unknown>) }
    delete inner[path[1]]
    data[path[0]] = inner
  }
}

/** customData as it is kept, with the fields that drew a warning removed; errors only for the other fields. */
function checkCustomData(event: Record<string, unknown>, found: Findings): Record<string, unknown> | undefined {
  const customData = event.customData
  if (customData === undefined || customData === null) return undefined
  if (!isObject(customData)) {
    found.error('customData', customData, "'customData' must be an object.", 'InvalidValue')
    return undefined
  }
  const kept: Record<string, unknown> = { ...customData }
  const parsed = CapiCustomDataSchema.safeParse(customData)
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const warning = issue.code !== 'unrecognized_keys' && WARNING_FIELDS.has(String(issue.path[0]))
    reportIssue(found, 'customData', issue.path, issue.code, issue.message, customData, warning)
    if (warning) drop(kept, droppedPath(issue.path))
  }
  if (typeof kept.currency === 'string' && !isCurrencyCode(kept.currency)) {
    found.warning('customData.currency', kept.currency, "'currency' must be an ISO 4217 currency code.", 'InvalidValue')
    delete kept.currency
  }
  if (typeof kept.pageType === 'string' && !CapiPageTypeSchema.safeParse(kept.pageType).success) {
    found.warning(
      'customData.pageType',
      kept.pageType,
      `'pageType' must be one of the following: ${CapiPageTypeSchema.options.join(', ')}.`,
      'InvalidEnumValue'
    )
    delete kept.pageType
  }
  for (const field of ['checkinDate', 'checkoutDate'] as const) {
    const value = isObject(kept.hotelData) ? kept.hotelData[field] : undefined
    if (typeof value === 'string' && !(DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value)))) {
      found.warning(
        `customData.hotelData.${field}`,
        value,
        `'${field}' must be a date in the format YYYY-MM-DD.`,
        'InvalidValue'
      )
      drop(kept, ['hotelData', field])
    }
  }
  return kept
}

/**
 * One event of a CAPI request: errors make it invalid, warnings only drop a field. Unknown fields are errors
 * (stricter than Microsoft is known to be), so that a misplaced field such as continueOnValidationError inside an
 * event is caught.
 */
export function validateEvent(value: unknown, index: number, now: number, skewMs: number): EventVerdict {
  const found = new Findings(index)
  if (!isObject(value)) {
    found.error('', value, `'data[${index}]' must be an object.`, 'InvalidValue')
    return { errors: found.errors, warnings: found.warnings, event: {} }
  }
  const event: Record<string, unknown> = { ...value }
  for (const key of Object.keys(value)) {
    if (!EVENT_FIELDS.has(key))
      found.error(key, null, `'${key}' is not a known property of an event.`, 'UnknownProperty')
  }
  if (absent(value.eventType)) found.error('eventType', value.eventType, "'eventType' must not be empty.", 'Empty')
  else if (!CapiEventTypeSchema.safeParse(value.eventType).success) {
    found.error(
      'eventType',
      value.eventType,
      "'eventType' must be one of the following: pageLoad, custom.",
      'InvalidEnumValue'
    )
  }
  checkEventTime(value, found, now, skewMs)
  for (const field of STRING_FIELDS) {
    if (value[field] !== undefined && value[field] !== null && typeof value[field] !== 'string')
      found.error(field, value[field], `'${field}' must be a string.`, 'InvalidValue')
  }
  if (absent(value.eventSourceUrl)) {
    if (value.eventType === 'pageLoad')
      found.error('eventSourceUrl', value.eventSourceUrl ?? null, "'eventSourceUrl' must not be empty.", 'Empty')
  } else if (typeof value.eventSourceUrl !== 'string' || !isWebUrl(value.eventSourceUrl)) {
    found.error('eventSourceUrl', value.eventSourceUrl, "'eventSourceUrl' must be a valid URL.", 'InvalidUrl')
  }
  if (!absent(value.referrerUrl) && (typeof value.referrerUrl !== 'string' || !isWebUrl(value.referrerUrl))) {
    found.warning('referrerUrl', value.referrerUrl, "'referrerUrl' must be a valid URL.", 'InvalidUrl')
    delete event.referrerUrl
  }
  if (value.adStorageConsent !== undefined && value.adStorageConsent !== 'G' && value.adStorageConsent !== 'D') {
    found.error(
      'adStorageConsent',
      value.adStorageConsent,
      "'adStorageConsent' must be one of the following: G, D.",
      'InvalidEnumValue'
    )
  }
  const userData = checkUserData(value, found)
  if (userData) event.userData = userData
  if (value.customData !== undefined && value.customData !== null) {
    const customData = checkCustomData(value, found)
    if (customData) event.customData = customData
  }
  return { errors: found.errors, warnings: found.warnings, event }
}
