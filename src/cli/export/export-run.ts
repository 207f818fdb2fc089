import { transform, type SegmentEvent } from '@segment/actions-core'
import { createWriteStream, type WriteStream } from 'fs'
import { readFile } from 'fs/promises'
import { toAdjustmentInput } from '../../../destinations/segment/adjustConversion/to-input'
import type { Payload as AdjustPayload } from '../../../destinations/segment/adjustConversion/generated-types'
import { toOfflineConversionInput } from '../../../destinations/segment/trackConversion/to-input'
import type { Payload as TrackPayload } from '../../../destinations/segment/trackConversion/generated-types'
import { prepareAdjustments, prepareOfflineConversions } from '../../conversions/deliver'
import type { AdjustmentInput, CoreOptions, OfflineConversionInput } from '../../conversions/inputs'
import { loadSettings } from '../config/load-settings'
import { fromCoreOutcome, type EventOutcome } from '../host/event-outcome'
import { compileSubscriptions, presetSubscriptions, type CompiledSubscription } from '../host/subscriptions'
import type { CliIo } from '../io'
import { consentDefaultOf } from '../send/consent-default'
import { canonicalRow, mapCsvHeader, type CsvHeaderMap } from '../send/csv-columns'
import { CSV_FIELD_NAMES, csvConversion } from '../send/csv-conversions'
import { formatOf, InputError, openInput } from '../send/input-source'
import { OutcomeTable, isFailure, worstOutcome } from '../send/outcome-table'
import { readRecords } from '../send/read-records'
import { defaultRejectsPath, refuseInputAsRejects, RejectsFile } from '../send/rejects-file'
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
    close: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
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
  const core: CoreOptions = { consentDefault: consentDefaultOf(loaded.settings.consent_default), ...(options.now ? { now: options.now } : {}) }
  // Messages name the CSV's columns; for NDJSON, the Segment field keys (the core's own names).
  const prepareOptions: CoreOptions = format === 'csv' ? { ...core, fieldNames: CSV_FIELD_NAMES } : core
  const subscriptions: CompiledSubscription[] = options.mappingFile
    ? compileSubscriptions(JSON.parse(await readFile(options.mappingFile, 'utf8')))
    : presetSubscriptions()
  const input = await openInput(options.file, format, io.stdin)
  const out = writer(options.output, io)
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(options.file)
  await refuseInputAsRejects(options.file, rejectsPath)
  const rejects = await RejectsFile.create(rejectsPath)
  const table = new OutcomeTable()
  let records = 0
  let csvHeader: CsvHeaderMap | undefined
  const chunks = { offline: [] as Array<{ pending: Pending; input: OfflineConversionInput }>, adjustment: [] as Array<{ pending: Pending; input: AdjustmentInput }> }

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

  const flushOffline = async (): Promise<void> => {
    const batch = chunks.offline.splice(0)
    if (!batch.length) return
    const prepared = prepareOfflineConversions(batch.map((entry) => entry.input), prepareOptions)
    for (let index = 0; index < batch.length; index++) {
      const slot = prepared.slots[index]
      if ('outcome' in slot) {
        await settle(batch[index].pending, fromCoreOutcome(slot.outcome))
        continue
      }
      const record = prepared.groups[slot.group]![slot.record]
      await out.write(offlineConversionRow(record, `line-${batch[index].pending.line}`))
      records += 1
      await settle(batch[index].pending, EXPORTED)
    }
  }
  const flushAdjustments = async (): Promise<void> => {
    const batch = chunks.adjustment.splice(0)
    if (!batch.length) return
    const prepared = prepareAdjustments(batch.map((entry) => entry.input), prepareOptions)
    for (let index = 0; index < batch.length; index++) {
      const slot = prepared.slots[index]
      if ('outcome' in slot) {
        await settle(batch[index].pending, fromCoreOutcome(slot.outcome))
        continue
      }
      const record = prepared.groups[slot.group]![slot.record]
      await out.write(adjustmentRow(record, `line-${batch[index].pending.line}`))
      records += 1
      await settle(batch[index].pending, EXPORTED)
    }
  }

  const conversionsOf = (record: Record<string, unknown>): Conversion[] | EventOutcome => {
    if (format === 'csv' || record.type === 'record') {
      const fields = format === 'csv' ? record : { ...((record.fields as Record<string, unknown>) ?? {}), action: record.action }
      if (format === 'csv' && !csvHeader) {
        csvHeader = mapCsvHeader(Object.keys(record))
        if (!csvHeader.columns.size) throw new InputError('The CSV header names none of the accepted columns (conversionName, conversionTime, … or Conversion Name, …); see docs/cli.md.')
      }
      const conversion = csvConversion(canonicalRow(fields, format === 'csv' ? csvHeader! : mapCsvHeader(Object.keys(fields))))
      return conversion.kind === 'none' ? fromCoreOutcome(conversion.outcome) : [conversion]
    }
    const matching = subscriptions.filter((subscription) => subscription.matches(record as unknown as SegmentEvent))
    if (!matching.length) return { status: 200, outcome: 'skipped', reason: 'event_not_mapped', message: 'No subscription matches this event.' }
    const exportable = matching.filter((subscription) => subscription.action !== 'uetCapiEvent')
    if (!exportable.length) {
      return { status: 200, outcome: 'skipped', reason: 'not_exportable', message: 'UET Conversions API events cannot go into a Bulk offline conversion file.' }
    }
    return exportable.map((subscription): Conversion => {
      const payload = transform(subscription.mapping, record)
      return subscription.action === 'trackConversion'
        ? { kind: 'offline', input: toOfflineConversionInput(payload as unknown as TrackPayload) }
        : { kind: 'adjustment', input: toAdjustmentInput(payload as unknown as AdjustPayload) }
    })
  }

  try {
    await out.write(bulkPreamble())
    for await (const entry of readRecords(input)) {
      if ('error' in entry) {
        const outcome: EventOutcome = { status: 400, outcome: 'rejected', reason: entry.error.reason, message: entry.error.message }
        table.add(outcome)
        await rejects.write({ line: entry.line, ...outcome, ...(entry.raw !== undefined ? { raw: entry.raw } : {}) })
        continue
      }
      const pending: Pending = { line: entry.line, record: entry.record, remaining: 0, results: [] }
      const conversions = conversionsOf(entry.record)
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
