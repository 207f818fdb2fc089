import { createReadStream } from 'fs'

export interface ProgressSnapshot {
  linesRead: number
  finished: number
  failed: number
  bytesRead: number
  totalBytes?: number
  /** The input's events, once counted: progress is then their share done, else estimated from the bytes read. */
  totalEvents?: number
  /** A wait before events are sent again (Microsoft throttled, or a transient failure), while it lasts. */
  waiting?: { untilMs: number; why: string }
}

type Stream = { write(text: string): unknown; isTTY?: boolean; columns?: number }

const number = (value: number): string => value.toLocaleString('en-US')

/** `1h 02m`, `3m 20s`, `45s`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  if (seconds >= 3600)
    return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`
  return `${seconds}s`
}

const BAR_WIDTH = 24
/** Without a width (a terminal that does not say), a line is kept within 80 columns. */
const DEFAULT_COLUMNS = 80

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a line every `intervalMs` otherwise (logs, CI).
 * It reads a snapshot function, so the sender never waits for it. The share done never goes backwards (it is
 * estimated from the bytes read until the events are counted, then exact), a bar never passes the terminal's
 * width, and a wait says why and for how long.
 */
export class Progress {
  private timer?: NodeJS.Timeout
  private readonly started: number
  private drawn = false
  private shown = 0

  constructor(
    private readonly stream: Stream,
    private readonly snapshot: () => ProgressSnapshot,
    private readonly options: { enabled: boolean; intervalMs?: number; now?: () => number } = { enabled: true }
  ) {
    this.started = this.now()
  }

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  start(): void {
    if (!this.options.enabled) return
    const interval = this.stream.isTTY ? 200 : (this.options.intervalMs ?? 5000)
    this.timer = setInterval(() => this.draw(), interval)
    this.timer.unref()
  }

  /** The share of the input's events done: exact once counted, else the bytes read times the share of read lines done. */
  private fraction(s: ProgressSnapshot): number | undefined {
    let fraction: number | undefined
    if (s.totalEvents !== undefined && s.totalEvents > 0) fraction = Math.min(1, s.finished / s.totalEvents)
    else if (s.totalBytes) {
      const read = Math.min(1, s.bytesRead / s.totalBytes)
      fraction = s.linesRead > 0 ? read * Math.min(1, s.finished / s.linesRead) : 0
    }
    if (fraction === undefined) return undefined
    this.shown = Math.max(this.shown, fraction)
    return this.shown
  }

  private tail(s: ProgressSnapshot, fraction: number | undefined, elapsedMs: number): string[] {
    const parts: string[] = []
    if (elapsedMs > 0) parts.push(`${number(Math.round(s.finished / (elapsedMs / 1000)))}/s`)
    const wait = s.waiting && s.waiting.untilMs > this.now() ? s.waiting : undefined
    if (wait) parts.push(`waiting ${duration(wait.untilMs - this.now())}: ${wait.why}`)
    else if (fraction !== undefined && fraction > 0 && fraction < 1 && elapsedMs >= 2000)
      parts.push(`about ${duration((elapsedMs * (1 - fraction)) / fraction)} left`)
    return parts
  }

  draw(): void {
    const s = this.snapshot()
    const elapsedMs = this.now() - this.started
    const fraction = this.fraction(s)
    const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}%`
    const counted = s.totalEvents !== undefined && s.totalEvents > 0
    if (this.stream.isTTY) {
      const bar =
        fraction === undefined
          ? ''
          : `[${'#'.repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, '.')}] ${percent} `
      const of = counted ? `/${number(Math.max(s.totalEvents!, s.finished))}` : ''
      const counts = `${number(s.finished)}${of} events done, ${number(s.failed)} not delivered`
      const line = [`${bar}${counts}`, ...this.tail(s, fraction, elapsedMs)].join(', ')
      const columns = this.stream.columns || DEFAULT_COLUMNS
      // One column is left free: a line that fills the last one wraps on some terminals and leaves a stale line.
      this.stream.write(`\r${line.slice(0, Math.max(1, columns - 1))}\x1b[K`)
      this.drawn = true
    } else {
      const read = `${number(s.linesRead)} lines read${counted || s.totalBytes === undefined ? '' : ` (${Math.floor(Math.min(1, s.bytesRead / s.totalBytes) * 100)}% of the file)`}`
      const done = `${number(s.finished)} done${counted ? ` (${percent} of ${number(s.totalEvents!)} events)` : ''}`
      const line = [read, done, `${number(s.failed)} not delivered`, ...this.tail(s, fraction, elapsedMs)]
      this.stream.write(`progress: ${line.join(', ')}\n`)
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    if (this.drawn) this.stream.write('\r\x1b[K')
  }
}

/**
 * The events of an input file, counted in the background for the progress: its lines that are not blank, less the
 * header of a CSV (a quoted field that spans lines makes the count an estimate, which the progress caps at 100%).
 */
export async function countEvents(path: string, format: 'ndjson' | 'csv'): Promise<number> {
  let lines = 0
  let content = false
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index]
      if (byte === 10) {
        if (content) lines += 1
        content = false
      } else if (byte !== 32 && byte !== 9 && byte !== 13) content = true
    }
  }
  if (content) lines += 1
  return format === 'csv' ? Math.max(0, lines - 1) : lines
}
