import { deliverOfflineConversions } from '../src/conversions/deliver'
import type { OfflineConversionInput } from '../src/conversions/inputs'
import { CampaignClient } from '../src/microsoft/campaign-client'
import { ENDPOINT_ENV } from '../src/microsoft/endpoints'
import { fetchTransport } from '../src/microsoft/fetch-transport'
import type { Transport } from '../src/microsoft/http'
import { seededRandom } from '../src/support/prng'
import { TokenManager } from '../src/microsoft/oauth/token-manager'
import { oauthTokenSource } from '../src/microsoft/token-source'
import type { OAuthClientCredentials } from '../src/microsoft/oauth/token-client'
import { spawnEmulator } from './emulator-process'
import { DEMO } from './hosts'
import { GOAL_NAME } from './workload'

export interface TokenRefreshFigures {
  token_refreshes_per_lifetime: number
  token_refreshes: number
  token_lifetimes: number
  token_concurrent_batches: number
}

export interface TokenRefreshOptions {
  /** Batches in flight at once. */
  concurrency?: number
  /** Batches each of them sends, one after the other. */
  batchesEach?: number
  /** Events per batch. */
  batchSize?: number
  /** How many times the access token expires during the run. */
  expiries?: number
  /** Most network latency added to each answer, as between a host and Microsoft (uniform from 0). */
  latencyMs?: number
}

/** Answers arrive after a seeded random delay, so that answers to requests sent with one token spread out in time. */
function withLatency(maxMs: number): Transport {
  const random = seededRandom(7)
  return async (request) => {
    const response = await fetchTransport(request)
    await new Promise((resolve) => setTimeout(resolve, random() * maxMs))
    return response
  }
}

function batchOf(worker: number, batch: number, size: number, nowMs: number): OfflineConversionInput[] {
  const time = new Date(nowMs - 3_600_000).toISOString()
  return Array.from({ length: size }, (_, i) => ({
    conversionName: GOAL_NAME,
    conversionTime: time,
    clickId: {
      mapped: `${worker.toString(16).padStart(8, '0')}${batch.toString(16).padStart(8, '0')}${i.toString(16).padStart(16, '0')}`
    },
    value: 10,
    currency: 'USD'
  }))
}

/**
 * 200 batches in flight at once share one TokenManager, as the command line's sender and a self-managed Segment
 * destination do. The emulator expires every access token `expiries` times during the run (the token's hour
 * running out while requests are in flight), so each lifetime ends with many batches holding the old token.
 * The figure is the refreshes the identity platform received per token lifetime: 1 when the refreshes are single
 * flight and a refusal of a token already replaced reuses the new one instead of refreshing again.
 */
export async function benchTokenRefresh(options: TokenRefreshOptions = {}): Promise<TokenRefreshFigures> {
  const concurrency = options.concurrency ?? 200
  const batchesEach = options.batchesEach ?? 10
  const batchSize = options.batchSize ?? 20
  const expiries = options.expiries ?? 5
  const emulator = await spawnEmulator()
  const previous = process.env[ENDPOINT_ENV.all]
  process.env[ENDPOINT_ENV.all] = emulator.url
  try {
    const credentials: OAuthClientCredentials = {
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
      refreshToken: DEMO.refreshToken
    }
    const transport = withLatency(options.latencyMs ?? 40)
    let refreshed = 0
    const tokens = new TokenManager({ transport, onRefresh: () => refreshed++ })
    const client = new CampaignClient({
      transport,
      auth: {
        developerToken: DEMO.developerToken,
        customerId: DEMO.customerId,
        accountId: DEMO.accountId,
        accessToken: oauthTokenSource(tokens, credentials)
      }
    })
    const total = concurrency * batchesEach
    const expireEvery = Math.max(1, Math.floor(total / (expiries + 1)))
    let done = 0
    let expired = 0
    const nowMs = Date.now()
    const worker = async (id: number): Promise<void> => {
      for (let batch = 0; batch < batchesEach; batch++) {
        let pending = batchOf(id, batch, batchSize, nowMs)
        // A batch refused twice (its token expired again right after the refresh) is sent again, as a host would.
        for (let attempt = 0; pending.length && attempt < 5; attempt++) {
          const outcomes = await deliverOfflineConversions(pending, client)
          const failed = outcomes.flatMap((outcome, i) =>
            outcome.outcome === 'delivered' ? [] : [{ outcome, input: pending[i] }]
          )
          const unexpected = failed.find(({ outcome }) => outcome.outcome !== 'auth')
          if (unexpected) throw new Error(`a batch failed: ${unexpected.outcome.reason}`)
          pending = failed.map(({ input }) => input)
        }
        if (pending.length) throw new Error('a batch was refused five times in a row')
        done++
        // The next expiry waits until the token of the last one has been replaced, so that every lifetime counted
        // is one the batches really used (two expiries in a row would end a single lifetime).
        if (expired < expiries && done >= expireEvery * (expired + 1) && refreshed > expired) {
          expired++
          await fetch(`${emulator.url}/__emulator/tokens/expire`, { method: 'POST' })
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)))
    const state = await emulator.state()
    if (state.offlineConversions.count !== total * batchSize)
      throw new Error(`the emulator holds ${state.offlineConversions.count} of ${total * batchSize} conversions`)
    const refreshes = state.tokens.refreshesIssued
    // An expiry after the last request ended no lifetime that was used.
    const lifetimes = refreshed > expired ? expired + 1 : expired
    return {
      token_refreshes_per_lifetime: Number((refreshes / lifetimes).toFixed(3)),
      token_refreshes: refreshes,
      token_lifetimes: lifetimes,
      token_concurrent_batches: concurrency
    }
  } finally {
    if (previous === undefined) delete process.env[ENDPOINT_ENV.all]
    else process.env[ENDPOINT_ENV.all] = previous
    await emulator.close()
  }
}
