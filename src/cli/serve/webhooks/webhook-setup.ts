import { readFileSync } from 'fs'
import { registerSecret } from '../../../support/redact'
import type { Destination } from '../../../../destinations/rudderstack/contracts/rudder-types'
import type { CliSettings } from '../../config/settings'
import { readJsonFile } from '../../config/json-file'
import { ConfigError } from '../../errors'
import type { ForwardLog } from '../../forward-log/forward-log'
import type { HostTokens } from '../../host/host-tokens'
import { RudderHost } from '../../host/rudder-host'
import type { SegmentHost } from '../../host/segment-host'
import { subscriptionsOf } from '../../host/subscriptions'
import type { CliMetrics } from '../../metrics/cli-metrics'
import { cliDestination, destinationConfig } from '../../rudderstack/cli-destination'
import { EventLedger } from './event-ledger'
import type { WebhookContext } from './webhook-route'

/** Segment's shared secret: `--segment-webhook-secret-file` (its first line), else MSADS_SEGMENT_WEBHOOK_SECRET. */
export function segmentWebhookSecret(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  let secret: string | undefined
  if (file) {
    try {
      secret = readFileSync(file, 'utf8').split(/\r?\n/)[0].trim()
    } catch (error) {
      throw new ConfigError(
        `Cannot read the Segment webhook secret file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`
      )
    }
    if (!secret) throw new ConfigError(`The Segment webhook secret file ${file} is empty.`)
  } else secret = env.MSADS_SEGMENT_WEBHOOK_SECRET?.trim() || undefined
  registerSecret(secret)
  return secret
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

/** Everything POST /webhooks/... needs: the subscriptions, the RudderStack destination per account, the ledger. */
export async function webhookContext(options: {
  segment: SegmentHost
  tokens: HostTokens
  metrics: CliMetrics
  forwardLog?: ForwardLog
  mappingFile?: string
  destinationConfigFile?: string
  segmentSecretFile?: string
  env: NodeJS.ProcessEnv
}): Promise<WebhookContext> {
  const subscriptions = await subscriptionsOf(options.mappingFile)
  let override: Record<string, unknown> = {}
  if (options.destinationConfigFile) {
    const read = await readJsonFile(options.destinationConfigFile, 'destination config')
    if (!isObject(read))
      throw new ConfigError(`The destination config ${options.destinationConfigFile} must hold a JSON object.`)
    override = read
  }
  const rudder = new Map<string, { host: RudderHost; destination: Destination }>()
  return {
    segment: options.segment,
    subscriptions,
    ledger: new EventLedger(options.forwardLog),
    segmentSecret: segmentWebhookSecret(options.segmentSecretFile, options.env),
    metrics: options.metrics,
    originals: options.forwardLog,
    rudder: (account: { name: string; settings: CliSettings }) => {
      let entry = rudder.get(account.name)
      if (!entry) {
        const destination = cliDestination(destinationConfig(account.settings, override))
        const host = new RudderHost({
          tokens: options.tokens,
          settings: account.settings,
          destination,
          metrics: options.metrics,
          account: account.name
        })
        entry = { host, destination }
        rudder.set(account.name, entry)
      }
      return entry
    }
  }
}
