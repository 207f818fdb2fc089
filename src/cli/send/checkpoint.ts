import { createHash } from 'crypto'
import { createReadStream } from 'fs'
import { readFile, realpath, rm, stat } from 'fs/promises'
import { replaceFile } from '../../support/write-all'
import { UsageError } from '../errors'
import type { Ledger } from './ledger'
import { mergeOutcomes, type OutcomeTable } from './outcome-table'
import type { RejectsFile } from './rejects-file'

/** What says that a file is still the one a checkpoint was taken of. */
export interface InputIdentity {
  path: string
  size: number
  mtimeMs: number
  /** SHA-256 of the first 64 KiB. */
  head: string
}

export interface CheckpointState {
  version: 1
  input: InputIdentity
  format: string
  /** Every line up to this one has its final outcome (counted in `outcomes`, failures in `rejectsFile`). */
  line: number
  /** Outcomes by kind and reason of the lines up to `line`. */
  outcomes: Record<string, Record<string, number>>
  /** The rejects lines of lines up to `line` are in this file. */
  rejectsFile?: string
  updatedAt: string
}

const HEAD_BYTES = 64 * 1024
/** How often the resume point is saved at most: what a kill -9 makes a resumed run send again. */
const SAVE_INTERVAL_MS = 250

async function headHash(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { start: 0, end: HEAD_BYTES - 1 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export async function inputIdentity(path: string): Promise<InputIdentity> {
  const info = await stat(path)
  return { path: await realpath(path), size: info.size, mtimeMs: info.mtimeMs, head: await headHash(path) }
}

/** `<rejects>.checkpoint.json`, beside the rejects file. */
export function checkpointPath(rejectsPath: string): string {
  return `${rejectsPath}.checkpoint.json`
}

/**
 * The resume point of `msads send`: the input's identity and the last line up to which every outcome is final,
 * with those outcomes. Written atomically (a temporary file renamed), mode 0600, after the rejects lines it counts
 * on are in their file; removed when a run reaches the end of its input.
 */
export class Checkpoint {
  private saving: Promise<void> = Promise.resolve()

  constructor(
    readonly path: string,
    private readonly input: InputIdentity,
    private readonly format: string
  ) {}

  /** The checkpoint of an earlier run of the same input, or why it cannot be used. */
  static async load(path: string, input: InputIdentity): Promise<CheckpointState | undefined> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return undefined
    }
    let state: CheckpointState
    try {
      state = JSON.parse(text) as CheckpointState
    } catch {
      throw new UsageError(`The checkpoint ${path} cannot be read; remove it to send the whole file again.`)
    }
    const before = state.input
    if (!before || before.path !== input.path) {
      throw new UsageError(`The checkpoint ${path} belongs to ${before?.path ?? 'another input'}, not ${input.path}.`)
    }
    if (
      before.size > input.size ||
      before.head !== input.head ||
      (before.size === input.size && before.mtimeMs !== input.mtimeMs)
    ) {
      throw new UsageError(
        `${input.path} changed since the checkpoint ${path} was taken (size, time or first bytes): ` +
          'remove the checkpoint to send the whole file again.'
      )
    }
    return state
  }

  save(line: number, outcomes: CheckpointState['outcomes'], rejectsFile: string | undefined): Promise<void> {
    const state: CheckpointState = {
      version: 1,
      input: this.input,
      format: this.format,
      line,
      outcomes,
      ...(rejectsFile ? { rejectsFile } : {}),
      updatedAt: new Date().toISOString()
    }
    this.saving = this.saving.then(() => replaceFile(this.path, `${JSON.stringify(state)}\n`, 0o600))
    return this.saving
  }

  async remove(): Promise<void> {
    await this.saving.catch(() => undefined)
    await rm(this.path, { force: true })
  }
}

/** Saves the resume point at most four times a second while answers come, after the rejects lines it counts on. */
export function periodicCheckpoint(
  checkpoint: Checkpoint,
  ledger: Ledger,
  rejects: RejectsFile,
  earlier: OutcomeTable,
  floor: number
) {
  let savedThrough = floor
  let lastSave = 0
  let saving = false
  return {
    maybeSave(): void {
      if (saving || ledger.finalThrough === savedThrough || Date.now() - lastSave < SAVE_INTERVAL_MS) return
      saving = true
      const through = ledger.finalThrough
      const outcomes = mergeOutcomes([earlier.toJSON(), ledger.finalTable.toJSON()]).toJSON()
      rejects
        .flush()
        // Only a file that holds lines is named: an empty one is removed at the end, and must not be looked for.
        .then(() =>
          checkpoint.save(Math.max(through, floor), outcomes, rejects.count ? rejects.partialPath : undefined)
        )
        .then(() => {
          savedThrough = through
          lastSave = Date.now()
        })
        .catch(() => undefined)
        .finally(() => (saving = false))
    }
  }
}
