import * as os from 'os'
import { FAULT_KINDS, startEmulator, type FaultConfig } from '../../src/emulator'
import { ENDPOINT_ENV } from '../../src/microsoft/endpoints'
import type { Ledger } from './ledger'
import type { PathContext, PathRunner } from './path'
import { SOAK_RETRY_POLICY, type RetryPolicy } from './retry-queue'
import { runRudderStackPath } from './rudderstack-path'
import { runSegmentPath } from './segment-path'
import { runSenderPath, type KillResumeReport } from './sender-path'
import { reportPath, type PathReport } from './verify'
import { soakEvents } from './workload'

/** Events per batch: Microsoft's 1,000, so that PartialErrors answers are as large as a real backfill's. */
export const DEFAULT_SOAK_BATCH_SIZE = 1000

export const PATHS = {
  sender: runSenderPath,
  segment: runSegmentPath,
  rudderstack: runRudderStackPath
} satisfies Record<string, PathRunner>
export type PathName = keyof typeof PATHS

export interface SoakOptions {
  events: number
  faultRate: number
  seed: number
  paths?: PathName[]
  concurrency?: number
  batchSize?: number
  policy?: RetryPolicy
  /** How long the emulator's `slow` fault holds a request before it answers 503. */
  slowMs?: number
  /** Throttling answers carry this Retry-After in the first half of each path's run, none in the second. */
  retryAfterSeconds?: number
  /** The sender path's first run is killed with SIGKILL midway (a process of its own), then resumed. */
  killResume?: boolean
  log?: (line: string) => void
}

export interface SoakTotals {
  sent: number
  delivered: number
  rejected: number
  skipped: number
  retried: number
  lost: number
  duplicates: number
  sums_to_input: boolean
}

export interface SoakReport {
  events: number
  fault_rate: number
  seed: number
  fault_kinds: string[]
  paths: Partial<Record<PathName, PathReport>>
  total: SoakTotals
  machine: { cpus: number; cpu_model?: string; node: string }
  seconds: number
}

const slowMs = (options: SoakOptions): number => options.slowMs ?? 1000

/**
 * Every fault kind at `rate` on every route, from a PRNG seeded per path: the same seed gives the same faults
 * for the same request sequence. `phase` 0 throttles with a Retry-After, phase 1 without (Microsoft documents none).
 */
function faultConfig(options: SoakOptions, pathIndex: number, phase: 0 | 1): FaultConfig {
  return {
    rate: options.faultRate,
    kinds: [...FAULT_KINDS],
    seed: options.seed * 10 + pathIndex * 2 + phase,
    delayMs: slowMs(options),
    // 900 of a 1,000-item batch refused with 5612: an answer over 200 KB.
    itemRate: 0.9,
    ...(phase === 0 ? { retryAfterSeconds: options.retryAfterSeconds ?? 2 } : {})
  }
}

/**
 * The soak: the same generated events (with deliberate shares of invalid, consent-denied and unknown-goal events)
 * through each host path in turn, against one in-process emulator with every fault kind on, reset between paths.
 * Each path's account of its events is checked against what the emulator stored.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now()
  const log = options.log ?? (() => undefined)
  const events = soakEvents(options.events, started, options.seed)
  const emulator = await startEmulator({ port: 0 })
  const previous = process.env[ENDPOINT_ENV.all]
  process.env[ENDPOINT_ENV.all] = emulator.url
  const paths: Partial<Record<PathName, PathReport>> = {}
  try {
    const names = options.paths ?? (Object.keys(PATHS) as PathName[])
    for (const [index, name] of names.entries()) {
      emulator.reset({ toStartupSeed: true })
      emulator.setFaults(faultConfig(options, index, 0))
      let phase: 0 | 1 = 0
      const pathStarted = Date.now()
      let lastLog = pathStarted
      const context: PathContext = {
        events,
        concurrency: options.concurrency ?? 1,
        batchSize: options.batchSize ?? DEFAULT_SOAK_BATCH_SIZE,
        policy: options.policy ?? SOAK_RETRY_POLICY,
        emulatorState: () => emulator.state(),
        ...(options.killResume && name === 'sender' ? { killResume: { seed: options.seed } } : {}),
        onProgress: (settled) => {
          if (phase === 0 && settled >= events.length / 2) {
            phase = 1
            emulator.setFaults(faultConfig(options, index, 1))
          }
          if (Date.now() - lastLog > 5000) {
            lastLog = Date.now()
            log(`${name}: ${settled} of ${events.length} events settled`)
          }
        }
      }
      const ledger: Ledger & { killResume?: KillResumeReport } = await PATHS[name](context)
      emulator.clearFaults()
      paths[name] = reportPath(events, ledger, emulator.state(), (Date.now() - pathStarted) / 1000, ledger.killResume)
      log(`${name}: done in ${paths[name].seconds.toFixed(1)} s`)
    }
  } finally {
    if (previous === undefined) delete process.env[ENDPOINT_ENV.all]
    else process.env[ENDPOINT_ENV.all] = previous
    await emulator.close()
  }
  const reports = Object.values(paths)
  const sum = (key: keyof SoakTotals) =>
    reports.reduce((n, report) => n + (report[key as keyof PathReport] as number), 0)
  return {
    events: options.events,
    fault_rate: options.faultRate,
    seed: options.seed,
    fault_kinds: [...FAULT_KINDS],
    paths,
    total: {
      sent: sum('sent'),
      delivered: sum('delivered'),
      rejected: sum('rejected'),
      skipped: sum('skipped'),
      retried: sum('retried'),
      lost: sum('lost'),
      duplicates: sum('duplicates'),
      sums_to_input: reports.every((report) => report.sums_to_input)
    },
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, node: process.version },
    seconds: (Date.now() - started) / 1000
  }
}
