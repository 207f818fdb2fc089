import { ConfigError } from '../config/load-settings'
import { SubscriptionError } from '../host/subscriptions'
import { EXIT, type CliIo } from '../io'
import { InputError } from '../send/input-source'
import { DEFAULT_RETRY_POLICY } from '../send/retry-policy'
import { runBulkSendJob } from '../send/bulk/bulk-send-job'
import { chooseLane, parseVia } from '../send/bulk/choose-lane'
import { MAX_BATCH_SIZE, runSendJob } from '../send/send-run'
import { formatSummary } from '../send/summary'
import { reportFailure } from './credentials'

export interface SendCommandOptions {
  format?: string
  source?: string
  mapping?: string
  destinationConfig?: string
  config?: string
  dryRun?: boolean
  rejects?: string
  json?: boolean
  batchSize?: string
  concurrency?: string
  retries?: string
  retryWaitCap?: string
  progress?: boolean
  resume?: boolean
  /** Seconds, parsed by the program. */
  settleTimeout?: number
  emulatorPort?: number
  via?: string
  bulkFileRows?: string
  bulkPoll?: string
}

function whole(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InputError(`${name} must be a whole number from ${min} to ${max}.`)
  return parsed
}

/**
 * `msads send FILE`: exit 0 when every line was read and every event delivered or skipped on purpose, 1 when any
 * was not (or the run ended early), 2 on usage errors.
 */
export async function runSend(file: string, options: SendCommandOptions, io: CliIo): Promise<number> {
  try {
    const lane = await chooseLane(parseVia(options.via), file, options.format)
    const summary = await (lane === 'bulk' ? runBulkSendJob : runSendJob)(
      {
        file,
        format: options.format,
        source: options.source,
        mappingFile: options.mapping,
        destinationConfigFile: options.destinationConfig,
        configFile: options.config,
        dryRun: options.dryRun,
        rejectsPath: options.rejects,
        batchSize: whole(options.batchSize, '--batch-size', 1, MAX_BATCH_SIZE, MAX_BATCH_SIZE),
        concurrency: whole(options.concurrency, '--concurrency', 1, 64, 4),
        retry: {
          ...DEFAULT_RETRY_POLICY,
          retries: whole(options.retries, '--retries', 0, 20, DEFAULT_RETRY_POLICY.retries),
          maxDelayMs: whole(options.retryWaitCap, '--retry-wait-cap', 0, 3600, DEFAULT_RETRY_POLICY.maxDelayMs / 1000) * 1000
        },
        progress: options.progress !== false,
        resume: options.resume,
        settleTimeoutMs: options.settleTimeout === undefined ? undefined : options.settleTimeout * 1000,
        emulatorPort: options.emulatorPort,
        bulkFileRows: options.bulkFileRows === undefined ? undefined : whole(options.bulkFileRows, '--bulk-file-rows', 1, 4_000_000, 1),
        poll: { initialDelayMs: whole(options.bulkPoll, '--bulk-poll', 0, 3600, 5) * 1000 }
      },
      io
    )
    io.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary))
    // 0 only when every line of the input has its outcome and each was delivered or skipped on purpose.
    return summary.notDelivered || !summary.complete ? EXIT.failed : EXIT.ok
  } catch (error) {
    if (error instanceof InputError || error instanceof SubscriptionError) {
      io.stderr.write(`msads send: ${error.message}\n`)
      return EXIT.usage
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`msads send: ${error.message}\n`)
      return EXIT.failed
    }
    return reportFailure('send', error, io)
  }
}
