import {
  processRouterDest,
  type ProxyMetadata,
  type ProxyV1Request,
  type RouterTransformationResponse
} from '../../destinations/rudderstack'
import { runDelivery } from '../../destinations/rudderstack/service-layer'
import { refreshWithGrant } from '../../src/microsoft/oauth/token-client'
import { DEFAULT_SEED } from '../../src/emulator'
import { DEMO, rudderDestination, rudderInput, rudderMetadata } from '../hosts'
import { EVENT_NAME, GOAL_NAME } from '../workload'
import { drain, Ledger, untilDone } from './ledger'
import type { PathContext } from './path'
import { RetryQueue } from './retry-queue'
import {
  ADJUSTMENT_EVENTS,
  CAPI_TRACK_EVENT,
  rudderMessage,
  UNKNOWN_GOAL,
  UNKNOWN_GOAL_EVENT,
  type SoakEvent
} from './workload'

const REFRESH_TOKEN = 'REFRESH_TOKEN'
const AUTH_STATUS_INACTIVE = 'AUTH_STATUS_INACTIVE'

/**
 * The reason and the field of a job's error text. Router errors read "<part label>: <field path> <rule>…", proxy
 * statuses "<message> (<reason> <code>) TrackingId …".
 */
function reasonOf(error: string | undefined): string {
  const text = (error ?? '').replace(/^[^:"]*(?:"[^"]*")?: /, '')
  const field = /^([a-z][A-Za-z_.]*) (?:is|must|cannot|has|needs) /.exec(text)?.[1]
  if (field) return `invalid_input:${field}`
  const reasons = [...text.matchAll(/\(([A-Za-z_][A-Za-z0-9_]*)(?: \d+)?\)/g)].map((match) => match[1])
  return reasons.at(-1) ?? 'error'
}

function proxyMetadata(metadata: RouterTransformationResponse['metadata'][number]): ProxyMetadata {
  return {
    jobId: metadata.jobId!,
    attemptNum: metadata.attemptNum ?? 1,
    userId: metadata.userId ?? '',
    sourceId: metadata.sourceId!,
    destinationId: metadata.destinationId!,
    workspaceId: metadata.workspaceId!,
    secret: metadata.secret ?? {},
    destInfo: metadata.destInfo,
    dontBatch: Boolean(metadata.dontBatch)
  }
}

interface JobResult {
  statusCode: number
  error?: string
  authErrorCategory?: string
}

/**
 * rudder-server around the destination: jobs through the router transform (processRouterDest), each batched request
 * through the v1 delivery proxy (networkHandler, run as rudder-transformer's delivery service runs it), then per
 * job: 2xx done, 298 filtered, 4xx aborted, 5xx and 429 retried; REFRESH_TOKEN makes it refresh the OAuth token
 * (through the control plane in real life, here the identity platform directly) and retry, with the new token in
 * the job's metadata.secret at the next router transform.
 */
export async function runRudderStackPath(context: PathContext): Promise<Ledger> {
  const ledger = new Ledger()
  const queue = new RetryQueue(context.events, context.policy)
  const destination = rudderDestination()
  // The whole mix as an admin configures it: goals, the two adjustment events, CAPI for one track event and pages.
  destination.Config = {
    ...destination.Config,
    eventsToConversionGoals: [
      { from: EVENT_NAME, to: GOAL_NAME },
      { from: UNKNOWN_GOAL_EVENT, to: UNKNOWN_GOAL },
      { from: ADJUSTMENT_EVENTS.Restate, to: GOAL_NAME },
      { from: ADJUSTMENT_EVENTS.Retract, to: GOAL_NAME }
    ],
    adjustmentEvents: [
      { from: ADJUSTMENT_EVENTS.Restate, to: 'Restate' },
      { from: ADJUSTMENT_EVENTS.Retract, to: 'Retract' }
    ],
    sendTrackEventsToCapi: true,
    capiEventNames: [{ eventName: CAPI_TRACK_EVENT }],
    sendPageEventsToCapi: true,
    uetTagId: DEFAULT_SEED.tags[0].id,
    capiToken: DEFAULT_SEED.tags[0].capiToken
  }
  const initial = await untilDone(() =>
    refreshWithGrant({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, refreshToken: DEMO.refreshToken })
  )
  let account = { accessToken: initial.accessToken, refreshToken: initial.refreshToken }
  let refreshNeeded = false
  const refresh = async (): Promise<void> => {
    try {
      const fresh = await refreshWithGrant({
        clientId: DEMO.clientId,
        clientSecret: DEMO.clientSecret,
        refreshToken: account.refreshToken
      })
      account = { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken }
      ledger.tokenRefreshes++
      refreshNeeded = false
    } catch {
      // Tried again before the next batch.
    }
  }

  await drain(queue, context.concurrency, async () => {
    if (refreshNeeded) await refresh()
    const taken = queue.take(context.batchSize)
    if (!taken.length) return 0
    const byJob = new Map<number, SoakEvent>(taken.map(({ item }) => [item.index + 1, item]))
    const inputs = taken.map(({ item, attempt }) =>
      rudderInput(rudderMessage(item), rudderMetadata(item.index + 1, account.accessToken, attempt), destination)
    )
    const results = new Map<number, JobResult>()
    // As rudder-server: it declares the filter code (298), and sends the requests of status-200 entries only.
    for (const entry of await processRouterDest(inputs, { features: { 'filter-code': true } })) {
      if (entry.statusCode !== 200 || !entry.batchedRequest) {
        for (const metadata of entry.metadata)
          results.set(metadata.jobId!, {
            statusCode: entry.statusCode,
            error: entry.error,
            authErrorCategory: entry.authErrorCategory
          })
        continue
      }
      // rudder-server sends an entry's requests in order; a job keeps the first failure it meets.
      for (const request of [entry.batchedRequest].flat()) {
        const proxyRequest: ProxyV1Request = {
          ...request,
          userId: '',
          metadata: entry.metadata.map(proxyMetadata),
          destinationConfig: entry.destination.Config
        }
        const { output } = (await runDelivery(proxyRequest)).body
        for (const state of output.response) {
          const previous = results.get(state.metadata.jobId)
          if (previous && previous.statusCode !== 200) continue
          results.set(state.metadata.jobId, {
            statusCode: state.statusCode,
            error: state.error,
            authErrorCategory: output.authErrorCategory
          })
        }
      }
    }
    for (const [jobId, event] of byJob)
      settleJob(ledger, queue, event, results.get(jobId), () => (refreshNeeded = true))
    context.onProgress(ledger.finals.size)
    return taken.length
  })
  return ledger
}

function settleJob(
  ledger: Ledger,
  queue: RetryQueue<SoakEvent>,
  event: SoakEvent,
  result: JobResult | undefined,
  needRefresh: () => void
): void {
  if (!result) return ledger.retry(queue, event, 'no_status')
  const { statusCode, error, authErrorCategory } = result
  if (statusCode === 200) return ledger.settle(queue, event, 'delivered', 'accepted')
  if (statusCode === 298) return ledger.settle(queue, event, 'skipped', reasonOf(error))
  if (authErrorCategory === REFRESH_TOKEN) {
    needRefresh()
    return ledger.retry(queue, event, REFRESH_TOKEN)
  }
  if (authErrorCategory === AUTH_STATUS_INACTIVE) return ledger.settle(queue, event, 'rejected', AUTH_STATUS_INACTIVE)
  if (statusCode === 429 || statusCode >= 500) return ledger.retry(queue, event, reasonOf(error))
  return ledger.settle(queue, event, 'rejected', reasonOf(error))
}
