import type { ForwardEntryRow, ForwardLog } from './forward-log'

/** Where `msads send` gives the forward log's rows: on the sending thread (lean), or a thread of their own (fast). */
export interface ForwardRowWriter {
  /** Rows in order; a promise when the sender must wait before giving more. A refused write is thrown. */
  write(rows: readonly ForwardEntryRow[]): Promise<void> | undefined
  /** Every row given written, and the log closed. */
  close(): Promise<void>
}

/** The rows written on the calling thread, a transaction per call, as they are given; closing closes the log. */
export class ForwardLogInThread implements ForwardRowWriter {
  constructor(private readonly log: ForwardLog) {}

  write(rows: readonly ForwardEntryRow[]): undefined {
    this.log.recordRows(rows)
    return undefined
  }

  async close(): Promise<void> {
    this.log.close()
  }
}
