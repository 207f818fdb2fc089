import { reportFailure, writeFailureText } from '../errors'
import { EXIT, type CliIo } from '../io'
import { DEFAULT_RETRY_POLICY } from '../send/retry-policy'
import { runBulkSendJob } from '../send/bulk/bulk-send-job'
import { chooseVia, parseVia } from '../send/bulk/choose-via'
import { runSendJob } from '../send/send-run'
import type { MemoryMode } from '../send/memory-mode'
import { formatSummary } from '../send/summary'
import { forwardLogPath } from '../forward-log/log-path'

export interface SendCommandOptions {
  /** A file, or false with --no-forward-log (commander's true when neither is given). */
  forwardLog?: string | boolean
  format?: string
  source?: string
  mapping?: string
  destinationConfig?: string
  config?: string
  dryRun?: boolean
  rejects?: string
  json?: boolean
  /** Parsed and checked by the program (commander), as the two below. */
  batchSize: number
  concurrency: number
  maxBufferMb: number
  retries: number
  /** Seconds. */
  retryWaitCap: number
  progress?: boolean
  resume?: boolean
  /** Seconds, parsed by the program. */
  settleTimeout?: number
  emulatorPort?: number
  via?: string
  /** Parsed by the program, as the one below. */
  bulkFileRows?: number
  /** Seconds before the first status read; by default a minute per 10,000 rows of the file. */
  bulkPoll?: number
  bulkZip?: boolean
  /** lean (the default) or fast: how the process trades memory for speed (send/memory-mode.ts). */
  memory?: MemoryMode
}

/**
 * `msads send FILE`: exit 0 when every line was read and every event delivered or skipped on purpose, 1 when any
 * was not (or the run ended early), 2 on usage errors.
 */
export async function runSend(file: string, options: SendCommandOptions, io: CliIo): Promise<number> {
  io.tuneMemory?.(options.memory ?? 'lean')
  try {
    const via = await chooseVia(parseVia(options.via), file, options.format)
    const summary = await (via === 'bulk' ? runBulkSendJob : runSendJob)(
      {
        file,
        format: options.format,
        source: options.source,
        mappingFile: options.mapping,
        destinationConfigFile: options.destinationConfig,
        configFile: options.config,
        dryRun: options.dryRun,
        rejectsPath: options.rejects,
        batchSize: options.batchSize,
        concurrency: options.concurrency,
        maxBufferMb: options.maxBufferMb,
        retry: { ...DEFAULT_RETRY_POLICY, retries: options.retries, maxDelayMs: options.retryWaitCap * 1000 },
        progress: options.progress !== false,
        resume: options.resume,
        settleTimeoutMs: options.settleTimeout === undefined ? undefined : options.settleTimeout * 1000,
        emulatorPort: options.emulatorPort,
        forwardLog:
          options.forwardLog === false
            ? false
            : forwardLogPath(typeof options.forwardLog === 'string' ? options.forwardLog : undefined, io.env),
        forwardLogThread: options.memory === 'fast',
        bulkFileRows: options.bulkFileRows,
        bulkZip: options.bulkZip,
        poll: options.bulkPoll === undefined ? {} : { initialDelayMs: options.bulkPoll * 1000 }
      },
      io
    )
    io.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary))
    if (summary.error) io.stderr.write(`msads send: ${summary.error}\n`)
    // 0 only when every line of the input has its outcome and each was delivered or skipped on purpose.
    return summary.notDelivered || !summary.complete ? EXIT.failed : EXIT.ok
  } catch (error) {
    const failedWrite = writeFailureText(error)
    // A machine reader of --json gets its one JSON line even when a write stopped the run.
    if (options.json && failedWrite) {
      io.stdout.write(
        `${JSON.stringify({ input: file, complete: false, stopReason: 'write_failed', error: failedWrite })}\n`
      )
    }
    return reportFailure('send', error, io)
  }
}
