import { benchPeers } from './peer-bench'

/** `node dist-bench/bench/peers/run-peers.js [--events N] [--rounds N]`: the peer comparison alone, as JSON. */
async function main(argv: string[]): Promise<void> {
  const value = (name: string): number | undefined => {
    const index = argv.indexOf(`--${name}`)
    return index >= 0 ? Number(argv[index + 1]) : undefined
  }
  const figures = await benchPeers({ events: value('events'), rounds: value('rounds') })
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`peer bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
