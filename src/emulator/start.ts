import type { AddressInfo } from 'net'
import { DEFAULT_OPTIONS, mergeOptions, type EmulatorOptions } from './options'
import { DEFAULT_SEED, mergeSeed, type EmulatorSeed, type SeedClick } from './seed'
import { parsePartialSeed } from './seed-schema'
import { createEmulatorServer } from './server/http-server'
import { EmulatorState } from './state/emulator-state'
import { stateSnapshot, type StateSnapshot } from './state/snapshot'
import type { BulkFaults } from './bulk/bulk-jobs'
import type { FaultConfig } from './faults/fault-plan'

export interface StartEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Only the loopback address: the emulator holds demo secrets and has an unauthenticated control API. */
  host?: '127.0.0.1'
  /** Merged over DEFAULT_SEED (credentials field by field, lists replaced). */
  seed?: Partial<EmulatorSeed>
  options?: Partial<EmulatorOptions>
  /** The clock, for tests of time rules. */
  now?: () => number
}

/** A running emulator. Everything the control API does is also here, for tests in the same process. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, the value for MSADS_API_BASE_URL. */
  url: string
  port: number
  /** The active seed (a copy). */
  seed(): EmulatorSeed
  state(options?: { records?: boolean }): StateSnapshot
  /** Back to the active seed; `{ toStartupSeed: true }` goes back to the seed the emulator started with. */
  reset(options?: { toStartupSeed?: boolean }): void
  setFaults(config: FaultConfig): void
  clearFaults(): void
  /** Bulk faults, each used once: 4204 on the next URL requests, Failed files, results URLs expired already. */
  setBulkFaults(faults: Partial<BulkFaults>): void
  setOptions(change: Partial<EmulatorOptions>): void
  addClicks(clicks: SeedClick[]): void
  /** Every access token known so far answers 109 from now on. */
  expireAccessTokens(): void
  close(): Promise<void>
}

function fail(what: string, problems: string[]): never {
  throw new Error(`Invalid emulator ${what}: ${problems.join('; ')}`)
}

/** Starts the Microsoft Advertising emulator on 127.0.0.1. */
export async function startEmulator(config: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const partialSeed = parsePartialSeed(config.seed ?? {})
  if (!partialSeed.ok) fail('seed', partialSeed.problems)
  const merged = mergeOptions({ ...DEFAULT_OPTIONS }, config.options ?? {})
  if (merged.problems.length) fail('options', merged.problems)

  const now = config.now ?? (() => Date.now())
  const state = new EmulatorState(mergeSeed(DEFAULT_SEED, partialSeed.seed), merged.options, now)
  const { server, shutdown } = createEmulatorServer(state)
  const host = config.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://${host}:${port}`,
    port,
    seed: () => mergeSeed(state.seed),
    state: (options = {}) => stateSnapshot(state, options.records ?? true),
    reset: (options = {}) => (options.toStartupSeed ? state.resetToStartup() : state.reset()),
    setFaults: (faults) => {
      const problems = state.faults.configure(faults)
      if (problems.length) fail('faults', problems)
    },
    clearFaults: () => state.faults.clear(),
    setBulkFaults: (faults) => {
      const problems = state.bulk.configure(faults)
      if (problems.length) fail('bulk faults', problems)
    },
    setOptions: (change) => {
      const next = mergeOptions(state.options, change)
      if (next.problems.length) fail('options', next.problems)
      state.options = next.options
    },
    addClicks: (clicks) => {
      for (const click of clicks) state.directory.addClick(click.msclkid, Date.parse(click.clickTime))
    },
    expireAccessTokens: () => {
      state.tokens.expireAllAccess(now())
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        shutdown()
      })
  }
}
