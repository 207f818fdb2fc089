import type { SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../destinations/segment/generated-types'
import { prepareOfflineConversions } from '../src/conversions/deliver'
import type { OfflineConversionInput } from '../src/conversions/inputs'
import { presetSubscriptions } from '../src/cli/host/subscriptions'
import { SegmentTranslator } from '../src/cli/pipeline/segment-lane'
import { interleaved } from './measure'
import { DEMO } from './hosts'
import { conversionStream, toSegmentEvent } from './workload'

export interface SendStageFigures {
  /** µs per event of the Segment mapping as send resolves it: compiled mapping, actions-core's validation, translator. */
  send_mapping_us_per_event: number
  /** µs per event of the core's preparation of the neutral inputs that mapping made (batches of 1,000). */
  send_core_us_per_event: number
}

const BATCH = 1000

/**
 * The cost per event of the two stages of `msads send` between parsing and the sink, measured in this process on
 * the bench's Segment events through the destination's Track Conversion preset, interleaved so drift hits both alike.
 */
export function benchSendStages(events = 10_000): SendStageFigures {
  const preset = presetSubscriptions().find((subscription) => subscription.action === 'trackConversion')
  if (!preset) throw new Error('the destination has no Track Conversion preset')
  const translator = new SegmentTranslator(
    'trackConversion',
    preset.mapping,
    { customer_id: DEMO.customerId, account_id: DEMO.accountId, consent_default: 'granted' } as unknown as Settings,
    undefined,
    { credentials: false }
  )
  const now = Date.now()
  const segmentEvents = [...conversionStream(events, now)].map((c) => toSegmentEvent(c) as unknown as SegmentEvent)
  const inputs = segmentEvents.map((event) => {
    const translated = translator.translate(event)
    if ('outcome' in translated) throw new Error(`the preset refused a bench event: ${translated.outcome.message}`)
    return translated.input
  })
  const batches: OfflineConversionInput[][] = []
  for (let start = 0; start < inputs.length; start += BATCH) batches.push(inputs.slice(start, start + BATCH))
  let mapped = 0
  let next = 0
  const rates = interleaved({
    mapping: () => {
      for (let index = 0; index < BATCH; index++)
        if (!('outcome' in translator.translate(segmentEvents[(next + index) % segmentEvents.length]))) mapped++
      next = (next + BATCH) % segmentEvents.length
      return BATCH
    },
    core: () => {
      const batch = batches[next++ % batches.length]
      mapped += prepareOfflineConversions(batch, { now: () => now }).slots.length
      return batch.length
    }
  })
  if (mapped === 0) throw new Error('unreachable')
  return {
    send_mapping_us_per_event: Number((1e6 / rates.mapping).toFixed(2)),
    send_core_us_per_event: Number((1e6 / rates.core).toFixed(2))
  }
}
