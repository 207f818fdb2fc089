import { createReadStream } from 'fs'

export interface ProgressSnapshot {
  linesRead: number
  finished: number
  failed: number
  bytesRead: number
  totalBytes?: number
  /** The input's events, once counted: progress is then their share done, else the share of bytes read. */
  totalEvents?: number
}

type Stream = { write(text: string): unknown; isTTY?: boolean; columns?: number }

const number = (value: number): string => value.toLocaleString('en-US')

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a line every `intervalMs` otherwise (logs, CI).
 * It reads a snapshot function, so the sender never waits for it.
 */
export class Progress {
  private timer?: NodeJS.Timeout
  private readonly started = Date.now()
  private drawn = false

  constructor(
    private readonly stream: Stream,
    private readonly snapshot: () => ProgressSnapshot,
    private readonly options: { enabled: boolean; intervalMs?: number } = { enabled: true }
  ) {}

  start(): void {
    if (!this.options.enabled) return
    const interval = this.stream.isTTY ? 200 : (this.options.intervalMs ?? 5000)
    this.timer = setInterval(() => this.draw(), interval)
    this.timer.unref()
  }

  private rate(done: number): string {
    const seconds = (Date.now() - this.started) / 1000
    return seconds > 0 ? `${number(Math.round(done / seconds))}/s` : ''
  }

  private draw(): void {
    const s = this.snapshot()
    const byEvents = s.totalEvents !== undefined && s.totalEvents > 0
    const byBytes = s.totalBytes ? Math.min(1, s.bytesRead / s.totalBytes) : undefined
    const fraction = byEvents ? Math.min(1, s.finished / s.totalEvents!) : byBytes
    const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}%`
    if (this.stream.isTTY) {
      const width = 24
      const bar =
        fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${percent} `
      const of = byEvents ? Math.max(s.totalEvents!, s.linesRead) : s.linesRead
      const counts = `${number(s.finished)}/${number(of)} events done, ${number(s.failed)} not delivered`
      this.stream.write(`\r${bar}${counts}, ${this.rate(s.finished)}\x1b[K`)
      this.drawn = true
    } else {
      const read = `${number(s.linesRead)} lines read${byEvents || !percent ? '' : ` (${percent} of the file)`}`
      const done = `${number(s.finished)} done${byEvents ? ` (${percent} of ${number(s.totalEvents!)} events)` : ''}`
      this.stream.write(`progress: ${read}, ${done}, ${number(s.failed)} not delivered, ${this.rate(s.finished)}\n`)
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
