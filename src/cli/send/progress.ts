export interface ProgressSnapshot {
  linesRead: number
  finished: number
  failed: number
  bytesRead: number
  totalBytes?: number
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
    const fraction = s.totalBytes ? Math.min(1, s.bytesRead / s.totalBytes) : undefined
    if (this.stream.isTTY) {
      const width = 24
      const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${Math.floor(fraction * 100)}% `
      this.stream.write(`\r${bar}${number(s.finished)}/${number(s.linesRead)} events done, ${number(s.failed)} not delivered, ${this.rate(s.finished)}\x1b[K`)
      this.drawn = true
    } else {
      const percent = fraction === undefined ? '' : ` (${Math.floor(fraction * 100)}% of the file)`
      this.stream.write(`progress: ${number(s.linesRead)} lines read${percent}, ${number(s.finished)} done, ${number(s.failed)} not delivered, ${this.rate(s.finished)}\n`)
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    if (this.drawn) this.stream.write('\r\x1b[K')
  }
}
