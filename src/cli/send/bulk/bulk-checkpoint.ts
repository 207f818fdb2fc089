import { existsSync, readFileSync } from 'fs'
import { rm } from 'fs/promises'
import { replaceFile } from '../../../support/write-all'

interface CheckpointFile {
  version: 1
  /** File content hash → the RequestId Microsoft gave the received file. */
  uploads: Record<string, string>
}

/**
 * What a Bulk send has uploaded but not yet read the results of, kept on disk: a send that is killed while an
 * upload is pending polls that request again when it is run again, instead of uploading the file twice. A file
 * is known by the hash of its content, which the same input always gives. Replaced whole (every byte checked, then
 * renamed), one save after the other.
 */
export class BulkCheckpoint {
  private state: CheckpointFile = { version: 1, uploads: {} }

  constructor(readonly path: string) {
    if (!existsSync(path)) return
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as CheckpointFile
      if (parsed?.version === 1 && parsed.uploads && typeof parsed.uploads === 'object') this.state = parsed
    } catch {
      // An unreadable checkpoint is a lost one: the files are uploaded again, which Microsoft deduplicates.
    }
  }

  pending(key: string): string | undefined {
    return this.state.uploads[key]
  }

  get pendingCount(): number {
    return Object.keys(this.state.uploads).length
  }

  uploaded(key: string, requestId: string): Promise<void> {
    this.state.uploads[key] = requestId
    return this.save()
  }

  finished(key: string): Promise<void> {
    if (!(key in this.state.uploads)) return Promise.resolve()
    delete this.state.uploads[key]
    return this.save()
  }

  private saving: Promise<void> = Promise.resolve()

  /** Saves the state as it is now, after the saves before it (files finish out of order, the last state wins). */
  private save(): Promise<void> {
    const text = Object.keys(this.state.uploads).length ? JSON.stringify(this.state) : undefined
    const save = this.saving
      .catch(() => undefined)
      .then(() => (text === undefined ? rm(this.path, { force: true }) : replaceFile(this.path, text, 0o600)))
    this.saving = save
    return save
  }
}
