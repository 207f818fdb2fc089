/**
 * What this project itself sent, per goal and upload day, to show beside Microsoft's counts. A source that keeps a
 * record of its deliveries (the forward log, a send run) implements SentCountsSource; without one, the diagnostics
 * show Microsoft's figures alone.
 */
export interface SentCount {
  /** The goal (ConversionName) as sent. */
  goal: string
  /** The UTC day Microsoft received it, YYYY-MM-DD. */
  date: string
  /** Conversions and adjustments Microsoft accepted (delivered outcomes). */
  sent: number
}

export interface SentCountsSource {
  /** The counts of the days from `start` to `end` (inclusive, YYYY-MM-DD). */
  sentCounts(range: { start: string; end: string }): SentCount[] | Promise<SentCount[]>
}

/** Counts kept in memory, for a process that delivers (serve) or for tests. */
export class SentCountsTally implements SentCountsSource {
  private readonly counts = new Map<string, SentCount>()

  /** One delivered item of `goal`, accepted at `at`. */
  add(goal: string, at: Date | number | string, count = 1): void {
    const date = new Date(at).toISOString().slice(0, 10)
    const key = `${goal}\u0000${date}`
    const seen = this.counts.get(key)
    if (seen) seen.sent += count
    else this.counts.set(key, { goal, date, sent: count })
  }

  sentCounts(range: { start: string; end: string }): SentCount[] {
    return [...this.counts.values()]
      .filter((entry) => entry.date >= range.start && entry.date <= range.end)
      .map((entry) => ({ ...entry }))
  }
}
