import { spawn, type ChildProcess } from 'child_process'
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { spawnEmulator, type EmulatorProcess } from '../../../bench/emulator-process'
import { nodeArgs } from '../../../bench/node-args'
import type { SendSummary } from '../send/send-run'
import { demoEnv, orderCompleted, temporaryDirectory } from './helpers'

const MAIN = join(__dirname, '..', 'main.ts')
const EVENTS = 200_000

/** `msads send` in a process of its own (through ts-node, as `npm run msads` runs it). */
function msads(args: string[], env: NodeJS.ProcessEnv, stdin: 'ignore' | number = 'ignore'): ChildProcess {
  return spawn(process.execPath, [...nodeArgs(true), MAIN, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: [stdin, 'pipe', 'pipe']
  })
}

function finished(
  child: ChildProcess
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (err += chunk))
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, out, err })))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('msads send --resume, in processes of their own', () => {
  const directory = temporaryDirectory()
  let emulator: EmulatorProcess
  let env: NodeJS.ProcessEnv
  const path = (name: string) => join(directory.path, name)

  beforeAll(async () => {
    emulator = await spawnEmulator()
    env = demoEnv(directory.path, { MSADS_API_BASE_URL: emulator.url })
  })
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('kill -9 at a random point of a 200,000-event send, then --resume: each stored once, all summarised', async () => {
    const now = Date.now()
    const lines: string[] = []
    for (let n = 1; n <= EVENTS; n++) lines.push(JSON.stringify(orderCompleted(n, now)))
    writeFileSync(path('big.ndjson'), `${lines.join('\n')}\n`)
    const checkpoint = path('big.rejects.jsonl.checkpoint.json')
    const killAt = Math.round(EVENTS * (0.2 + Math.random() * 0.6))

    const first = msads(['send', path('big.ndjson'), '--json', '--no-progress'], env)
    const firstEnd = finished(first)
    let stored = 0
    while (first.exitCode === null) {
      stored = (await emulator.state()).offlineConversions.count
      if (stored >= killAt && existsSync(checkpoint)) break
      await sleep(50)
    }
    first.kill('SIGKILL')
    const killed = await firstEnd
    expect(killed.signal).toBe('SIGKILL')
    const resumePoint = JSON.parse(readFileSync(checkpoint, 'utf8')).line as number
    expect(resumePoint).toBeGreaterThan(0)
    expect(resumePoint).toBeLessThan(EVENTS)

    const second = await finished(msads(['send', path('big.ndjson'), '--json', '--no-progress', '--resume'], env))

    expect(second.code).toBe(0)
    const summary = JSON.parse(second.out.trim().split('\n').pop() as string) as SendSummary
    expect(summary).toMatchObject({ total: EVENTS, complete: true, resumedAfterLine: resumePoint, notDelivered: 0 })
    expect(summary.outcomes).toEqual({ delivered: { accepted: EVENTS } })
    const state = await emulator.state()
    // Each event once: repeats of lines past the checkpoint that were already stored are ignored, as by Microsoft.
    expect(state.offlineConversions.count).toBe(EVENTS)
    expect(existsSync(checkpoint)).toBe(false)
  }, 240_000)

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s, --json still prints the summary, with the line it stopped at',
    async (signal) => {
      const now = Date.now()
      const lines: string[] = []
      for (let n = 1; n <= 30_000; n++) lines.push(JSON.stringify(orderCompleted(1_000_000 + n, now)))
      writeFileSync(path(`signal-${signal}.ndjson`), `${lines.join('\n')}\n`)
      const before = (await emulator.state()).offlineConversions.count

      const child = msads(
        ['send', path(`signal-${signal}.ndjson`), '--json', '--no-progress', '--batch-size', '500'],
        env
      )
      const end = finished(child)
      while (child.exitCode === null && (await emulator.state()).offlineConversions.count - before < 1000)
        await sleep(50)
      child.kill(signal)
      const run = await end

      expect(run.code).toBe(1)
      const summary = JSON.parse(run.out.trim().split('\n').pop() as string) as SendSummary
      expect(summary).toMatchObject({ complete: false, stopReason: 'interrupted', unsettled: 0 })
      expect(summary.total).toBe(summary.stoppedAtLine)
      expect(summary.outcomes).toEqual({ delivered: { accepted: summary.stoppedAtLine } })
      expect((await emulator.state()).offlineConversions.count - before).toBe(summary.stoppedAtLine)
    },
    120_000
  )

  it('refuses stdin redirected from the rejects file itself (exit 2), and leaves it intact', async () => {
    const content = `${JSON.stringify(orderCompleted(1))}\n`
    writeFileSync(path('msads-rejects.jsonl'), content)
    const fd = openSync(path('msads-rejects.jsonl'), 'r')
    try {
      const run = await finished(
        msads(['send', '-', '--rejects', path('msads-rejects.jsonl'), '--no-progress'], env, fd)
      )
      expect(run.code).toBe(2)
      expect(run.err).toMatch(/is the input itself/)
    } finally {
      closeSync(fd)
    }
    expect(readFileSync(path('msads-rejects.jsonl'), 'utf8')).toBe(content)
  }, 60_000)
})
