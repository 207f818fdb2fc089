import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs'

interface CheckpointFile {
  version: 1
  /** File content hash → the RequestId Microsoft gave the received file. */
  uploads: Record<string, string>
}

/**
 * What a Bulk send has uploaded but not yet read the results of, kept on disk: a send that is killed while an
 * upload is pending polls that request again when it is run again, instead of uploading the file twice. A file
 * is known by the hash of its content, which the same input always gives. Written atomically (rename).
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

  uploaded(key: string, requestId: string): void {
    this.state.uploads[key] = requestId
    this.save()
  }

  finished(key: string): void {
    if (!(key in this.state.uploads)) return
    delete this.state.uploads[key]
    this.save()
  }

  private save(): void {
    if (!Object.keys(this.state.uploads).length) {
      rmSync(this.path, { force: true })
      return
    }
    const temporary = `${this.path}.tmp`
    writeFileSync(temporary, JSON.stringify(this.state), { mode: 0o600 })
    renameSync(temporary, this.path)
  }
}
