import { spawn, type ChildProcess } from 'child_process'
import { join } from 'path'
import { nodeArgs } from '../../../bench/node-args'

const MAIN = join(__dirname, '..', 'main.ts')

/**
 * `msads serve --port 0 …args` in a process of its own (through ts-node, as `npm run msads` runs it), with only
 * PATH and `env` in its environment; resolves with its URL once it listens.
 */
export function spawnServe(env: NodeJS.ProcessEnv, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeArgs(true), MAIN, 'serve', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr.on('data', (chunk) => (err += chunk))
    child.stdout.on('data', (chunk) => {
      out += chunk
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1]
      if (url) resolve({ child, url })
    })
    child.once('exit', (code) => reject(new Error(`msads serve exited (${code}): ${err}`)))
  })
}
