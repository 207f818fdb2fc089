const WINDOW_MS = 60_000
/** After a 117 the pace is this share of the calls made in the last minute. */
const CUT = 0.5
/** Calls per minute added back for each call answered without a 117: the pace rises slowly. */
const RAISE_PER_CALL = 1
/** Past this the pace is no longer limited. */
const UNLIMITED_ABOVE = 10_000

export interface CallRateClock {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

const realClock: CallRateClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))
}

/**
 * The pace of Campaign Management calls to one account. Microsoft limits calls per user per minute in a sliding
 * 60 s window and answers 117 CallRateExceeded past it, without publishing the number (https://learn.microsoft.com/advertising/guides/services-protocol,
 * Throttling). Unlimited until a 117; then the limit is half the calls of the last minute (cut at most once a
 * minute), and each call answered without a 117 raises it by one per minute until it no longer binds.
 */
export class CallRate {
  private limit: number | undefined
  private lastCut = Number.NEGATIVE_INFINITY
  private readonly calls: number[] = []

  constructor(private readonly clock: CallRateClock = realClock) {}

  /** Calls per minute allowed now; undefined when not limited. */
  get perMinute(): number | undefined {
    return this.limit
  }

  private recent(now: number): number {
    while (this.calls.length && this.calls[0] <= now - WINDOW_MS) this.calls.shift()
    return this.calls.length
  }

  /** Waits, when limited, until a call fits in the last minute, and counts it. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      if (this.limit === undefined || this.recent(now) < this.limit) {
        this.calls.push(now)
        return
      }
      await this.clock.sleep(this.calls[0] + WINDOW_MS - now)
    }
  }

  /**
   * Microsoft answered 117: lower the pace, once per window (the other 117s of the same minute answer calls made
   * before the cut).
   */
  throttled(): void {
    const now = this.clock.now()
    if (now - this.lastCut < WINDOW_MS) return
    this.lastCut = now
    const made = this.recent(now)
    this.limit = Math.max(1, Math.floor(Math.min(this.limit ?? made, made) * CUT))
  }

  /** An answer without a 117: raise the pace slowly. */
  answered(): void {
    if (this.limit === undefined) return
    this.limit += RAISE_PER_CALL
    if (this.limit > UNLIMITED_ABOVE) this.limit = undefined
  }
}

const paces = new Map<string, CallRate>()
let pacing = false

/**
 * Turns on the shared pace of every CampaignClient of the process (the msads command does, at start). Off, a client
 * paces only with a CallRate given to it: the hosts (Segment, rudder-server) run their own retry and back-off.
 */
export function setCallRatePacing(on: boolean): void {
  pacing = on
  if (!on) paces.clear()
}

/** The pace of calls to one account (keyed like CampaignClient.accountKey), shared by every client of it. */
export function callRateOf(accountKey: string): CallRate | undefined {
  if (!pacing) return undefined
  let pace = paces.get(accountKey)
  if (!pace) paces.set(accountKey, (pace = new CallRate()))
  return pace
}

/** Whether an answer is a 117 CallRateExceeded (HTTP 429, or the code in an AdApiFaultDetail). */
export function isCallRateExceeded(status: number, body: string): boolean {
  return status === 429 || /"Code"\s*:\s*117\b/.test(body)
}
