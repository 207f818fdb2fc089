import { existsSync, readdirSync, writeFileSync } from 'fs'
import { join } from 'path'
import { memoryIo, orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { runCli } from '../../program'
import { checkpointPath, inputIdentity } from '../checkpoint'
import { defaultRejectsPath } from '../rejects-file'

/** No credentials: each run goes to the embedded emulator. */
const env = { MSADS_CONSENT_DEFAULT: 'granted' }

describe('what a killed run leaves behind', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  function input(name: string, count: number): string {
    const path = join(directory.path, name)
    const now = Date.now()
    writeFileSync(path, Array.from({ length: count }, (_, n) => `${JSON.stringify(orderCompleted(n, now))}\n`).join(''))
    return path
  }

  it('resumes after a kill -9 at the very end, when the empty rejects file was already removed', async () => {
    const events = input('ended.ndjson', 20)
    const rejects = defaultRejectsPath(events)
    // The checkpoint of a run killed between removing its empty rejects file and removing the checkpoint.
    writeFileSync(
      checkpointPath(rejects),
      JSON.stringify({
        version: 1,
        input: await inputIdentity(events),
        format: 'ndjson',
        line: 20,
        outcomes: { delivered: { accepted: 20 } },
        rejectsFile: join(directory.path, `.ended.rejects.jsonl.4242-00ff00ff.partial`),
        updatedAt: new Date().toISOString()
      })
    )
    const io = memoryIo(env)
    const code = await runCli(['send', events, '--resume', '--json', '--no-progress'], io)
    expect({ code, err: io.err() }).toEqual({ code: 0, err: expect.any(String) })
    const summary = JSON.parse(io.out().trim().split('\n').pop() as string)
    expect(summary).toMatchObject({ total: 20, complete: true, resumedAfterLine: 20, notDelivered: 0 })
    expect(existsSync(checkpointPath(rejects))).toBe(false)
  })

  it('removes the partial rejects files and checkpoint temporaries of processes that are gone, and keeps the rest', async () => {
    const events = input('later.ndjson', 5)
    const rejects = defaultRejectsPath(events)
    // 99999999 is above Linux's highest pid: no process can have it.
    const gone = [`.later.rejects.jsonl.99999999-0a1b2c3d.partial`, `later.rejects.jsonl.checkpoint.json.99999999.tmp`]
    const running = `.later.rejects.jsonl.${process.pid}-0a1b2c3d.partial`
    for (const name of [...gone, running, 'unrelated.partial']) writeFileSync(join(directory.path, name), 'x\n')
    const io = memoryIo(env)
    expect(await runCli(['send', events, '--json', '--no-progress', '--rejects', rejects], io)).toBe(0)
    const left = readdirSync(directory.path)
    for (const name of gone) expect(left).not.toContain(name)
    expect(left).toEqual(expect.arrayContaining([running, 'unrelated.partial']))
  })
})
