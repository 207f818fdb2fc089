import { spawn, type ChildProcess } from 'child_process'
import * as path from 'path'
import { nodeArgs } from './node-args'
import type { EmulatorOptions, FaultConfig, StateSnapshot } from '../src/emulator'

/** Runs a script of this folder with node, compiled (.js) or through ts-node when run from the sources (.ts). */
export function nodeScript(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const fromSources = __filename.endsWith('.ts')
  const file = path.join(__dirname, `${name}${fromSources ? '.ts' : '.js'}`)
  return spawn(process.execPath, [...nodeArgs(fromSources), file, ...args], { env, stdio: ['pipe', 'pipe', 'inherit'] })
}

/** The emulator in a child process, driven through its control API. */
export interface EmulatorProcess {
  url: string
  pid: number
  state(): Promise<StateSnapshot>
  reset(): Promise<void>
  setFaults(config: FaultConfig): Promise<void>
  close(): Promise<void>
}

async function control(url: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/__emulator/${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const json = await response.json()
  if (!response.ok) throw new Error(`emulator ${route} answered ${response.status}: ${JSON.stringify(json)}`)
  return json
}

export async function spawnEmulator(options: Partial<EmulatorOptions> = {}): Promise<EmulatorProcess> {
  const child = nodeScript('emulator-child', [JSON.stringify(options)])
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout!.setEncoding('utf8')
    child.stdout!.on('data', (text: string) => {
      buffered += text
      const line = buffered.split('\n')[0]
      if (buffered.includes('\n')) resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once('exit', (code) => reject(new Error(`the emulator process exited with ${code}`)))
    child.once('error', reject)
  })
  return {
    url,
    pid: child.pid!,
    state: async () => (await control(url, 'GET', 'state?records=false')) as StateSnapshot,
    reset: async () => {
      await control(url, 'POST', 'reset')
    },
    setFaults: async (config) => {
      await control(url, 'POST', 'faults', config)
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.stdin!.end()
      })
  }
}
