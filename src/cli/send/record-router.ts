import type { SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../../../destinations/segment/generated-types'
import { toSegmentSettings } from '../host/segment-host'
import { eventsForOriginals, originalConversionMapping, type OriginalsSource } from '../host/original-conversions'
import { compileSubscriptions, type CompiledSubscription, type Subscription } from '../host/subscriptions'
import type { CliSettings } from '../config/settings'
import { canonicalRow, mapCsvHeader, type CsvHeaderMap } from './csv-columns'
import { csvConversion, CSV_FIELD_NAMES } from './csv-conversions'
import { UsageError } from '../errors'
import type { InputFormat } from './input-source'
import type { LineSource, TargetOutcome } from './ledger'
import { parseNdjsonLine } from './read-records'
import { decodeLine } from './utf8-lines'
import { reportedOutcome } from '../output/reported-outcome'
import type { Conversion, ConversionKind, Translated } from '../pipeline/conversion'
import type { Outcome } from '../../outcome'
import { capiLaneKey, LaneCatalog, type ConversionLane } from '../pipeline/lane'
import { cliCoreOptions } from '../pipeline/core-options'
import { SegmentTranslator } from '../pipeline/segment-lane'
import type { RudderSource } from '../pipeline/rudder-source'

/** One neutral conversion of a line on its way to a sink, with the subscription it came by (Segment). */
export interface RoutedConversion {
  lane: ConversionLane
  conversion: Conversion
  subscription?: Subscription
}

/**
 * Where one line goes: the conversions it becomes (one per subscription, goal or part), and the outcomes of those
 * that end before a sink (refused by the mapping, the settings or the source's rules; not mapped at all).
 */
export interface Routing {
  record: Record<string, unknown>
  source?: LineSource
  origin?: unknown
  sends: RoutedConversion[]
  outcomes: TargetOutcome[]
}

/* RudderStack's modules load with the first RudderStack message: a Segment or CSV run never holds them. */
/* eslint-disable @typescript-eslint/no-require-imports */
const rudderSourceModule = (): typeof import('../pipeline/rudder-source') =>
  require('../pipeline/rudder-source') as typeof import('../pipeline/rudder-source')
/* eslint-enable @typescript-eslint/no-require-imports */

const finished = (record: Record<string, unknown>, outcome: TargetOutcome, source?: LineSource): Routing => ({
  record,
  ...(source ? { source } : {}),
  sends: [],
  outcomes: [outcome]
})

/** A line of a rejects file (see RejectsFile): the original event or raw text, its outcome, how it was routed. */
interface RejectedLine {
  line: number
  input?: string
  outcome: string
  reason: string
  source?: LineSource
  subscriptions?: Subscription[]
  origin?: unknown
  event?: Record<string, unknown>
  raw?: string
  rawBase64?: string
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

/** Recognises a rejects file's line by its shape: an outcome and a reason, and the event or its raw text. */
export function asRejectedLine(record: Record<string, unknown>): RejectedLine | undefined {
  if (record.type !== undefined || typeof record.line !== 'number') return undefined
  if (typeof record.outcome !== 'string' || typeof record.reason !== 'string') return undefined
  const kept = isObject(record.event) || typeof record.raw === 'string' || typeof record.rawBase64 === 'string'
  return kept ? (record as unknown as RejectedLine) : undefined
}

function isRudderRecord(record: Record<string, unknown>): boolean {
  return record.type === 'record'
}

export const RUDDERSTACK_TARGET = 'rudderstack'

/** Lanes of one subscription are its translator's: a subscription of a rejects file may share a name, not a mapping. */
const translatorIds = new WeakMap<SegmentTranslator, number>()
let nextTranslatorId = 0
function translatorKey(translator: SegmentTranslator): number {
  let id = translatorIds.get(translator)
  if (id === undefined) translatorIds.set(translator, (id = ++nextTranslatorId))
  return id
}

const toSubscription = (compiled: CompiledSubscription): Subscription => ({
  name: compiled.name,
  subscribe: compiled.subscribe,
  partnerAction: compiled.action,
  mapping: compiled.mapping
})

interface SubscriptionRoute {
  target: string
  named: Subscription
  translator?: SegmentTranslator
}

/**
 * Routes each record to the neutral conversions it becomes, by its source's own rules: Segment events through the
 * subscriptions they match (each subscription's mapping and action), RudderStack messages and records through the
 * RudderStack destination's translator, CSV rows through the CSV columns. A line of a rejects file goes again the
 * way it went the first time (its source, and for Segment the subscriptions that failed), with its original event.
 */
export class RecordRouter {
  private csvHeader?: CsvHeaderMap
  private readonly rejectedHeaders = new Map<string, CsvHeaderMap>()
  private readonly rejectedSubscriptions = new Map<string, CompiledSubscription[]>()
  private readonly lanes = new LaneCatalog()
  private readonly routes = new WeakMap<CompiledSubscription, SubscriptionRoute>()
  private readonly segmentSettings
  private rudderSource?: RudderSource
  private csvOptions?: ReturnType<typeof cliCoreOptions>

  constructor(
    private readonly context: {
      format: InputFormat
      source: 'segment' | 'rudderstack'
      subscriptions: readonly CompiledSubscription[]
      settings: CliSettings
      /** What the command line holds in the Segment platform's place (an access token it mints), if anything. */
      segmentAuth?: { accessToken: string }
      /** RudderStack's Destination.Config keys over those of the settings (`--destination-config`). */
      destinationConfig?: Record<string, unknown>
      /** The core's clock (tests). */
      now?: () => number
      /** The sink's outcome for a kind it cannot carry (CAPI events in Bulk), given instead of translating. */
      refusal?: (kind: ConversionKind) => Outcome | undefined
      /** False when the sink calls nobody (a Bulk file): the credentials are not checked then. */
      callsMicrosoft?: boolean
      /** Receives a warning about the input (a line of text without the command's name). */
      warn: (text: string) => void
      /** Where a refund that does not name its original conversion finds it (the forward log). */
      originals?: OriginalsSource
    }
  ) {
    this.segmentSettings = toSegmentSettings(context.settings)
  }

  route(line: number, record: Record<string, unknown>): Routing {
    if (this.context.format === 'csv') {
      this.csvHeader ??= checkCsvHeader(record, this.context.warn)
      return this.csvRow(line, record, this.csvHeader)
    }
    const rejected = asRejectedLine(record)
    if (rejected) return this.again(line, rejected)
    if (this.context.source === 'rudderstack' || isRudderRecord(record)) return this.rudder(line, record)
    return this.segment(line, record, this.context.subscriptions)
  }

  private csvRow(line: number, record: Record<string, unknown>, header: CsvHeaderMap): Routing {
    const conversion = csvConversion(canonicalRow(record, header))
    if (conversion.kind === 'none')
      return finished(record, { ...reportedOutcome(conversion.outcome), target: 'csv' }, 'csv')
    this.csvOptions ??= cliCoreOptions(this.context.settings, CSV_FIELD_NAMES, this.context.now)
    const options = this.csvOptions
    const target = `csv:${conversion.kind}`
    const lane = this.lanes.get(target, () => ({ kind: conversion.kind, options, target, action: target }))
    return { record, source: 'csv', sends: [{ lane, conversion: { line, input: conversion.input } }], outcomes: [] }
  }

  private rudder(line: number, record: Record<string, unknown>): Routing {
    this.rudderSource ??= new (rudderSourceModule().RudderSource)(
      this.context.settings,
      this.context.destinationConfig,
      this.context.now
    )
    const source = this.rudderSource
    const conversions = source.conversions(record)
    if (!Array.isArray(conversions))
      return finished(record, { ...reportedOutcome(conversions), target: RUDDERSTACK_TARGET }, 'rudderstack')
    const routing: Routing = { record, source: 'rudderstack', sends: [], outcomes: [] }
    for (const { kind, input, fieldNames } of conversions) {
      const refused = this.context.refusal?.(kind)
      if (refused) {
        routing.outcomes.push({ ...reportedOutcome(refused), target: RUDDERSTACK_TARGET })
        continue
      }
      const lane = this.lanes.get(`${RUDDERSTACK_TARGET}:${kind}:${JSON.stringify(fieldNames)}`, () => ({
        kind,
        options: source.coreOptions(fieldNames),
        target: RUDDERSTACK_TARGET,
        action: RUDDERSTACK_TARGET
      }))
      const capi = kind === 'capi' ? source.capi() : undefined
      if (capi && 'outcome' in capi) {
        routing.outcomes.push({ ...reportedOutcome(capi.outcome), target: RUDDERSTACK_TARGET })
        continue
      }
      routing.sends.push({ lane, conversion: { line, input, ...capi } })
    }
    return routing
  }

  private segment(
    line: number,
    record: Record<string, unknown>,
    subscriptions: readonly CompiledSubscription[]
  ): Routing {
    const matching = subscriptions.filter((subscription) => subscription.matches(record as unknown as SegmentEvent))
    if (!matching.length) {
      const event = record.event !== undefined ? `, event ${JSON.stringify(record.event)}` : ''
      return finished(
        record,
        {
          status: 200,
          outcome: 'skipped',
          reason: 'event_not_mapped',
          message: `No subscription matches this event (type ${JSON.stringify(record.type ?? null)}${event}).`,
          target: 'none'
        },
        'segment'
      )
    }
    const routing: Routing = { record, source: 'segment', sends: [], outcomes: [] }
    for (const subscription of matching) this.throughSubscription(line, record, subscription, routing)
    return routing
  }

  /**
   * The event through one subscription; for an adjustment that does not name its original conversion, one copy per
   * original of its order, through the mapping that reads the original from the copy. Each keeps the subscription
   * it came by, so a line of the rejects file goes the same way again (and is looked up again).
   */
  private throughSubscription(
    line: number,
    record: Record<string, unknown>,
    subscription: CompiledSubscription,
    routing: Routing
  ): void {
    const { originals } = this.context
    const copies =
      originals && subscription.action === 'adjustConversion'
        ? eventsForOriginals(record as unknown as SegmentEvent, subscription.mapping, originals)
        : undefined
    const through = copies ? this.originalsSubscription(subscription) : subscription
    const translator = this.translatorOf(through)
    const { target } = this.routeOf(through)
    const { named } = this.routeOf(subscription)
    const refused = this.context.refusal?.(translator.kind)
    if (refused) {
      routing.outcomes.push({ ...reportedOutcome(refused), target, subscription: named })
      return
    }
    for (const event of copies ?? [record as unknown as SegmentEvent]) {
      const translated: Translated = translator.translate(event)
      if ('outcome' in translated) {
        routing.outcomes.push({ ...reportedOutcome(translated.outcome), target, subscription: named })
        continue
      }
      const lane = this.lanes.get(
        capiLaneKey(`segment:${target}\u0000${translatorKey(translator)}`, translated.capi),
        () => ({
          kind: translator.kind,
          options: translator.options,
          target,
          action: through.action
        })
      )
      routing.sends.push({
        lane,
        conversion: { line, input: translated.input, capi: translated.capi },
        subscription: named
      })
    }
  }

  /** What every event through a subscription shares: its target's name and the subscription as named. */
  private routeOf(subscription: CompiledSubscription): SubscriptionRoute {
    let route = this.routes.get(subscription)
    if (!route) {
      route = { target: `${subscription.action} (${subscription.name})`, named: toSubscription(subscription) }
      this.routes.set(subscription, route)
    }
    return route
  }

  private translatorOf(subscription: CompiledSubscription): SegmentTranslator {
    const route = this.routeOf(subscription)
    route.translator ??= new SegmentTranslator(
      subscription.action,
      subscription.mapping,
      this.segmentSettings as unknown as Settings,
      this.context.segmentAuth,
      { now: this.context.now, credentials: this.context.callsMicrosoft !== false }
    )
    return route.translator
  }

  private readonly withOriginals = new WeakMap<CompiledSubscription, CompiledSubscription>()

  private originalsSubscription(subscription: CompiledSubscription): CompiledSubscription {
    let found = this.withOriginals.get(subscription)
    if (!found) {
      found = {
        ...subscription,
        name: `${subscription.name} (by original conversion)`,
        mapping: originalConversionMapping(subscription.mapping)
      }
      this.withOriginals.set(subscription, found)
    }
    return found
  }

  /** A rejects file's line, sent again the way it went the first time. */
  private again(line: number, rejected: RejectedLine): Routing {
    const origin = rejected.origin ?? { input: rejected.input, line: rejected.line }
    const routing = this.againAs(line, rejected)
    return { ...routing, origin }
  }

  private againAs(line: number, rejected: RejectedLine): Routing {
    const event = rejected.event ?? this.reread(rejected)
    if (!isObject(event)) return event
    if (rejected.source === 'csv') return this.csvRow(line, event, this.headerOf(event))
    if (rejected.source === 'rudderstack' || (rejected.source === undefined && isRudderRecord(event)))
      return this.rudder(line, event)
    if (!rejected.subscriptions?.length) return this.segment(line, event, this.context.subscriptions)
    let subscriptions: CompiledSubscription[]
    try {
      subscriptions = this.compiled(rejected.subscriptions)
    } catch (error) {
      const message = `The subscriptions of line ${rejected.line} cannot be used: ${(error as Error).message}`
      const outcome: TargetOutcome = {
        status: 400,
        outcome: 'rejected',
        reason: 'invalid_subscription',
        message,
        target: 'none'
      }
      return finished(event, outcome, 'segment')
    }
    return this.segment(line, event, subscriptions)
  }

  /** A line that could not be read the first time: read again (it may have been fixed in the rejects file). */
  private reread(rejected: RejectedLine): Record<string, unknown> | Routing {
    const text =
      rejected.raw ?? (rejected.rawBase64 ? decodeLine(Buffer.from(rejected.rawBase64, 'base64'), false) : undefined)
    const refused = (reason: string, message: string): Routing =>
      finished({}, { status: 400, outcome: 'rejected', reason, message, target: 'none' })
    if (text === undefined)
      return refused('invalid_encoding', `Line ${rejected.line} of ${rejected.input} is still not valid UTF-8.`)
    if (rejected.reason === 'invalid_csv_row')
      return refused(
        'invalid_csv_row',
        `Row at line ${rejected.line} of ${rejected.input} is still a broken CSV row; fix it in the CSV.`
      )
    const parsed = parseNdjsonLine(rejected.line, text)
    if ('error' in parsed) return refused(parsed.error.reason, parsed.error.message)
    return parsed.record
  }

  private headerOf(row: Record<string, unknown>): CsvHeaderMap {
    const key = JSON.stringify(Object.keys(row))
    let header = this.rejectedHeaders.get(key)
    if (!header) {
      header = checkCsvHeader(row, this.context.warn)
      this.rejectedHeaders.set(key, header)
    }
    return header
  }

  private compiled(subscriptions: Subscription[]): CompiledSubscription[] {
    const key = JSON.stringify(subscriptions)
    let compiled = this.rejectedSubscriptions.get(key)
    if (!compiled) {
      compiled = compileSubscriptions(subscriptions)
      this.rejectedSubscriptions.set(key, compiled)
    }
    return compiled
  }
}

/** The CSV header's columns; a UsageError when it names none of them, a warning for the ones it does not know. */
export function checkCsvHeader(record: Record<string, unknown>, warn: (text: string) => void): CsvHeaderMap {
  const header = mapCsvHeader(Object.keys(record))
  if (!header.columns.size) {
    throw new UsageError(
      'The CSV header names none of the accepted columns (conversionName, conversionTime, microsoftClickId, … ' +
        'or the Bulk names Conversion Name, …); see docs/cli.md.'
    )
  }
  if (header.unknown.length) warn(`ignoring CSV columns it does not know: ${header.unknown.join(', ')}`)
  return header
}
