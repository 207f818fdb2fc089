import { defaultValues, type JSONObject, type RefreshAccessTokenResult } from '@segment/actions-core'
import adjustConversion from '../../destinations/segment/adjustConversion'
import uetCapiEvent from '../../destinations/segment/uetCapiEvent'
import { DEFAULT_SEED } from '../../src/emulator'
import { refreshWithGrant } from '../../src/microsoft/oauth/token-client'
import { asSegmentEvents, DEMO, segmentHost, segmentSettings, type OAuthTokens } from '../hosts'
import { drain, Ledger, untilDone } from './ledger'
import type { PathContext } from './path'
import { RetryQueue } from './retry-queue'
import { ADJUSTMENT_EVENTS, segmentEvent, type SoakEvent } from './workload'

/** The goal comes from the event, so that some events name a goal Microsoft does not have. */
const SOAK_MAPPING = { conversion_name: { '@path': '$.properties.goal' } } as JSONObject

type Subscription = { partnerAction: string; subscribe: string; mapping: JSONObject }

const adjustmentSubscription = (type: 'Restate' | 'Retract'): Subscription => ({
  partnerAction: 'adjustConversion',
  subscribe: `type = "track" and event = "${ADJUSTMENT_EVENTS[type]}"`,
  mapping: {
    ...defaultValues(adjustConversion.fields),
    adjustment_type: type,
    conversion_name: 'Purchase',
    conversion_time: { '@path': '$.properties.conversion_time' }
  }
})

/** The presets' subscriptions for the other kinds: Restate, Retract, and CAPI (page loads and custom track events). */
const SUBSCRIPTIONS: Record<string, Subscription> = {
  Restate: adjustmentSubscription('Restate'),
  Retract: adjustmentSubscription('Retract'),
  pageLoad: {
    partnerAction: 'uetCapiEvent',
    subscribe: 'type = "page"',
    mapping: { ...defaultValues(uetCapiEvent.fields), eventType: 'pageLoad' }
  },
  custom: {
    partnerAction: 'uetCapiEvent',
    subscribe: 'type = "track"',
    mapping: defaultValues(uetCapiEvent.fields)
  }
}

/** Which subscription an event goes through: Segment's platform batches the events of each one separately. */
function subscriptionOf(event: SoakEvent): string {
  if (event.kind === 'adjustment') return event.adjustment!.type
  if (event.kind === 'capi') return event.capi!
  return 'conversion'
}

/** The settings Segment's platform passes with a batch of one subscription (the UET tag's for CAPI). */
function batchSettings(tokens: OAuthTokens, subscription: string): JSONObject {
  const settings = segmentSettings(tokens, SOAK_MAPPING) as Record<string, unknown>
  const tag = DEFAULT_SEED.tags[0]
  const extra = SUBSCRIPTIONS[subscription]
  return {
    ...settings,
    uet_tag_id: tag.id,
    uet_capi_token: tag.capiToken,
    ...(extra ? { subscriptions: [extra] } : {})
  }
}

// Segment retries these statuses; 401 means refresh the token first.
const RETRYABLE = new Set([408, 423, 429, 500, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 598, 599])

interface MultiStatusEntry {
  status: number
  errortype?: string
  errormessage?: string
  /** Microsoft's answer about the event (its PartialError, its CAPI error detail), or a skipped event's reason. */
  body?: { outcome?: string; reason?: string; ErrorCode?: string; errorCode?: string } | string
}

function bodyOf(entry: MultiStatusEntry): Exclude<MultiStatusEntry['body'], string> {
  return entry.body && typeof entry.body === 'object' ? entry.body : {}
}

/** What the entry says went wrong: Microsoft's error code when its answer names the event, else the skip's reason. */
function reasonOf(entry: MultiStatusEntry): string | undefined {
  const body = bodyOf(entry)
  return body?.ErrorCode ?? body?.errorCode ?? body?.reason
}

/** The field an error message starts with (the core writes "<field> <rule>…"). */
function fieldOf(message: string | undefined): string {
  return /^([a-z_]+) /.exec(message ?? '')?.[1] ?? 'unknown'
}

/**
 * Segment's platform around the destination: batches through actions-core's Destination.onBatch (mapping,
 * validation, performBatch of trackConversion, the MultiStatusResponse), with the OAuth tokens it keeps. As the
 * platform does, actions-core refreshes the token once on a 401 inside onBatch (refreshAccessToken, onTokenRefresh);
 * the host refreshes again before the next batch if events still come back 401, and re-queues every event whose
 * status is retryable, honouring the retryAfterSeconds of its body.
 */
export async function runSegmentPath(context: PathContext): Promise<Ledger> {
  const ledger = new Ledger()
  const queue = new RetryQueue(context.events, context.policy)
  const destination = segmentHost()
  const initial = await untilDone(() =>
    refreshWithGrant({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, refreshToken: DEMO.refreshToken })
  )
  let tokens: OAuthTokens = { accessToken: initial.accessToken, refreshToken: initial.refreshToken }
  let refreshNeeded = false
  const keep = async (fresh: RefreshAccessTokenResult): Promise<void> => {
    tokens = { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken ?? tokens.refreshToken }
    ledger.tokenRefreshes++
  }

  const refresh = async (): Promise<void> => {
    const settings = segmentSettings(tokens, SOAK_MAPPING)
    const { oauth: _oauth, subscriptions: _subscriptions, ...destinationSettings } = settings as Record<string, unknown>
    try {
      const fresh = await destination.refreshAccessToken(destinationSettings as never, {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        clientId: '',
        clientSecret: ''
      })
      if (fresh) await keep(fresh)
      refreshNeeded = false
    } catch {
      // The identity platform failed too: the events wait in the queue and the refresh is tried again.
    }
  }

  const runBatch = async (events: SoakEvent[], subscription: string): Promise<MultiStatusEntry[]> => {
    try {
      const settings = batchSettings(tokens, subscription)
      const results = (await destination.onBatch(asSegmentEvents(events.map(segmentEvent)), settings, {
        onTokenRefresh: keep
      })) as Array<{
        multistatus?: MultiStatusEntry[]
      }>
      return results[0]?.multistatus ?? []
    } catch (error) {
      // The whole batch failed (a refresh inside onBatch that failed, for one): its status decides for every event.
      const status = (error as { status?: number }).status ?? 500
      return events.map(() => ({ status, errormessage: (error as Error).message }))
    }
  }

  await drain(queue, context.concurrency, async () => {
    if (refreshNeeded) await refresh()
    const taken = queue.take(context.batchSize)
    if (!taken.length) return 0
    const groups = new Map<string, SoakEvent[]>()
    for (const { item } of taken) {
      const group = groups.get(subscriptionOf(item)) ?? []
      group.push(item)
      groups.set(subscriptionOf(item), group)
    }
    for (const [subscription, events] of groups) {
      const entries = await runBatch(events, subscription)
      events.forEach((event, i) => settleEntry(ledger, queue, event, entries[i], () => (refreshNeeded = true)))
    }
    context.onProgress(ledger.finals.size)
    return taken.length
  })
  return ledger
}

function settleEntry(
  ledger: Ledger,
  queue: RetryQueue<SoakEvent>,
  event: SoakEvent,
  entry: MultiStatusEntry | undefined,
  needRefresh: () => void
): void {
  if (!entry) return ledger.retry(queue, event, 'no_status')
  const body = bodyOf(entry)
  if (entry.status >= 200 && entry.status < 300) {
    return ledger.settle(
      queue,
      event,
      body?.outcome === 'skipped' ? 'skipped' : 'delivered',
      body?.reason ?? 'accepted'
    )
  }
  if (entry.status === 401) {
    needRefresh()
    return ledger.retry(queue, event, 'http_401')
  }
  if (RETRYABLE.has(entry.status)) return ledger.retry(queue, event, reasonOf(entry) ?? `http_${entry.status}`)
  const reason = `${reasonOf(entry) ?? entry.errortype ?? `http_${entry.status}`}:${fieldOf(entry.errormessage)}`
  return ledger.settle(queue, event, 'rejected', reason)
}
