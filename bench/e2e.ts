import { deliverOfflineConversions } from '../src/conversions/deliver'
import type { OfflineConversionInput } from '../src/conversions/inputs'
import { CampaignClient } from '../src/microsoft/campaign-client'
import { chunk } from '../src/microsoft/chunk'
import { ENDPOINT_ENV } from '../src/microsoft/endpoints'
import { mapWithConcurrency } from '../src/support/pool'
import type { EmulatorProcess } from './emulator-process'
import { DEMO } from './hosts'

/** Batches of 1,000 in flight at once on the end-to-end path. */
export const E2E_CONCURRENCY = 4

/** Total requests the emulator answered on Microsoft's routes (the control API is not counted). */
export function requestCount(requests: Record<string, Record<string, number>>): number {
  return Object.values(requests).reduce((sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0)
}

/**
 * The core's client path end to end: neutral inputs through deliverOfflineConversions and the CampaignClient on
 * Node's fetch, to the emulator in another process over loopback, 1,000 events per Apply call. Each run starts
 * from a reset emulator (the same conversions again would be duplicates) and checks that every event was delivered.
 */
export function e2eWorkload(
  emulator: EmulatorProcess,
  inputs: readonly OfflineConversionInput[]
): () => Promise<number> {
  const batches = chunk(inputs)
  return async () => {
    await emulator.reset()
    const previous = process.env[ENDPOINT_ENV.all]
    process.env[ENDPOINT_ENV.all] = emulator.url
    try {
      const client = new CampaignClient({
        auth: {
          developerToken: DEMO.developerToken,
          customerId: DEMO.customerId,
          accountId: DEMO.accountId,
          accessToken: DEMO.accessToken
        }
      })
      const results = await mapWithConcurrency(batches, E2E_CONCURRENCY, (batch) =>
        deliverOfflineConversions(batch, client, { defaultPhoneCountry: 'US' })
      )
      const notDelivered = results.flat().filter((o) => o.outcome !== 'delivered')
      if (notDelivered.length)
        throw new Error(`${notDelivered.length} events were not delivered end to end: ${notDelivered[0].reason}`)
    } finally {
      if (previous === undefined) delete process.env[ENDPOINT_ENV.all]
      else process.env[ENDPOINT_ENV.all] = previous
    }
    return inputs.length
  }
}

/** Requests the emulator received per 1,000 events, measured on one end-to-end run. */
export async function requestsPer1000Events(emulator: EmulatorProcess, run: () => Promise<number>): Promise<number> {
  const events = await run()
  const state = await emulator.state()
  if (state.offlineConversions.count !== events)
    throw new Error(`the emulator holds ${state.offlineConversions.count} of ${events} conversions`)
  return Number(((requestCount(state.requests) / events) * 1000).toFixed(3))
}
