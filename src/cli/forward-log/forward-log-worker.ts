import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'worker_threads'
import { ForwardLog, type ForwardEntryRow } from './forward-log'

/**
 * The forward log's writer thread (see forward-log-thread.ts): batches of rows arrive as JSON text; every batch
 * waiting is written in one transaction, then the count is answered. `close` closes the log and ends the thread.
 * A failed write is answered with its code and message, and nothing more is written.
 */
function serve(port: MessagePort, path: string): void {
  const log = ForwardLog.open(path, { prune: false })
  let failed = false
  const writeAll = (first: string): void => {
    const rows: ForwardEntryRow[] = JSON.parse(first) as ForwardEntryRow[]
    let closing = false
    for (let next = receiveMessageOnPort(port); next; next = closing ? undefined : receiveMessageOnPort(port)) {
      if (next.message === 'close') closing = true
      else for (const row of JSON.parse(next.message as string) as ForwardEntryRow[]) rows.push(row)
    }
    if (!failed) {
      try {
        log.recordRows(rows)
      } catch (error) {
        failed = true
        const { code, message } = error as { code?: unknown; message?: unknown }
        port.postMessage({ error: { code: typeof code === 'string' ? code : undefined, message: String(message) } })
      }
    }
    port.postMessage({ written: rows.length })
    if (closing) close()
  }
  const close = (): void => {
    log.close()
    port.close()
  }
  port.on('message', (message: unknown) => (message === 'close' ? close() : writeAll(message as string)))
}

if (parentPort) serve(parentPort, (workerData as { path: string }).path)
