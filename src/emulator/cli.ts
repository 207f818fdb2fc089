import { waitForStop } from '../support/wait-for-stop'
import { readFile } from 'fs/promises'
import { startEmulator, type RunningEmulator } from './start'
import type { EmulatorSeed } from './seed'

export const DEFAULT_EMULATOR_PORT = 4010

const USAGE = `Usage: msads emulator [--port N] [--seed FILE]

Runs the Microsoft Advertising emulator on 127.0.0.1 until Ctrl+C.
  --port N      port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free one)
  --seed FILE   a JSON file with a partial seed, merged over the default seed
`

export interface EmulatorCommandIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  /** Stops the emulator when aborted; SIGINT and SIGTERM do the same. */
  stop?: AbortSignal
}

interface Arguments {
  port: number
  seedFile?: string
}

function parseArguments(argv: string[]): Arguments | string {
  const args: Arguments = { port: DEFAULT_EMULATOR_PORT }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2)
    const value = (): string | undefined => inline ?? argv[++i]
    if (flag === '--port') {
      const port = Number(value())
      if (!Number.isInteger(port) || port < 0 || port > 65_535) return '--port needs a number from 0 to 65535'
      args.port = port
    } else if (flag === '--seed') {
      const file = value()
      if (!file) return '--seed needs a file name'
      args.seedFile = file
    } else {
      return `unknown argument ${argv[i]}`
    }
  }
  return args
}

/** What a person needs to point a client at the emulator. Every value is a demo value of the emulator. */
export function credentialsSummary(emulator: RunningEmulator): string {
  const seed = emulator.seed()
  const { credentials } = seed
  const customer = seed.customers[0]
  const account = customer?.accounts[0]
  const tag = seed.tags[0]
  const goals = seed.goals.filter((goal) => goal.type === 'OfflineConversion').map((goal) => goal.name)
  const rows: Array<[string, string | undefined]> = [
    ['client id', credentials.clientId],
    ['client secret', credentials.clientSecret],
    ['refresh token', credentials.refreshToken],
    ['access token', credentials.accessToken],
    ['developer token', credentials.developerToken],
    ['customer id', customer?.id],
    ['account id', account?.id],
    ['UET tag id', tag ? `${tag.id}${tag.capiToken ? ` (CAPI token ${tag.capiToken})` : ''}` : undefined],
    ['offline goals', goals.join(', ')]
  ]
  return rows
    .filter(([, value]) => value)
    .map(([name, value]) => `  ${name.padEnd(18)}${value}`)
    .join('\n')
}

/** `msads emulator`: starts the emulator, prints where it is and the demo credentials, and runs until stopped. */
export async function runEmulatorCommand(
  argv: string[],
  io: EmulatorCommandIo = { stdout: process.stdout, stderr: process.stderr }
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE)
    return 0
  }
  const args = parseArguments(argv)
  if (typeof args === 'string') {
    io.stderr.write(`msads emulator: ${args}\n\n${USAGE}`)
    return 2
  }
  let emulator: RunningEmulator
  try {
    const seed = args.seedFile
      ? (JSON.parse(await readFile(args.seedFile, 'utf8')) as Partial<EmulatorSeed>)
      : undefined
    emulator = await startEmulator({ port: args.port, seed })
  } catch (error) {
    io.stderr.write(`msads emulator: could not start: ${(error as Error).message}\n`)
    return 1
  }
  io.stdout.write(
    [
      `Microsoft Advertising emulator listening on ${emulator.url}`,
      '',
      `  export MSADS_API_BASE_URL=${emulator.url}`,
      '',
      'Demo credentials (valid on this emulator only):',
      credentialsSummary(emulator),
      '',
      `Control API: ${emulator.url}/__emulator/ (GET seed, GET state, POST reset, POST faults)`,
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  )
  await waitForStop(io.stop)
  await emulator.close()
  io.stdout.write('Emulator stopped.\n')
  return 0
}
