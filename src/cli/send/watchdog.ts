/**
 * Ends a run that cannot settle: when work is in flight and nothing has moved (no answer, no line read) for
 * `idleMs`, `expired` resolves. Its timer keeps the process alive on purpose: a promise that never resolves, with
 * nothing else pending, would otherwise let Node exit quietly with code 0 and no summary.
 */
export class Watchdog {
  readonly expired: Promise<void>
  private last = Date.now()
  private timer?: NodeJS.Timeout
  private fire: () => void = () => undefined

  constructor(
    readonly idleMs: number,
    private readonly busy: () => boolean,
    now: () => number = Date.now
  ) {
    this.expired = new Promise<void>((resolve) => (this.fire = resolve))
    this.timer = setInterval(
      () => {
        if (!this.busy()) this.last = now()
        else if (now() - this.last >= this.idleMs) {
          this.stop()
          this.fire()
        }
      },
      Math.max(20, Math.min(1000, Math.floor(idleMs / 4)))
    )
    this.touch = () => (this.last = now())
  }

  /** Something moved: an answer came, a line was read. */
  touch: () => void

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}
