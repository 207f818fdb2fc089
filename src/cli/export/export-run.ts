import { transform } from '@segment/actions-core'
import { createWriteStream, type WriteStream } from 'fs'
import { toAdjustmentInput } from '../../../destinations/segment/adjustConversion/to-input'
import type { Payload as AdjustPayload } from '../../../destinations/segment/adjustConversion/generated-types'
import { toOfflineConversionInput } from '../../../destinations/segment/trackConversion/to-input'
import type { Payload as TrackPayload } from '../../../destinations/segment/trackConversion/generated-types'
import { parseConsentDefault } from '../../conversions/consent-default'
import { prepareAdjustments, prepareOfflineConversions } from '../../conversions/deliver'
import type { PreparedBatch } from '../../conversions/prepare'
import type { AdjustmentInput, CoreOptions, OfflineConversionInput } from '../../conversions/inputs'
import { loadSettings } from '../config/load-settings'
import { fromCoreOutcome, type EventOutcome } from '../host/event-outcome'
import { subscriptionsOf, type Subscription } from '../host/subscriptions'
import type { CliIo } from '../io'
import type { RudderJob } from '../host/rudder-host'
import { canonicalRow, mapCsvHeader } from '../send/csv-columns'
import { CSV_FIELD_NAMES, csvConversion } from '../send/csv-conversions'
import { formatOf, openInput, type InputFormat } from '../send/input-source'
import { CSV_ADJUSTMENT_LANE, CSV_OFFLINE_LANE, RUDDERSTACK_LANE } from '../send/lane-runners'
import type { TargetOutcome } from '../send/ledger'
import { OutcomeTable, isFailure, worstOutcome } from '../send/outcome-table'
import { readRecords } from '../send/read-records'
import { RecordRouter, type LanePayload } from '../send/record-router'
import { defaultRejectsPath, refuseInputAsRejects, RejectsFile } from '../send/rejects-file'
import { withSession, type CliSession } from '../session/open-session'
import { adjustmentRow, bulkPreamble, offlineConversionRow } from './bulk-csv'

const CHUNK = 1000

export interface ExportOptions {
  file: string
  output?: string
  format?: string
  mappingFile?: string
  rejectsPath?: string
  configFile?: string
  now?: () => number
}

export interface ExportSummary {
  input: string
  output: string
  total: number
  records: number
  outcomes: Record<string, Record<string, number>>
  notExported: number
  rejectsFile?: string
}

interface Pending {
  line: number
  record: Record<string, unknown>
  remaining: number
  results: EventOutcome[]
}

type Conversion = { kind: 'offline'; input: OfflineConversionInput } | { kind: 'adjustment'; input: AdjustmentInput }

const EXPORTED: EventOutcome = {
  status: 200,
  outcome: 'delivered',
  reason: 'written',
  message: 'Written to the Bulk file.'
}

const NOT_EXPORTABLE: EventOutcome = {
  status: 200,
  outcome: 'skipped',
  reason: 'not_exportable',
  message: 'UET Conversions API events cannot go into a Bulk offline conversion file.'
}

/** A routed line's outcome as the export reports it: where a send would have gone is not part of it. */
function exportOutcome({ target: _target, ...outcome }: TargetOutcome): EventOutcome {
  return outcome
}

/** A RudderStack record (type "record"): its fields and action, read as the columns of a CSV row. */
function recordConversion(record: Record<string, unknown>): Conversion | EventOutcome {
  const fields = { ...((record.fields as Record<string, unknown>) ?? {}), action: record.action }
  const conversion = csvConversion(canonicalRow(fields, mapCsvHeader(Object.keys(fields))))
  return conversion.kind === 'none' ? fromCoreOutcome(conversion.outcome) : conversion
}

/** A Segment event through one subscription's mapping, as the destination's action would see it. */
function subscriptionConversion(subscription: Subscription, event: Record<string, unknown>): Conversion {
  const payload = transform(subscription.mapping ?? {}, event)
  return subscription.partnerAction === 'trackConversion'
    ? { kind: 'offline', input: toOfflineConversionInput(payload as unknown as TrackPayload) }
    : { kind: 'adjustment', input: toAdjustmentInput(payload as unknown as AdjustPayload) }
}

/** What a send's lanes would carry, as Bulk rows: UET Conversions API events cannot be one. */
function laneConversions(lanes: readonly LanePayload[]): Conversion[] | EventOutcome {
  const conversions: Conversion[] = []
  for (const { lane, payload, subscription } of lanes) {
    if (lane === CSV_OFFLINE_LANE) conversions.push({ kind: 'offline', input: payload as OfflineConversionInput })
    else if (lane === CSV_ADJUSTMENT_LANE) conversions.push({ kind: 'adjustment', input: payload as AdjustmentInput })
    else if (lane === RUDDERSTACK_LANE) {
      const conversion = recordConversion((payload as RudderJob).message)
      if (!('kind' in conversion)) return conversion
      conversions.push(conversion)
    } else if (subscription && subscription.partnerAction !== 'uetCapiEvent') {
      conversions.push(subscriptionConversion(subscription, payload as Record<string, unknown>))
    }
  }
  return conversions.length ? conversions : NOT_EXPORTABLE
}

/** A row in the Bulk file has not reached Microsoft yet: the summary counts it as exported, not delivered. */
function exportOutcomes(outcomes: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const { delivered, ...others } = outcomes
  return delivered ? { exported: delivered, ...others } : others
}

/** Writes with backpressure to a file or to stdout. */
function writer(output: string | undefined, io: CliIo): { write(text: string): Promise<void>; close(): Promise<void> } {
  if (!output || output === '-') {
    return { write: async (text) => void io.stdout.write(text), close: async () => undefined }
  }
  const stream: WriteStream = createWriteStream(output)
  return {
    write: async (text) => {
      if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve))
    },
    close: () =>
      new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
  }
}

/**
 * `msads export-csv`: the same inputs as `msads send` (CSV rows, RudderStack records, Segment events routed to the
 * conversion and adjustment actions) through the core's preparation (validation, hashing, consent, UTC times,
 * dedupe), written as a Bulk offline conversion file for manual upload. Client Id is `line-<n>`, so Microsoft's
 * result file points back at the input line.
 */
export async function runExport(options: ExportOptions, io: CliIo): Promise<ExportSummary> {
  const format = formatOf(options.file, options.format)
  const loaded = await loadSettings({ configFile: options.configFile, env: io.env })
  if (!loaded.configured) {
    io.stderr.write(
      'No Microsoft Advertising credentials found: none are needed to write a Bulk file; nothing is sent to Microsoft.\n'
    )
  }
  return withSession(loaded, { offline: true }, (session) => writeBulkFile(session, format, options, io))
}

async function writeBulkFile(
  session: CliSession,
  format: InputFormat,
  options: ExportOptions,
  io: CliIo
): Promise<ExportSummary> {
  const core: CoreOptions = {
    consentDefault: parseConsentDefault(session.settings.consent_default).consentDefault,
    ...(options.now ? { now: options.now } : {})
  }
  // Messages name the CSV's columns; for NDJSON, the Segment field keys (the core's own names).
  const prepareOptions: CoreOptions = format === 'csv' ? { ...core, fieldNames: CSV_FIELD_NAMES } : core
  // The routing of `msads send`, whose lanes become Bulk rows instead of requests.
  const router = new RecordRouter({
    format,
    source: 'segment',
    subscriptions: await subscriptionsOf(options.mappingFile),
    segmentLane: (subscription) => `segment:${subscription.action}`,
    warn: (text) => io.stderr.write(`msads export-csv: ${text}\n`)
  })
  const input = await openInput(options.file, format, io.stdin)
  const out = writer(options.output, io)
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(options.file)
  await refuseInputAsRejects(options.file, rejectsPath)
  const rejects = await RejectsFile.create(rejectsPath)
  const table = new OutcomeTable()
  let records = 0
  const chunks = {
    offline: [] as Array<{ pending: Pending; input: OfflineConversionInput }>,
    adjustment: [] as Array<{ pending: Pending; input: AdjustmentInput }>
  }

  const finish = async (pending: Pending): Promise<void> => {
    const final = worstOutcome(pending.results)
    table.add(final)
    if (isFailure(final)) await rejects.write({ line: pending.line, ...final, event: pending.record })
  }
  const settle = async (pending: Pending, outcome: EventOutcome): Promise<void> => {
    pending.results.push(outcome)
    pending.remaining -= 1
    if (pending.remaining <= 0) await finish(pending)
  }

  /** Prepares a chunk in the core, writes a Bulk row for each record, and settles each line with its outcome. */
  const writeRows = async <I, R>(
    batch: Array<{ pending: Pending; input: I }>,
    prepare: (inputs: I[], options: CoreOptions) => PreparedBatch<R>,
    row: (record: R, clientId: string) => string
  ): Promise<void> => {
    if (!batch.length) return
    const prepared = prepare(
      batch.map((entry) => entry.input),
      prepareOptions
    )
    for (let index = 0; index < batch.length; index++) {
      const slot = prepared.slots[index]
      if ('outcome' in slot) {
        await settle(batch[index].pending, fromCoreOutcome(slot.outcome))
        continue
      }
      const record = prepared.groups[slot.group]![slot.record]
      await out.write(row(record, `line-${batch[index].pending.line}`))
      records += 1
      await settle(batch[index].pending, EXPORTED)
    }
  }
  const flushOffline = (): Promise<void> =>
    writeRows(chunks.offline.splice(0), prepareOfflineConversions, offlineConversionRow)
  const flushAdjustments = (): Promise<void> =>
    writeRows(chunks.adjustment.splice(0), prepareAdjustments, adjustmentRow)

  try {
    await out.write(bulkPreamble())
    for await (const entry of readRecords(input)) {
      if ('error' in entry) {
        const outcome: EventOutcome = {
          status: 400,
          outcome: 'rejected',
          reason: entry.error.reason,
          message: entry.error.message
        }
        table.add(outcome)
        await rejects.write({ line: entry.line, ...outcome, ...(entry.raw !== undefined ? { raw: entry.raw } : {}) })
        continue
      }
      const routing = router.route(entry.line, entry.record)
      const pending: Pending = { line: entry.line, record: routing.record, remaining: 0, results: [] }
      const conversions = 'finished' in routing ? exportOutcome(routing.finished) : laneConversions(routing.lanes)
      if (!Array.isArray(conversions)) {
        pending.results.push(conversions)
        await finish(pending)
        continue
      }
      pending.remaining = conversions.length
      for (const conversion of conversions) {
        if (conversion.kind === 'offline') chunks.offline.push({ pending, input: conversion.input })
        else chunks.adjustment.push({ pending, input: conversion.input })
      }
      if (chunks.offline.length >= CHUNK) await flushOffline()
      if (chunks.adjustment.length >= CHUNK) await flushAdjustments()
    }
    await flushOffline()
    await flushAdjustments()
  } finally {
    await out.close()
    await rejects.close()
    if (options.file !== '-') input.stream.destroy()
  }
  return {
    input: options.file,
    output: options.output ?? '-',
    total: table.total,
    records,
    outcomes: exportOutcomes(table.toJSON()),
    notExported: rejects.count,
    ...(rejects.count ? { rejectsFile: rejectsPath } : {})
  }
}
