import type { Logger } from '../../support/logger'
import { lastDayUnattributedShare, type Diagnostics } from '../diagnostics/collect-diagnostics'
import type { HealthStatus } from './health'

export interface UnattributedHealthOptions {
  /** Degraded when the last day's unattributed share of accepted conversions is above this (0 to 1). */
  threshold: number
  /** How often Microsoft's reports are read again; 0 reads once. */
  intervalMs: number
  /** The first read waits this long after start, so that a short-lived server (a test, a one-off) makes none. */
  firstReadDelayMs: number
}

/** `--unattributed-threshold` / MSADS_UNATTRIBUTED_THRESHOLD, `--diagnostics-interval-minutes` / MSADS_DIAGNOSTICS_INTERVAL_MINUTES. */
export const DEFAULT_UNATTRIBUTED_HEALTH: UnattributedHealthOptions = {
  threshold: 0.5,
  intervalMs: 60 * 60_000,
  firstReadDelayMs: 30_000
}

export interface UnattributedVerdict {
  status: Extract<HealthStatus, 'live' | 'degraded'>
  threshold: number
  /** The most recent upload day with accepted conversions; absent until Microsoft reports one. */
  lastDay?: { date: string; accepted: number; unattributed: number; share: number }
  checkedAt?: string
  error?: string
}

/**
 * Microsoft's processing results, read in the background and cached, so that neither /health nor /diagnostics ever
 * calls Microsoft while a caller waits. A failed read keeps the last good figures and says why beside them.
 */
export class UnattributedWatch {
  private diagnostics?: Diagnostics
  private checkedAt?: number
  private error?: string
  private timer?: NodeJS.Timeout
  private firstRead?: NodeJS.Timeout
  private inFlight?: Promise<void>

  constructor(
    private readonly read: () => Promise<Diagnostics>,
    readonly options: UnattributedHealthOptions = DEFAULT_UNATTRIBUTED_HEALTH,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger
  ) {}

  /** Reads after firstReadDelayMs (one read at a time), then every intervalMs until stop(). */
  start(): void {
    if (this.firstRead || this.timer) return
    this.firstRead = setTimeout(() => {
      void this.refresh()
      if (this.options.intervalMs > 0) {
        this.timer = setInterval(() => void this.refresh(), this.options.intervalMs)
        this.timer.unref()
      }
    }, this.options.firstReadDelayMs)
    this.firstRead.unref()
  }

  stop(): void {
    if (this.firstRead) clearTimeout(this.firstRead)
    if (this.timer) clearInterval(this.timer)
    this.firstRead = undefined
    this.timer = undefined
  }

  /** One read of Microsoft's reports; never throws. */
  refresh(): Promise<void> {
    this.inFlight ??= this.read()
      .then((diagnostics) => {
        this.diagnostics = diagnostics
        this.error = undefined
      })
      .catch((error: unknown) => {
        this.error = (error as Error)?.message ?? String(error)
        this.logger?.warn('diagnostics read failed', { reason: this.error })
      })
      .finally(() => {
        this.checkedAt = this.now()
        this.inFlight = undefined
      })
    return this.inFlight
  }

  /** The cached figures, for GET /diagnostics. */
  latest(): { diagnostics?: Diagnostics; checkedAt?: string; error?: string } {
    return {
      ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}),
      ...(this.checkedAt !== undefined ? { checkedAt: new Date(this.checkedAt).toISOString() } : {}),
      ...(this.error ? { error: this.error } : {})
    }
  }

  verdict(): UnattributedVerdict {
    const lastDay = this.diagnostics ? lastDayUnattributedShare(this.diagnostics) : undefined
    const { checkedAt, error } = this.latest()
    return {
      status: lastDay && lastDay.share > this.options.threshold ? 'degraded' : 'live',
      threshold: this.options.threshold,
      ...(lastDay ? { lastDay } : {}),
      ...(checkedAt ? { checkedAt } : {}),
      ...(error ? { error } : {})
    }
  }
}

const SEVERITY: Record<HealthStatus, number> = { live: 0, degraded: 1, down: 2 }

/** The worse of the server's own health and what Microsoft's processing says. */
export function combinedStatus(own: HealthStatus, watch: UnattributedWatch | undefined): HealthStatus {
  const processing = watch?.verdict().status ?? 'live'
  return SEVERITY[processing] > SEVERITY[own] ? processing : own
}
