import type { ResponseMode } from '../../microsoft/bulk/bulk-models'
import type { OperationError } from '../../microsoft/models'

export type JobStatus =
  | 'PendingFileUpload'
  | 'FileUploaded'
  | 'InProgress'
  | 'Completed'
  | 'CompletedWithErrors'
  | 'Failed'
  | 'UploadFileRowCountExceeded'
  | 'UploadFileFormatNotSupported'

/** One GetBulkUploadUrl request and what became of its file. */
export interface BulkJob {
  requestId: string
  customerId: string
  accountId: string
  responseMode: ResponseMode
  urlExpiresAt: number
  status: JobStatus
  percentComplete: number
  /** Status reads since the file arrived; processing finishes after `bulkStatusPollsToComplete` of them. */
  polls: number
  /** The CSV received (unpacked from its ZIP archive), or why its content cannot be read. */
  file?: { name: string; text: string; unreadable?: string }
  errors: OperationError[]
  resultsFile?: string
  /** Results URL tokens and when each expires. */
  resultTokens: Map<string, number>
}

/** Faults of the Bulk workflow, each used once: a 4204, a Failed status, a results URL that has expired. */
export interface BulkFaults {
  /** The next N GetBulkUploadUrl calls answer 4204. */
  throttleNext: number
  /** The next N files end Failed instead of being processed. */
  failNext: number
  /** The next N results URLs issued are expired already. */
  expireResultsNext: number
}

export const BULK_FAULT_KEYS = ['throttleNext', 'failNext', 'expireResultsNext'] as const

/** Bulk requests by id, and the Bulk faults. */
export class BulkJobs {
  readonly jobs = new Map<string, BulkJob>()
  faults: BulkFaults = { throttleNext: 0, failNext: 0, expireResultsNext: 0 }

  /** Sets some of the faults; returns the problems, if any key or value is refused. */
  configure(change: unknown): string[] {
    if (!change || typeof change !== 'object' || Array.isArray(change)) return ['bulk faults must be a JSON object']
    const problems: string[] = []
    const next = { ...this.faults }
    for (const [key, value] of Object.entries(change)) {
      if (!(BULK_FAULT_KEYS as readonly string[]).includes(key)) problems.push(`unknown bulk fault ${key}`)
      else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        problems.push(`${key} must be an integer >= 0`)
      else next[key as keyof BulkFaults] = value
    }
    if (!problems.length) this.faults = next
    return problems
  }

  /** Uses one fault of a kind, if any is left. */
  take(kind: keyof BulkFaults): boolean {
    if (this.faults[kind] <= 0) return false
    this.faults[kind] -= 1
    return true
  }

  summary() {
    const byStatus: Record<string, number> = {}
    // Files received, as plain CSV or as a ZIP archive of one.
    const received = { csv: 0, zip: 0 }
    for (const job of this.jobs.values()) {
      byStatus[job.status] = (byStatus[job.status] ?? 0) + 1
      if (job.file) received[/\.zip$/i.test(job.file.name) ? 'zip' : 'csv'] += 1
    }
    return { requests: this.jobs.size, byStatus, received, faults: { ...this.faults } }
  }
}
