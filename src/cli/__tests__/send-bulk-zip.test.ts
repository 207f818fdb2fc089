import { existsSync, readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import type { RunningEmulator } from '../../emulator'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { demoEnv, memoryIo, requestCount, useEmulatorAndDirectory } from './helpers'

const HEADER = 'conversionName,conversionTime,microsoftClickId,conversionValue,conversionCurrencyCode'
const clickId = (n: number) => n.toString(16).padStart(32, '0')

/** 2,500 rows: every 97th names no goal, every 101st has a bad click id. */
function backfillCsv(base: number): string {
  const lines = [HEADER]
  for (let n = 1; n <= 2500; n++) {
    const time = new Date(base - n * 1000).toISOString()
    if (n % 97 === 0) lines.push(`No Such Goal,${time},${clickId(n)},5,USD`)
    else if (n % 101 === 0) lines.push(`Purchase,${time},not-a-click-${n},5,USD`)
    else lines.push(`Purchase,${time},${clickId(n)},5,USD`)
  }
  return `${lines.join('\n')}\n`
}

const rejectsOf = (path: string): Array<[number, string]> =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { line: number; reason: string })
        .map((reject): [number, string] => [reject.line, reject.reason])
        // Files finish in any order: the rejects file is in the order their outcomes arrived.
        .sort(([a], [b]) => a - b)
    : []

function stored(emulator: RunningEmulator): string[] {
  const byAccount = emulator.state().offlineConversions.records as Record<string, Array<{ item: unknown }>>
  return Object.values(byAccount)
    .flat()
    .map(({ item }) => JSON.stringify(item))
    .sort()
}

describe('msads send --via bulk --bulk-zip', () => {
  jest.setTimeout(120_000)
  const { directory, emulator } = useEmulatorAndDirectory()
  let run = 0

  async function send(file: string, extra: string[]) {
    emulator().reset()
    const rejects = join(directory.path, `rejects-${++run}.jsonl`)
    const io = memoryIo(demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${run}.json`) }))
    const args = ['send', file, '--via', 'bulk', '--bulk-poll', '0', '--bulk-file-rows', '1000', '-r', rejects]
    const code = await runCli([...args, ...extra, '--no-progress', '--json'], io)
    const summary = JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary
    return { code, summary, rejects: rejectsOf(rejects), stored: stored(emulator()), bulk: emulator().state().bulk }
  }

  it('uploads ZIP archives with the same outcomes, rejects and stored records as plain CSV files', async () => {
    const file = join(directory.path, 'backfill.csv')
    writeFileSync(file, backfillCsv(Math.floor(Date.now() / 1000) * 1000 - 7_200_000))
    const plain = await send(file, [])
    expect(plain.bulk.received).toEqual({ csv: 3, zip: 0 })
    const zipped = await send(file, ['--bulk-zip'])
    expect(zipped.bulk.received).toEqual({ csv: 0, zip: 3 })
    expect(requestCount(emulator(), 'bulkUpload')).toBe(3)
    expect(requestCount(emulator(), 'applyOfflineConversions')).toBe(0)

    expect(zipped.code).toBe(plain.code)
    expect(zipped.summary.outcomes).toEqual(plain.summary.outcomes)
    expect(zipped.summary.outcomes.rejected).toEqual({ OfflineConversionNameInvalid: 25, invalid_input: 24 })
    expect(zipped.rejects).toEqual(plain.rejects)
    expect(zipped.rejects).toHaveLength(49)
    expect(zipped.stored).toEqual(plain.stored)
    expect(zipped.stored).toHaveLength(2500 - 49)
  })
})
