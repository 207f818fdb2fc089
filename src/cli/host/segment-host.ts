import { Destination, defaultValues, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import definition from '../../../destinations/segment'
import { checkCredentialFormats } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import type { CliSettings } from '../config/settings'
import type { CliMetrics } from '../metrics/cli-metrics'
import { segmentStatus } from '../../../destinations/segment/translate/outcome'
import { tokenRefused, type Outcome } from '../../outcome'
import { reportedOutcome } from '../output/reported-outcome'
import { SegmentPayloads } from '../pipeline/segment-payloads'
import { outcomeOfError } from './error-outcome'
import type { HostTokens } from './host-tokens'
import { sendItemsWithFreshToken } from '../../microsoft/token-source'
import { deliveredOutcomes, hostDefinition } from './segment-host-definition'

export type SegmentActionName = 'trackConversion' | 'adjustConversion' | 'uetCapiEvent'
export const SEGMENT_ACTIONS = Object.keys(definition.actions) as SegmentActionName[]

export function isSegmentAction(name: string): name is SegmentActionName {
  return (SEGMENT_ACTIONS as string[]).includes(name)
}

/** The action's default mapping, as Segment fills it in when a subscription is created. */
export function defaultMapping(action: SegmentActionName): JSONObject {
  return defaultValues(definition.actions[action].fields)
}

export const segmentDefinition = definition

/** The Segment setting that holds the command line's refresh_token (Segment reserves the name refresh_token). */
const SEGMENT_REFRESH_TOKEN = 'oauth_refresh_token'

/** The command line's settings under the Segment destination's keys. */
export function toSegmentSettings(settings: CliSettings): JSONObject {
  const { refresh_token: refreshToken, ...rest } = settings
  return { ...rest, ...(refreshToken ? { [SEGMENT_REFRESH_TOKEN]: refreshToken } : {}) }
}

/** A message of the Segment destination with its setting names put back as the command line's. */
export function withCliSettingNames(message: string): string {
  return message.replace(new RegExp(`\\b${SEGMENT_REFRESH_TOKEN}\\b`, 'g'), 'refresh_token')
}

/**
 * actions-core's Destination, with its single-event entry point opened to the host (as its test integration does).
 * Destination keeps every HTTP response (request and body included) in `responses` for tests to inspect; a host that
 * runs for hours must not, so the list is emptied after each run.
 */
class HostDestination extends Destination {
  private forgetResponses(): void {
    ;(this.responses as unknown[]).length = 0
  }

  async perform(action: string, input: Parameters<Destination['executeAction']>[1]) {
    try {
      return await this.executeAction(action, input)
    } finally {
      this.forgetResponses()
    }
  }

  async runBatch(action: string, input: Parameters<Destination['executeBatch']>[1]) {
    try {
      return await this.executeBatch(action, input)
    } finally {
      this.forgetResponses()
    }
  }
}

let destination: HostDestination | undefined
function segmentDestination(): HostDestination {
  destination ??= new HostDestination(hostDefinition as never)
  return destination
}

/** Whether the host should mint an access token: the action calls Campaign Management and the OAuth settings are usable. */
function needsAccessToken(action: SegmentActionName, settings: CliSettings): boolean {
  if (action === 'uetCapiEvent' && settings.uet_capi_token) return false
  return checkCredentialFormats(settings, requiredCredentials('token_refresh')).length === 0
}

export interface SegmentRun {
  action: SegmentActionName
  events: SegmentEvent[]
  /** `single` runs perform for the one event; `batch` runs performBatch. */
  mode: 'single' | 'batch'
  settings: CliSettings
  mapping?: JSONObject
  /** Tokens a caller brought; the host then neither mints nor refreshes one. */
  auth?: { accessToken: string; refreshToken?: string }
  /** The configured account the run sends for (a label of the metrics). */
  account?: string
}

/**
 * Runs the Segment destination as Segment would, with the command line as the host: it supplies the access token
 * (HostTokens), and when Microsoft refuses it (an `auth` outcome asking for a refresh) it refreshes once and retries
 * those events once.
 */
export class SegmentHost {
  constructor(private readonly options: { tokens: HostTokens; metrics?: CliMetrics }) {}

  async run(run: SegmentRun): Promise<Outcome[]> {
    const outcomes = await this.runWithTokens(run)
    for (const outcome of outcomes) {
      this.options.metrics?.recordOutcome(run.action, outcome.outcome, outcome.reason, 1, run.account, outcome.warnings)
    }
    return outcomes
  }

  private async runWithTokens(run: SegmentRun): Promise<Outcome[]> {
    const mapping = run.mapping ?? defaultMapping(run.action)
    if (run.auth?.accessToken) return this.execute(run, run.events, mapping, run.auth)
    if (!needsAccessToken(run.action, run.settings)) return this.execute(run, run.events, mapping, undefined)
    return sendItemsWithFreshToken(this.options.tokens.source(run.settings), {
      items: run.events,
      send: (events, accessToken) => this.execute(run, events, mapping, { accessToken }),
      refused: tokenRefused,
      tokenFailure: outcomeOfError
    })
  }

  /** How actions-core resolves each mapping, kept per mapping object (a subscription's is the same object each time). */
  private readonly payloads = new WeakMap<JSONObject, Map<SegmentActionName, SegmentPayloads>>()

  private payloadsOf(action: SegmentActionName, mapping: JSONObject): SegmentPayloads {
    let byAction = this.payloads.get(mapping)
    if (!byAction) this.payloads.set(mapping, (byAction = new Map()))
    let found = byAction.get(action)
    if (!found) byAction.set(action, (found = new SegmentPayloads(action, mapping)))
    return found
  }

  /**
   * Runs actions-core's Destination (its mapping, its schema check, the action's perform or performBatch) and takes
   * each event's outcome as data: the one the action's delivery gave it, else, for an event actions-core refused
   * before the action, the refusal its schema check gives, else the error that ended the run.
   */
  private async execute(
    run: SegmentRun,
    events: readonly SegmentEvent[],
    mapping: JSONObject,
    auth: { accessToken: string; refreshToken?: string } | undefined
  ): Promise<Outcome[]> {
    const settings = toSegmentSettings(run.settings)
    const tokens = auth ? { accessToken: auth.accessToken, refreshToken: auth.refreshToken ?? '' } : undefined
    const single = run.mode === 'single' && events.length === 1
    const data: SegmentEvent | SegmentEvent[] = single ? events[0] : [...events]
    let failure: unknown
    try {
      if (Array.isArray(data))
        await segmentDestination().runBatch(run.action, { events: data, mapping, settings, auth: tokens })
      else await segmentDestination().perform(run.action, { event: data, mapping, settings, auth: tokens })
    } catch (error) {
      failure = error
    }
    const delivered = deliveredOutcomes(data)
    const payloads = this.payloadsOf(run.action, mapping)
    let next = 0
    return events.map((event) => {
      const resolved = payloads.resolve(structuredClone(event))
      if ('outcome' in resolved) return reportedOutcome(resolved.outcome)
      const outcome = delivered?.[next++]
      if (!outcome) return outcomeOfError(failure ?? new Error('The destination gave this event no outcome.'))
      return hostOutcome(outcome, single)
    })
  }
}

/** The outcome as Segment acts on it: the status it reads (401 refresh, 403 a person must act…), messages redacted. */
function hostOutcome(outcome: Outcome, single: boolean): Outcome {
  const acted = single && outcome.outcome === 'delivered' ? 200 : segmentStatus(outcome)
  const reported = reportedOutcome(outcome, acted)
  if (reported.outcome === 'auth' && !reported.authAction) reported.authAction = acted === 401 ? 'refresh' : 'inactive'
  return reported
}
