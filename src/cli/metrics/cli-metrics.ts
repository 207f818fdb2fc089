import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { OutcomeKind, OutcomeWarning } from '../../outcome'
import { observeMicrosoftRequests, type MicrosoftRequest } from './microsoft-requests'
import { LabelBudget, reasonLabel, warningLabel } from './reason-label'

/**
 * The Prometheus metrics of `msads serve` (and the counters of `msads send`): events by action, outcome and reason,
 * Microsoft's latency by operation and status, token refreshes. Labels never hold an id, a value or a secret, and
 * take a bounded set of values (reason-label.ts): known reasons by name, the rest `other`.
 */
export class CliMetrics {
  readonly registry = new Registry()
  readonly events: Counter<'action' | 'outcome' | 'reason' | 'account'>
  readonly warnings: Counter<'action' | 'reason' | 'account'>
  readonly microsoftLatency: Histogram<'operation' | 'status'>
  readonly tokenRefreshes: Counter<'result'>
  readonly httpRequests: Counter<'route' | 'status'>
  private stopObserving?: () => void
  /** Warning labels are the package's words, but a field name may come from an answer: at most this many. */
  private readonly warningLabels = new LabelBudget(200)
  /** Microsoft requests seen, by operation (for the send summary). */
  readonly requestCounts = new Map<string, number>()

  constructor(options: { processMetrics?: boolean } = {}) {
    this.events = new Counter({
      name: 'msads_events_total',
      help: 'Events handled, by action, outcome (delivered, skipped, rejected, retry, auth), reason and account (serve).',
      labelNames: ['action', 'outcome', 'reason', 'account'],
      registers: [this.registry]
    })
    this.warnings = new Counter({
      name: 'msads_warnings_total',
      help: 'Optional fields dropped from events that were still sent, by action and reason (field:rule).',
      labelNames: ['action', 'reason', 'account'],
      registers: [this.registry]
    })
    this.microsoftLatency = new Histogram({
      name: 'msads_microsoft_request_duration_seconds',
      help: 'Time to the answer of each request to Microsoft, by operation and HTTP status (0: no answer).',
      labelNames: ['operation', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry]
    })
    this.tokenRefreshes = new Counter({
      name: 'msads_token_refreshes_total',
      help: 'Access token refreshes at the Microsoft identity platform, by result (ok, failed).',
      labelNames: ['result'],
      registers: [this.registry]
    })
    this.httpRequests = new Counter({
      name: 'msads_http_requests_total',
      help: 'Requests to msads serve, by route and status.',
      labelNames: ['route', 'status'],
      registers: [this.registry]
    })
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'msads_' })
  }

  /** Starts measuring every request this process makes to Microsoft. */
  observeMicrosoft(): this {
    this.stopObserving ??= observeMicrosoftRequests((request) => this.recordMicrosoftRequest(request))
    return this
  }

  recordMicrosoftRequest(request: MicrosoftRequest): void {
    this.microsoftLatency.observe({ operation: request.operation, status: String(request.status) }, request.seconds)
    this.requestCounts.set(request.operation, (this.requestCounts.get(request.operation) ?? 0) + 1)
  }

  recordOutcome(
    action: string,
    outcome: OutcomeKind,
    reason: string,
    count = 1,
    account?: string,
    warnings: readonly OutcomeWarning[] = []
  ): void {
    const labels = { action, outcome, reason: reasonLabel(reason) }
    this.events.inc(account ? { ...labels, account } : labels, count)
    for (const warning of warnings) {
      const labels = { action, reason: this.warningLabels.label(warningLabel(warning)) }
      this.warnings.inc(account ? { ...labels, account } : labels)
    }
  }

  stop(): void {
    this.stopObserving?.()
    this.stopObserving = undefined
  }
}
