import fc from 'fast-check'
import type { NeutralField } from '../../src'

/** Runs per property: modest in CI, more with FUZZ_RUNS=10000 (for instance). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) > 0 ? Number(process.env.FUZZ_RUNS) : 60

/** fast-check's parameters for every fuzz property; FUZZ_SEED replays a failure. */
export function fuzzParameters(): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED)
  return { numRuns: FUZZ_RUNS, ...(Number.isFinite(seed) && process.env.FUZZ_SEED ? { seed } : {}) }
}

/** A value as a host may hand it over: usually plausible, sometimes any JSON at all, sometimes missing. */
export function sometimes<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<T | fc.JsonValue | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: plausible },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.constant(undefined) }
  )
}

const DAY = 86_400_000

/** Times around now: mostly in Microsoft's windows, some in the future or too old, in several spellings. */
export function timeAround(nowMs: number): fc.Arbitrary<string | number> {
  return fc.integer({ min: -120, max: 3 }).chain((days) =>
    fc.integer({ min: 0, max: DAY - 1 }).chain((ms) => {
      const at = nowMs + days * DAY - ms
      return fc.constantFrom<string | number>(
        new Date(at).toISOString(),
        at,
        Math.floor(at / 1000),
        new Date(at).toUTCString(),
        'yesterday',
        '2026-02-30T10:00:00Z'
      )
    })
  )
}

export const clickId = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.uuid(),
  fc.stringMatching(/^[0-9A-Fa-f]{28,36}$/),
  fc.string({ maxLength: 40 })
)
export const email = fc.oneof(
  fc.emailAddress(),
  fc.string({ maxLength: 30 }),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.constant(' John.Doe+x@Example.org ')
)
export const phone = fc.oneof(
  fc.constantFrom('+14255551234', '(425) 555-1234', '+44 20 7946 0958', '0044 20 7946 0958', '12', 'call me'),
  fc.stringMatching(/^\+?[0-9 ().-]{0,20}$/),
  fc.stringMatching(/^[0-9a-f]{64}$/)
)
export const money = fc.oneof(
  fc.double({ min: -10, max: 1e7, noNaN: true }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.constantFrom('12.50', '1,234.5', 'free', '')
)
export const currency = fc.oneof(
  fc.constantFrom('USD', 'eur', 'GBP', 'JPY', 'XXX', 'US Dollar', ''),
  fc.string({ maxLength: 4 })
)
export const consent = fc.constantFrom<unknown>(
  'granted',
  'denied',
  'G',
  'D',
  true,
  false,
  'yes',
  'no',
  'maybe',
  1,
  null
)
export const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true }),
  fc.constant('https://shop.example/?msclkid=f894f652ea334e739002f7167ab8f8e3'),
  fc.string({ maxLength: 20 })
)

/** The JSON an event would be after a trip through a queue: undefined members drop out. */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Whether a message names one of the fields (as a word, a dotted path or a JSON pointer). */
export function namesAField(message: string, fields: readonly string[]): boolean {
  return fields.some((field) =>
    new RegExp(`(^|[^A-Za-z0-9_])${field.replace(/[.$]/g, '\\$&')}($|[^A-Za-z0-9_])`).test(message)
  )
}

type FieldMap = Record<string, { label?: string; properties?: Record<string, { label?: string }> }>

/** Every key and label of an actions-core field map, object properties included (actions-core's messages use labels). */
export function fieldKeys(fields: FieldMap): string[] {
  return Object.entries(fields).flatMap(([key, field]) => [
    key,
    ...(field.label ? [field.label] : []),
    ...Object.entries(field.properties ?? {}).flatMap(([name, property]) => [
      name,
      ...(property.label ? [property.label] : [])
    ])
  ])
}

const NEUTRAL: Record<NeutralField, true> = {
  conversion_name: true,
  conversion_time: true,
  microsoft_click_id: true,
  email: true,
  phone: true,
  conversion_value: true,
  currency: true,
  external_attribution_model: true,
  external_attribution_credit: true,
  transaction_id: true,
  adjustment_type: true,
  adjustment_time: true,
  adjustment_value: true,
  event_type: true,
  event_id: true,
  event_name: true,
  event_time: true,
  event_source_url: true,
  page_load_id: true,
  referrer_url: true,
  page_title: true,
  keywords: true,
  user_data: true,
  custom_data: true,
  items: true,
  hotel_data: true,
  page_type: true,
  client_ip_address: true,
  client_user_agent: true,
  uet_tag_id: true
}

/** The core's own field names, which its messages use when a host gives no names of its own. */
export const NEUTRAL_FIELDS = Object.keys(NEUTRAL) as NeutralField[]
