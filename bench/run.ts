import * as os from 'os'
import { benchCore } from './core'
import { benchEmulator } from './emulator'

/** `npm run bench -- --json`: one JSON object with every figure, ratios measured within the same run. */
async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json')
  const results: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, node: process.version, memory_gb: Math.round(os.totalmem() / 2 ** 30) },
    ...benchCore(),
    ...(await benchEmulator())
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(results)}\n`)
    return
  }
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key.padEnd(28)} ${typeof value === 'object' ? JSON.stringify(value) : value}\n`)
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
