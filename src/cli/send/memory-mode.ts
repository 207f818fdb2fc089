import { setFlagsFromString } from 'v8'

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

/** Applied by the process that runs the command (never by tests running commands in process). */
export function applyMemoryMode(mode: MemoryMode): void {
  for (const flag of FLAGS[mode]) setFlagsFromString(flag)
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
