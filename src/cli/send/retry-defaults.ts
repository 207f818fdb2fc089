/** How `msads send` retries transient outcomes, unless --retries and --retry-wait-cap say otherwise: the one place. */
export interface RetryPolicy {
  /** Attempts after the first for events whose outcome is `retry`. */
  retries: number
  /** First wait; it doubles at each attempt. */
  baseDelayMs: number
  /** No wait is longer, even when Microsoft asks for more (retryAfterSeconds). */
  maxDelayMs: number
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 60_000 }
