/**
 * `npm run upstream -- <segment|rudderstack> OUT_DIR`: writes the folder a maintainer copies into the host's own
 * repository. Each host has its own module beside this one that exports `exportFolder(outDir)`.
 */
import path from 'node:path'

const HOSTS = ['segment', 'rudderstack'] as const
type Host = (typeof HOSTS)[number]

function isHost(value: string | undefined): value is Host {
  return HOSTS.includes(value as Host)
}

async function main(argv: readonly string[]): Promise<number> {
  const [host, outDir] = argv
  if (!isHost(host) || !outDir) {
    process.stderr.write(`usage: npm run upstream -- <${HOSTS.join('|')}> OUT_DIR\n`)
    return 2
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { exportFolder } = require(`./${host}`) as { exportFolder: (outDir: string) => string | Promise<string> }
  const written = await exportFolder(path.resolve(outDir))
  process.stdout.write(`${written}\n`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
)
