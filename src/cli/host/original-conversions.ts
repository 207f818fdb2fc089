import { transform, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import { worstOutcome } from '../../outcome'
import type { OriginalConversion, OriginalConversionLookup } from '../forward-log/original-conversion'
import type { Outcome } from '../../outcome'

/**
 * A refund or order update sent through the defaults must name the offline conversion it adjusts (its goal, click id
 * or hashes, and conversion time), which the event alone often cannot: a shop's backend knows the order id, not the
 * click. `msads serve` and `msads send` then find the conversions Microsoft accepted for that order id (the forward
 * log) and send one adjustment for each, the original's identity and time carried in the event's context.
 */

/** Where an adjustment event's copy carries the original it adjusts (the command line's own key, never a user's). */
export const ORIGINAL_CONTEXT_KEY = 'msads_original_conversion'

/** Where the command line finds originals, and for which account (undefined: the default account). */
export interface OriginalsSource {
  lookup: OriginalConversionLookup
  account?: string
}

const fromOriginal = (key: keyof OriginalConversion) => ({ '@path': `$.context.${ORIGINAL_CONTEXT_KEY}.${key}` })

/**
 * An adjustConversion mapping that names the original from the event's context: its goal, time, click id and hashes,
 * and no other click id source (another click id on the refund event would name another conversion).
 */
export function originalConversionMapping(mapping: JSONObject): JSONObject {
  return {
    ...mapping,
    conversion_name: fromOriginal('conversionName'),
    conversion_time: fromOriginal('conversionTime'),
    microsoft_click_id: fromOriginal('clickId'),
    email: fromOriginal('hashedEmail'),
    phone: fromOriginal('hashedPhone'),
    click_id_sources: {}
  }
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
}

/**
 * The copies of an adjustment event, one per original conversion of its order (a sale split across click ids has
 * several), for `originalConversionMapping`; undefined when the event names its original itself (a conversion time
 * is mapped), has no order id, or no conversion of its goal was found (it then goes as it is: an online adjustment).
 */
export function eventsForOriginals(
  event: SegmentEvent,
  mapping: JSONObject,
  source: OriginalsSource
): SegmentEvent[] | undefined {
  let payload: JSONObject
  try {
    payload = transform(mapping, event as never)
  } catch {
    return undefined
  }
  if (isGiven(payload.conversion_time)) return undefined
  const orderId = payload.transaction_id
  if ((typeof orderId !== 'string' && typeof orderId !== 'number') || !isGiven(orderId)) return undefined
  const goal = typeof payload.conversion_name === 'string' ? payload.conversion_name.trim() : undefined
  const originals = source.lookup
    .findByOrderId(String(orderId).trim(), source.account)
    .filter((original) => goal === undefined || original.conversionName === goal)
  if (!originals.length) return undefined
  return originals.map((original) => ({
    ...event,
    context: {
      ...(event.context ?? {}),
      [ORIGINAL_CONTEXT_KEY]: {
        conversionName: original.conversionName,
        conversionTime: original.conversionTime,
        ...(original.clickId ? { clickId: original.clickId } : {}),
        ...(original.hashedEmail ? { hashedEmail: original.hashedEmail } : {}),
        ...(original.hashedPhone ? { hashedPhone: original.hashedPhone } : {})
      }
    }
  }))
}

/** The one outcome of an event that became several adjustments: the most severe, saying how many were sent. */
export function combinedOutcome(outcomes: readonly Outcome[]): Outcome {
  // A retried event re-sends every adjustment, which Microsoft deduplicates.
  const worst = worstOutcome(outcomes)
  if (outcomes.length === 1) return worst
  const delivered = outcomes.filter((outcome) => outcome.outcome === 'delivered').length
  return {
    ...worst,
    message: `${worst.message} (the order's ${outcomes.length} conversions were adjusted one by one: ${delivered} delivered.)`
  }
}
