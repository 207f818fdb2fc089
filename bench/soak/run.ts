import { PATHS, runSoak, type PathName, type SoakReport } from './soak'

const USAGE = `npm run soak -- [--events N] [--fault-rate R] [--seed N] [--paths sender,segment,rudderstack] [--concurrency N] [--kill-resume] [--json]`

function flag(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`)
  if (index >= 0) return argv[index + 1]
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
}

function numberFlag(argv: string[], name: string, fallback: number): number {
  const raw = flag(argv, name)
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number\n${USAGE}`)
  return value
}

function printHuman(report: SoakReport): void {
  const rows: Array<[string, ...Array<string | number>]> = [
    ['', 'sent', 'delivered', 'rejected', 'skipped', 'retried', 'lost', 'duplicates', 'sums']
  ]
  for (const [name, path] of Object.entries(report.paths)) {
    rows.push([
      name,
      path.sent,
      path.delivered,
      path.rejected,
      path.skipped,
      path.retried,
      path.lost,
      path.duplicates,
      path.sums_to_input ? 'yes' : 'NO'
    ])
  }
  const t = report.total
  rows.push([
    'total',
    t.sent,
    t.delivered,
    t.rejected,
    t.skipped,
    t.retried,
    t.lost,
    t.duplicates,
    t.sums_to_input ? 'yes' : 'NO'
  ])
  process.stdout.write(
    `soak: ${report.events} events per path, fault rate ${report.fault_rate} (${report.fault_kinds.join(', ')}), seed ${report.seed}, ${report.seconds.toFixed(1)} s\n\n`
  )
  for (const row of rows)
    process.stdout.write(`${row.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](12)).join('')}\n`)
  for (const [name, path] of Object.entries(report.paths)) {
    process.stdout.write(
      `\n${name}: rejected ${JSON.stringify(path.rejected_reasons)}; skipped ${JSON.stringify(path.skipped_reasons)}; faults ${JSON.stringify(path.faults_injected)}; token refreshes ${path.token_refreshes}\n`
    )
    process.stdout.write(`${name}: by kind ${JSON.stringify(path.kinds)}\n`)
    if (path.kill_resume) process.stdout.write(`${name}: kill -9 and --resume ${JSON.stringify(path.kill_resume)}\n`)
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const paths = flag(argv, 'paths')?.split(',') as PathName[] | undefined
  for (const name of paths ?? []) if (!(name in PATHS)) throw new Error(`unknown path ${name}\n${USAGE}`)
  const report = await runSoak({
    events: numberFlag(argv, 'events', 100_000),
    faultRate: numberFlag(argv, 'fault-rate', 0.3),
    seed: numberFlag(argv, 'seed', 1),
    concurrency: numberFlag(argv, 'concurrency', 1),
    paths,
    killResume: argv.includes('--kill-resume'),
    log: (line) => process.stderr.write(`${line}\n`)
  })
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`)
  else printHuman(report)
  const t = report.total
  if (t.lost || t.duplicates || !t.sums_to_input) process.exitCode = 1
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
