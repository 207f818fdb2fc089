import { once } from 'events'
import { extname, join } from 'path'
import { Worker } from 'worker_threads'
import { fileWriteError, isWriteFailureCode } from '../../support/write-all'
import type { ForwardEntryRow } from './forward-log'
import type { ForwardRowWriter } from './forward-row-writer'

/**
 * Rows sent to the thread and not yet written past which the sender waits: a few requests' worth, so a thread
 * that falls behind slows the run instead of holding its rows in memory.
 */
export const MAX_UNWRITTEN_ROWS = 2000

/** The thread's script: compiled (.js), or, run from the sources (tests), through ts-node. */
const BOOT = `const { workerData } = require('worker_threads')
if (workerData.register) require(workerData.register)
require(workerData.script)`

/* eslint-disable @typescript-eslint/no-require-imports -- resolved only when run from the sources */
function tsNodeRegister(): string | undefined {
  return extname(__filename) === '.ts' ? require.resolve('ts-node/register/transpile-only') : undefined
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The forward log written from a thread of its own (forward-log-worker.ts): the SQLite inserts, their indexes and
 * commits (about 10 µs of CPU a row) leave the thread that reads, maps and sends. Rows go in the order given; a
 * failed write (a full disk) is thrown, naming the file, by the next `write` or by `close`; `close` returns once
 * every row given is written and the log is closed.
 */
export class ForwardLogThread implements ForwardRowWriter {
  private readonly worker: Worker
  private readonly exited: Promise<unknown>
  /** The thread has started (its start sets V8's flags back: see reapplyMemoryMode). */
  readonly started: Promise<void>
  private unwritten = 0
  private failure?: Error
  private waiting: Array<() => void> = []
  private closed = false

  constructor(readonly path: string) {
    const script = join(__dirname, `forward-log-worker${extname(__filename)}`)
    this.worker = new Worker(BOOT, {
      eval: true,
      workerData: { path, script, register: tsNodeRegister() }
    })
    // `once` rejects when the thread fails first; the failure itself is kept by the 'error' listener below.
    this.exited = once(this.worker, 'exit').catch(() => undefined)
    this.started = once(this.worker, 'online').then(() => undefined)
    this.started.catch(() => undefined)
    this.worker.on('message', (message: { written?: number; error?: { code?: string; message: string } }) => {
      if (message.error) this.fail(this.errorOf(message.error))
      if (message.written) this.unwritten -= message.written
      if (this.unwritten <= MAX_UNWRITTEN_ROWS) this.wake()
    })
    this.worker.on('error', (error: Error) => this.fail(error))
    this.worker.on('exit', () => {
      if (!this.closed) this.fail(new Error(`The forward log's writer (${path}) stopped.`))
      this.wake()
    })
  }

  /** Gives rows to the thread; a promise when too many are not yet written (resolved once the thread catches up). */
  write(rows: readonly ForwardEntryRow[]): Promise<void> | undefined {
    this.throwIfFailed()
    if (!rows.length) return undefined
    this.unwritten += rows.length
    this.worker.postMessage(JSON.stringify(rows))
    if (this.unwritten <= MAX_UNWRITTEN_ROWS) return undefined
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.throwIfFailed())
  }

  /** Waits for every row given to be written, then closes the log and ends the thread. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true
      this.worker.postMessage('close')
    }
    await this.exited
    this.throwIfFailed()
  }

  private errorOf(error: { code?: string; message: string }): Error {
    return isWriteFailureCode(error.code)
      ? fileWriteError(this.path, { code: error.code })
      : new Error(`The forward log (${this.path}) could not be written: ${error.message}`)
  }

  private fail(error: Error): void {
    this.failure ??= error
    this.wake()
  }

  private wake(): void {
    const waiting = this.waiting
    this.waiting = []
    for (const resolve of waiting) resolve()
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure
  }
}
