import { parentPort, workerData, type MessagePort } from 'worker_threads'
import { ForwardLog, type ForwardEntryRow } from './forward-log'

/**
 * The forward log's writer thread (see forward-log-thread.ts): each batch of rows arrives as JSON text and is written
 * in one transaction, then its count is answered; `close` (after the last batch) closes the log and ends the thread.
 * A failed write is answered with its code and message, and nothing more is written.
 */
function serve(port: MessagePort, path: string): void {
  const log = ForwardLog.open(path, { prune: false })
  let failed = false
  const write = (text: string): void => {
    const rows = JSON.parse(text) as ForwardEntryRow[]
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
  }
  port.on('message', (message: unknown) => {
    if (message !== 'close') return write(message as string)
    log.close()
    port.close()
  })
}

if (parentPort) serve(parentPort, (workerData as { path: string }).path)
