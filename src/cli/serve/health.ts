import type { OutcomeKind } from '../../outcome'

export type HealthStatus = 'live' | 'degraded' | 'down'

export interface HealthThresholds {
  /** How many of the most recent counted events the window holds. */
  windowEvents: number
  /** Events older than this leave the window. */
  windowMs: number
  /** Fewer counted events than this say nothing: live, unless the token is refused. */
  minEvents: number
  /** Degraded when retries, Microsoft rejects and auth failures make at least this share of the window. */
  degradedShare: number
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  windowEvents: 500,
  windowMs: 5 * 60_000,
  minEvents: 5,
  degradedShare: 0.2
}

/** What an outcome says about the server's health. Rejections of a caller's input say nothing and are not counted. */
type Verdict = 'ok' | 'retry' | 'microsoft_reject' | 'auth'

interface Entry {
  at: number
  verdict: Verdict
}

export interface HealthOutcome {
  outcome: OutcomeKind
  reason: string
  code?: number | string
}

function verdictOf(outcome: HealthOutcome): Verdict | undefined {
  if (outcome.outcome === 'delivered' || outcome.outcome === 'skipped') return 'ok'
  if (outcome.outcome === 'retry') return 'retry'
  if (outcome.outcome === 'auth') return 'auth'
  // A rejection Microsoft made carries its code; one the destination made (bad input, bad settings) does not.
  return outcome.code !== undefined ? 'microsoft_reject' : undefined
}

/**
 * The server's health from a sliding window of recent outcomes and the state of its own token:
 * down when its token is refused or every counted event of the window failed; degraded when retries, Microsoft
 * rejects and auth failures reach `degradedShare` of the window; live otherwise.
 */
export class HealthMonitor {
  private readonly entries: Entry[] = []
  private token: 'unknown' | 'ok' | 'refused' = 'unknown'

  constructor(
    readonly thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Records the outcomes of one request. `ownCredentials`: the run used the server's own settings and token. Only
   * those outcomes are counted: a request that brings its own settings or token (wrong ones included) tells nothing
   * about this server, and must not take a healthy replica out of a load balancer.
   */
  record(outcomes: readonly HealthOutcome[], ownCredentials: boolean): void {
    if (!ownCredentials) return
    const at = this.now()
    for (const outcome of outcomes) {
      const verdict = verdictOf(outcome)
      if (!verdict) continue
      this.entries.push({ at, verdict })
      if (verdict === 'auth') this.token = 'refused'
      else if (verdict === 'ok' && outcome.outcome === 'delivered') this.token = 'ok'
    }
    this.prune()
  }

  private prune(): void {
    const oldest = this.now() - this.thresholds.windowMs
    let drop = Math.max(0, this.entries.length - this.thresholds.windowEvents)
    while (drop < this.entries.length && this.entries[drop].at < oldest) drop += 1
    if (drop) this.entries.splice(0, drop)
  }

  report(): {
    status: HealthStatus
    token: string
    window: Record<Verdict | 'events', number>
    thresholds: HealthThresholds
  } {
    this.prune()
    const window = { events: this.entries.length, ok: 0, retry: 0, microsoft_reject: 0, auth: 0 }
    for (const entry of this.entries) window[entry.verdict] += 1
    const failing = window.events - window.ok
    const { minEvents, degradedShare } = this.thresholds
    let status: HealthStatus = 'live'
    if (this.token === 'refused' || (window.events >= minEvents && window.ok === 0)) status = 'down'
    else if (window.events >= minEvents && failing / window.events >= degradedShare) status = 'degraded'
    return { status, token: this.token, window, thresholds: this.thresholds }
  }
}
