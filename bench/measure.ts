/** Runs `work` repeatedly for at least `minMs` and returns operations per second. */
export function throughput(work: () => number, minMs = 400): number {
  let operations = 0
  const started = process.hrtime.bigint()
  let elapsedMs = 0
  do {
    operations += work()
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6
  } while (elapsedMs < minMs)
  return (operations / elapsedMs) * 1000
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Measures several workloads in alternating rounds, so that drift on a noisy machine hits them alike and the
 * ratios between them stay meaningful.
 */
export function interleaved(workloads: Record<string, () => number>, rounds = 5, minMs = 300): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(workloads).map((k) => [k, []]))
  for (const work of Object.values(workloads)) work() // warm up the JIT
  for (let round = 0; round < rounds; round++) {
    for (const [name, work] of Object.entries(workloads)) samples[name].push(throughput(work, minMs))
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
}

/**
 * Two workloads measured in short adjacent pairs, in alternating order (A B, B A, …), with the ratio taken within
 * each pair. On a machine whose neighbours come and go, a pair sees one load; the median of the pair ratios is far
 * steadier than the ratio of two medians taken seconds apart.
 */
export function paired(
  a: () => number,
  b: () => number,
  rounds = 15,
  minMs = 250
): { a: number; b: number; ratio: number } {
  a()
  b() // warm up the JIT
  const aSamples: number[] = []
  const bSamples: number[] = []
  const ratios: number[] = []
  for (let round = 0; round < rounds; round++) {
    let x: number
    let y: number
    if (round % 2 === 0) {
      x = throughput(a, minMs)
      y = throughput(b, minMs)
    } else {
      y = throughput(b, minMs)
      x = throughput(a, minMs)
    }
    aSamples.push(x)
    bSamples.push(y)
    ratios.push(x / y)
  }
  return { a: median(aSamples), b: median(bSamples), ratio: median(ratios) }
}

/** `throughput` for asynchronous work (host pipelines that await). */
export async function throughputAsync(work: () => Promise<number>, minMs = 400): Promise<number> {
  let operations = 0
  const started = process.hrtime.bigint()
  let elapsedMs = 0
  do {
    operations += await work()
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6
  } while (elapsedMs < minMs)
  return (operations / elapsedMs) * 1000
}

/** `interleaved` for workloads of which some are asynchronous: alternating rounds, the median of each. */
export async function interleavedAsync(
  workloads: Record<string, () => number | Promise<number>>,
  rounds = 5,
  minMs = 300
): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(workloads).map((k) => [k, []]))
  for (const work of Object.values(workloads)) await work() // warm up the JIT
  for (let round = 0; round < rounds; round++) {
    for (const [name, work] of Object.entries(workloads))
      samples[name].push(await throughputAsync(async () => work(), minMs))
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
}
