import { PerformanceObserver } from 'perf_hooks'
import { getHeapSpaceStatistics, setFlagsFromString } from 'v8'

/** How `msads send` trades memory for speed: lean (the default) or V8's own defaults. */
export type MemoryMode = 'lean' | 'fast'

export const MEMORY_MODES: readonly MemoryMode[] = ['lean', 'fast']

/**
 * A long send makes garbage fast but keeps little alive (a few batches). V8's defaults then let the heap grow to
 * several times what is alive before collecting, and the young generation to grow as well: a million-event backfill
 * held about 230 MB where 40 MB were alive. Lean asks V8 to grow the old generation by at most a fifth after each
 * collection and to keep the young generation at its first size; measured on `npm run bench`, peak memory is about
 * half, for about a quarter of the throughput (docs/performance.md). Both flags are read by V8 at each collection,
 * so setting them once the process runs takes effect.
 */
const FLAGS: Record<MemoryMode, readonly string[]> = {
  lean: ['--heap-growing-percent=20', '--semi-space-growth-factor=1'],
  fast: ['--heap-growing-percent=0', '--semi-space-growth-factor=2']
}

/**
 * The young generation lean mode lets grow before it pins it (MiB of V8's new space, both halves). At V8's first size
 * (1 MiB) nearly every batch outlives a scavenge and is copied into the old generation, which then collects all
 * the time; at this size a batch dies young, for a few MiB more. (Until the pin was also checked from the send loop,
 * it came late and held 16 MiB: about 12 MB more at the peak.)
 */
export const LEAN_NEW_SPACE_MB = 8

function newSpaceMb(): number {
  const space = getHeapSpaceStatistics().find((entry) => entry.space_name === 'new_space')
  return (space?.space_size ?? 0) / 2 ** 20
}

let pinPending = false

/**
 * Pins the young generation once it holds LEAN_NEW_SPACE_MB (a no-op otherwise). The collector's observer calls it,
 * and so does `msads send` every few lines: a busy process gets the observer's callbacks late, and the young
 * generation had doubled twice more by then (32 MiB where 8 were meant, measured with the forward log's thread).
 */
export function pinYoungGenerationIfGrown(): void {
  if (!pinPending || newSpaceMb() < LEAN_NEW_SPACE_MB) return
  pinPending = false
  setFlagsFromString('--semi-space-growth-factor=1')
}

/**
 * Lets the young generation grow (V8's own doubling) until it holds LEAN_NEW_SPACE_MB, then pins it there: called
 * when `msads send` starts reading, so that loading the modules does not grow it first (the observer's callbacks
 * came after two more doublings then).
 */
export function letYoungGenerationGrow(): void {
  if (!pinPending || newSpaceMb() >= LEAN_NEW_SPACE_MB) return pinYoungGenerationIfGrown()
  setFlagsFromString('--semi-space-growth-factor=2')
  const observer = new PerformanceObserver(() => {
    pinYoungGenerationIfGrown()
    if (!pinPending) observer.disconnect()
  })
  observer.observe({ entryTypes: ['gc'] })
}

let applied: MemoryMode | undefined

/** Applied by the process that runs the command (never by tests running commands in process). */
export function applyMemoryMode(mode: MemoryMode): void {
  applied = mode
  for (const flag of FLAGS[mode]) setFlagsFromString(flag)
  pinPending = mode === 'lean' && newSpaceMb() < LEAN_NEW_SPACE_MB
}

/**
 * The mode a command line asks for, read before the modules load, so that the heap is tuned while it is smallest:
 * the command reads its options again (commander) and applies the mode it parsed, which has the last word.
 */
export function earlyMemoryMode(argv: readonly string[]): MemoryMode | undefined {
  if (argv[0] !== 'send') return undefined
  const index = argv.lastIndexOf('--memory')
  const given =
    index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--memory='))?.slice('--memory='.length)
  return given === 'fast' ? 'fast' : 'lean'
}

/**
 * The mode's flags set again, as they stand (the young generation pinned or still growing): starting a worker thread
 * sets V8's flags back, and the young generation then doubled again (16 to 32 MiB, about 25 MB more peak RSS with the
 * forward log's thread). A no-op when no mode was applied (tests running commands in process).
 */
export function reapplyMemoryMode(): void {
  if (!applied) return
  for (const flag of FLAGS[applied]) setFlagsFromString(flag)
  if (applied === 'lean') setFlagsFromString(`--semi-space-growth-factor=${pinPending ? 2 : 1}`)
}
