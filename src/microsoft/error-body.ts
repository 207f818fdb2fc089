import { redactText } from '../support/redact'

/**
 * Microsoft's answer to a request as a host may show it (RudderStack's delivery `destinationResponse` and job
 * errors): the fields of Microsoft's documented shapes only (Campaign Management faults and PartialErrors, the
 * UET Conversions API's error details, the identity platform's error), every text redacted, and nothing else.
 * Microsoft's messages can echo what was sent (a token, an email), so a raw body never leaves the process.
 */

const MAX_TEXT_LENGTH = 500
const MAX_LIST_LENGTH = 100

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/**
 * A text that may hold Microsoft's words (an outcome's message), with the request's own values and personal data
 * masked: what a host shows when its process has not registered the request's tokens as secrets.
 */
export function redactMicrosoftText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets)
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join('[redacted]')
  return redactText(out)
}

function masked(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets)
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join('[redacted]')
  return redactText(out).slice(0, MAX_TEXT_LENGTH)
}

type FieldKind = 'text' | 'number' | 'boolean' | 'numbers' | 'map'
interface Shape {
  [key: string]: FieldKind | Shape
}

/** BatchError, also each item of PartialErrors and of an ApiFaultDetail's BatchErrors. */
const BATCH_ERROR: Shape = {
  Code: 'number',
  Details: 'text',
  ErrorCode: 'text',
  FieldPath: 'text',
  ForwardCompatibilityMap: 'map',
  Index: 'number',
  Message: 'text',
  Type: 'text'
}
const OPERATION_ERROR: Shape = { Code: 'number', Detail: 'text', Details: 'text', ErrorCode: 'text', Message: 'text' }
const CAPI_DETAIL: Shape = {
  index: 'number',
  propertyName: 'text',
  errorMessage: 'text',
  errorCode: 'text',
  isWarning: 'boolean'
}

/** Every key Microsoft documents in an answer, with its kind; a list key holds items of the nested shape. */
const ANSWER: Shape = {
  TrackingId: 'text',
  Type: 'text',
  PartialErrors: BATCH_ERROR,
  BatchErrors: BATCH_ERROR,
  Errors: OPERATION_ERROR,
  OperationErrors: OPERATION_ERROR,
  eventsReceived: 'number',
  traceId: 'text',
  error: 'text',
  error_description: 'text',
  error_codes: 'numbers',
  trace_id: 'text',
  correlation_id: 'text',
  timestamp: 'text'
}
const CAPI_ERROR: Shape = { code: 'text', message: 'text', details: CAPI_DETAIL }

function pick(value: unknown, kind: FieldKind, secrets: readonly string[]): Json | undefined {
  if (value === null) return null
  switch (kind) {
    case 'text':
      if (typeof value === 'string') return masked(value, secrets)
      return typeof value === 'number' ? value : undefined
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined
    case 'numbers':
      return Array.isArray(value)
        ? value.filter((item): item is number => typeof item === 'number').slice(0, MAX_LIST_LENGTH)
        : undefined
    case 'map':
      return Array.isArray(value)
        ? value.slice(0, MAX_LIST_LENGTH).flatMap((entry) => {
            const { key, value: text } = (entry ?? {}) as { key?: unknown; value?: unknown }
            return typeof key === 'string'
              ? [{ key: masked(key, secrets), value: typeof text === 'string' ? masked(text, secrets) : null }]
              : []
          })
        : undefined
    default:
      return undefined
  }
}

function shaped(value: unknown, shape: Shape, secrets: readonly string[]): { [key: string]: Json } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const out: { [key: string]: Json } = {}
  // In the answer's own order, the documented keys only.
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (Object.prototype.hasOwnProperty.call(shape, key)) {
      const kind = shape[key]
      let picked: Json | undefined
      if (typeof kind === 'string') picked = pick(field, kind, secrets)
      else if (Array.isArray(field))
        picked = field.slice(0, MAX_LIST_LENGTH).flatMap((item) => shaped(item, kind, secrets) ?? [])
      else picked = field === null ? null : undefined
      if (picked !== undefined) out[key] = picked
    }
  }
  return out
}

/**
 * Microsoft's answer body (text or parsed JSON) reduced to its documented error fields, redacted. `secrets` are the
 * values the request carried (its access token, developer token, CAPI token), masked wherever they appear. A body
 * that is not JSON is described, never repeated.
 */
export function parsedMicrosoftAnswer(body: unknown, secrets: readonly string[] = []): Json {
  let value = body
  if (typeof body === 'string') {
    if (body.trim() === '') return ''
    try {
      value = JSON.parse(body)
    } catch {
      return `Microsoft answered with a body that is not JSON (${body.length} characters); it is not repeated here.`
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return 'Microsoft answered with a body of an unexpected shape; it is not repeated here.'
  const out = shaped(value, ANSWER, secrets) ?? {}
  const capiError = (value as { error?: unknown }).error
  if (capiError && typeof capiError === 'object') out.error = shaped(capiError, CAPI_ERROR, secrets) ?? {}
  return out
}
