import { preparePeerRuns, type PeerPath } from './peer-bench'

/** `node --cpu-prof dist-bench/bench/peers/profile-peer.js uet_capi|track_conversion|ms_bing_capi`: one path alone. */
async function main(path: PeerPath, rounds: number): Promise<void> {
  const { runs, stop } = preparePeerRuns(10_000)
  try {
    for (let round = 0; round < rounds; round++) await runs[path]()
  } finally {
    stop()
  }
}

main((process.argv[2] ?? 'uet_capi') as PeerPath, Number(process.argv[3] ?? 5)).then(
  () => process.stdout.write('done\n'),
  (error: unknown) => {
    process.stderr.write(`peer profile failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 1
  }
)
