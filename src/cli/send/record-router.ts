import type { SegmentEvent } from '@segment/actions-core'
import { fromCoreOutcome } from '../host/event-outcome'
import { eventsForOriginals, originalConversionMapping, type OriginalsSource } from '../host/original-conversions'
import { compileSubscriptions, type CompiledSubscription, type Subscription } from '../host/subscriptions'
import { canonicalRow, mapCsvHeader, type CsvHeaderMap } from './csv-columns'
import { csvConversion } from './csv-conversions'
import { InputError } from '../errors'
import type { InputFormat } from './input-source'
import { CSV_ADJUSTMENT_LANE, CSV_OFFLINE_LANE, RUDDERSTACK_LANE } from './lane-runners'
import type { LineSource, TargetOutcome } from './ledger'
import { parseNdjsonLine } from './read-records'
import { decodeLine } from './utf8-lines'

export interface LanePayload {
  lane: string
  payload: unknown
  subscription?: Subscription
}

/** Where one line goes: to lanes (one per target), or nowhere, with its outcome already known. */
export type Routing =
  | { finished: TargetOutcome; record: Record<string, unknown>; source?: LineSource; origin?: unknown }
  | { lanes: LanePayload[]; record: Record<string, unknown>; source: LineSource; origin?: unknown }

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

const toSubscription = (compiled: CompiledSubscription): Subscription => ({
  name: compiled.name,
  subscribe: compiled.subscribe,
  partnerAction: compiled.action,
  mapping: compiled.mapping
})

/**
 * Routes each record: Segment events to the subscriptions they match, RudderStack messages and records to
 * RudderStack, CSV rows to the core. A line of a rejects file goes again the way it went the first time (its
 * source, and for Segment the subscriptions that failed), with its original event.
 */
export class RecordRouter {
  private csvHeader?: CsvHeaderMap
  private readonly rejectedHeaders = new Map<string, CsvHeaderMap>()
  private readonly rejectedSubscriptions = new Map<string, CompiledSubscription[]>()

  constructor(
    private readonly context: {
      format: InputFormat
      source: 'segment' | 'rudderstack'
      subscriptions: readonly CompiledSubscription[]
      /** The lane of a Segment subscription's events. */
      segmentLane: (subscription: CompiledSubscription) => string
      /** Receives a warning about the input (a line of text without the command's name). */
      warn: (text: string) => void
      /** Where a refund that does not name its original conversion finds it (the forward log). */
      originals?: OriginalsSource
    }
  ) {}

  route(line: number, record: Record<string, unknown>): Routing {
    if (this.context.format === 'csv') {
      this.csvHeader ??= checkCsvHeader(record, this.context.warn)
      return this.csvRow(record, this.csvHeader)
    }
    const rejected = asRejectedLine(record)
    if (rejected) return this.again(line, rejected)
    if (this.context.source === 'rudderstack' || isRudderRecord(record)) return this.rudder(line, record)
    return this.segment(record, this.context.subscriptions)
  }

  private csvRow(record: Record<string, unknown>, header: CsvHeaderMap): Routing {
    const conversion = csvConversion(canonicalRow(record, header))
    if (conversion.kind === 'none')
      return { finished: { ...fromCoreOutcome(conversion.outcome), target: 'csv' }, record, source: 'csv' }
    const lane = conversion.kind === 'offline' ? CSV_OFFLINE_LANE : CSV_ADJUSTMENT_LANE
    return { lanes: [{ lane, payload: conversion.input }], record, source: 'csv' }
  }

  private rudder(line: number, record: Record<string, unknown>): Routing {
    return {
      lanes: [{ lane: RUDDERSTACK_LANE, payload: { message: record, metadata: { jobId: line } } }],
      record,
      source: 'rudderstack'
    }
  }

  private segment(record: Record<string, unknown>, subscriptions: readonly CompiledSubscription[]): Routing {
    const matching = subscriptions.filter((subscription) => subscription.matches(record as unknown as SegmentEvent))
    if (!matching.length) {
      const event = record.event !== undefined ? `, event ${JSON.stringify(record.event)}` : ''
      const finished: TargetOutcome = {
        status: 200,
        outcome: 'skipped',
        reason: 'event_not_mapped',
        message: `No subscription matches this event (type ${JSON.stringify(record.type ?? null)}${event}).`,
        target: 'none'
      }
      return { finished, record, source: 'segment' }
    }
    const lanes = matching.flatMap((subscription) => this.lanesOf(record, subscription))
    return { lanes, record, source: 'segment' }
  }

  /**
   * The event's lane for a subscription; for an adjustment that does not name its original conversion, one copy per
   * original of its order, in the lane that reads the original from the copy. Each keeps the subscription it came
   * by, so a line of the rejects file goes the same way again (and is looked up again).
   */
  private lanesOf(record: Record<string, unknown>, subscription: CompiledSubscription): LanePayload[] {
    const { originals } = this.context
    const copies =
      originals && subscription.action === 'adjustConversion'
        ? eventsForOriginals(record as unknown as SegmentEvent, subscription.mapping, originals)
        : undefined
    if (!copies)
      return [
        { lane: this.context.segmentLane(subscription), payload: record, subscription: toSubscription(subscription) }
      ]
    const lane = this.context.segmentLane(this.originalsSubscription(subscription))
    return copies.map((copy) => ({ lane, payload: copy, subscription: toSubscription(subscription) }))
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
    if (rejected.source === 'csv') return this.csvRow(event, this.headerOf(event))
    if (rejected.source === 'rudderstack' || (rejected.source === undefined && isRudderRecord(event)))
      return this.rudder(line, event)
    if (!rejected.subscriptions?.length) return this.segment(event, this.context.subscriptions)
    let subscriptions: CompiledSubscription[]
    try {
      subscriptions = this.compiled(rejected.subscriptions)
    } catch (error) {
      const message = `The subscriptions of line ${rejected.line} cannot be used: ${(error as Error).message}`
      const finished: TargetOutcome = {
        status: 400,
        outcome: 'rejected',
        reason: 'invalid_subscription',
        message,
        target: 'none'
      }
      return { finished, record: event, source: 'segment' }
    }
    return this.segment(event, subscriptions)
  }

  /** A line that could not be read the first time: read again (it may have been fixed in the rejects file). */
  private reread(rejected: RejectedLine): Record<string, unknown> | Routing {
    const text =
      rejected.raw ?? (rejected.rawBase64 ? decodeLine(Buffer.from(rejected.rawBase64, 'base64'), false) : undefined)
    const refused = (reason: string, message: string): Routing => ({
      finished: { status: 400, outcome: 'rejected', reason, message, target: 'none' },
      record: {}
    })
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

/** The CSV header's columns; an InputError when it names none of them, a warning for the ones it does not know. */
export function checkCsvHeader(record: Record<string, unknown>, warn: (text: string) => void): CsvHeaderMap {
  const header = mapCsvHeader(Object.keys(record))
  if (!header.columns.size) {
    throw new InputError(
      'The CSV header names none of the accepted columns (conversionName, conversionTime, microsoftClickId, … ' +
        'or the Bulk names Conversion Name, …); see docs/cli.md.'
    )
  }
  if (header.unknown.length) warn(`ignoring CSV columns it does not know: ${header.unknown.join(', ')}`)
  return header
}
