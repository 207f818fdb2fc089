import { prepareOfflineConversions } from '../src/conversions/deliver'
import { sha256Hex } from '../src/conversions/sha256'
import { chunk } from '../src/microsoft/chunk'
import { paired } from './measure'
import { offlineWorkload } from './workload'

export interface CoreFigures {
  core_events_per_s: number
  floor_events_per_s: number
  core_to_floor_ratio: number
}

export interface CoreWorkloads {
  /** Neutral inputs to Apply request bodies, 1,000 at a time. Returns the events done. */
  core: () => number
  /** SHA-256 of the same emails and phones, and JSON of the records. Returns the events done. */
  floor: () => number
  /** A value that depends on every run, so that nothing is optimised away. */
  sink: () => number
}

/**
 * core: neutral inputs to Apply request bodies (validation, normalisation, hashing, dedupe, chunking, JSON).
 * floor: the irreducible part of the same work: SHA-256 of the same emails and phones, and JSON of the records.
 */
export function coreWorkloads(events: number, now: number): CoreWorkloads {
  const workload = offlineWorkload(events, now)
  const options = { now: () => now, defaultPhoneCountry: 'US' as const }
  const records = prepareOfflineConversions(workload.inputs, options).groups.applyOfflineConversions ?? []
  if (records.length !== events) throw new Error(`the workload should be all valid, got ${records.length} of ${events}`)

  // Hosts hand the core at most 1,000 events at a time (Segment's batch, the CLI's request size), so it is measured so.
  const batches = chunk(workload.inputs)
  let sink = 0
  return {
    core: () => {
      for (const batch of batches) {
        const prepared = prepareOfflineConversions(batch, options)
        sink += JSON.stringify({ OfflineConversions: prepared.groups.applyOfflineConversions ?? [] }).length
      }
      return events
    },
    floor: () => {
      for (const email of workload.emails) sink += sha256Hex(email).length
      for (const phone of workload.phones) sink += sha256Hex(phone).length
      for (const part of chunk(records)) sink += JSON.stringify({ OfflineConversions: part }).length
      return events
    },
    sink: () => sink
  }
}

export function ratio(a: number, b: number): number {
  return Number((a / b).toFixed(3))
}

export function benchCore(events = 10_000): CoreFigures {
  const { core, floor, sink } = coreWorkloads(events, Date.now())
  const figures = paired(core, floor)
  if (sink() === 0) throw new Error('unreachable')
  return {
    core_events_per_s: Math.round(figures.a),
    floor_events_per_s: Math.round(figures.b),
    core_to_floor_ratio: Number(figures.ratio.toFixed(3))
  }
}
