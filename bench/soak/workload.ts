import { hashEmail } from '../../src/conversions/email'
import { seededRandom } from '../../src/support/prng'
import { generateConversions, GOAL_NAME, toNeutralInput, toRudderMessage, toSegmentEvent, type GeneratedConversion } from '../workload'
import type { OfflineConversionInput } from '../../src/conversions/inputs'

/** A goal the emulator does not have: Microsoft refuses such items (5606), after the core let them through. */
export const UNKNOWN_GOAL = 'Trial Converted'
/** The RudderStack event mapped to the unknown goal. */
export const UNKNOWN_GOAL_EVENT = 'Trial Started'

export type Expectation = 'delivered' | 'rejected' | 'skipped'

/** One soak event: a generated conversion, possibly spoiled on purpose, and what must become of it. */
export interface SoakEvent extends GeneratedConversion {
  goal: string
  adStorageDenied: boolean
  expect: Expectation
  /** The field the core must name when it rejects the event. */
  invalidField?: string
}

/** Shares of the deliberately bad events: every outcome kind must appear in a soak. */
export const SHARES = { invalid: 0.04, consentDenied: 0.03, unknownGoal: 0.01 }

const INVALID_FIELDS = ['email', 'conversion_time', 'currency', 'microsoft_click_id'] as const

function spoil(conversion: GeneratedConversion, field: (typeof INVALID_FIELDS)[number], nowMs: number): GeneratedConversion {
  switch (field) {
    case 'email':
      return { ...conversion, email: `not-an-email-${conversion.index}`, clickId: undefined, phone: undefined }
    case 'conversion_time':
      return { ...conversion, conversionTime: new Date(nowMs - 120 * 86_400_000).toISOString() }
    case 'currency':
      return { ...conversion, currency: 'DOLLARS' }
    case 'microsoft_click_id':
      return { ...conversion, clickId: `zz-not-a-click-id-${conversion.index}` }
  }
}

export function soakEvents(count: number, nowMs: number, seed: number): SoakEvent[] {
  const random = seededRandom(seed ^ 0x5eed)
  return generateConversions(count, nowMs, seed).map((conversion, i) => {
    const draw = random()
    if (draw < SHARES.invalid) {
      const field = INVALID_FIELDS[i % INVALID_FIELDS.length]
      return { ...spoil(conversion, field, nowMs), goal: GOAL_NAME, adStorageDenied: false, expect: 'rejected', invalidField: field }
    }
    if (draw < SHARES.invalid + SHARES.consentDenied) return { ...conversion, goal: GOAL_NAME, adStorageDenied: true, expect: 'skipped' }
    if (draw < SHARES.invalid + SHARES.consentDenied + SHARES.unknownGoal) return { ...conversion, goal: UNKNOWN_GOAL, adStorageDenied: false, expect: 'rejected' }
    return { ...conversion, goal: GOAL_NAME, adStorageDenied: false, expect: 'delivered' }
  })
}

/** How the emulator's stored item names the conversion: its click id, else the hash of its email. */
export function identityOf(event: SoakEvent): string {
  return event.clickId !== undefined ? event.clickId.toLowerCase() : (hashEmail(event.email) as string)
}

export function storedIdentity(item: { MicrosoftClickId?: string | null; HashedEmailAddress?: string | null }): string {
  return item.MicrosoftClickId ? item.MicrosoftClickId.toLowerCase() : String(item.HashedEmailAddress)
}

export function neutralInput(event: SoakEvent): OfflineConversionInput {
  return { ...toNeutralInput(event), conversionName: event.goal, ...(event.adStorageDenied ? { consent: { adStorage: 'denied' } } : {}) }
}

export function segmentEvent(event: SoakEvent): Record<string, unknown> {
  const segment = toSegmentEvent(event, event.adStorageDenied ? { consent: { ad_storage: 'denied' } } : {})
  return { ...segment, properties: { ...(segment.properties as object), goal: event.goal } }
}

export function rudderMessage(event: SoakEvent): Record<string, unknown> {
  const message = toRudderMessage(event, event.adStorageDenied ? { consentManagement: { deniedConsentIds: ['C0004'], provider: 'oneTrust' } } : {})
  return event.goal === UNKNOWN_GOAL ? { ...message, event: UNKNOWN_GOAL_EVENT } : message
}
