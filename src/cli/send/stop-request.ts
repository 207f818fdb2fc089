/**
 * SIGINT/SIGTERM (or the io's abort signal) asking a run to stop: `requested` resolves at the first, `forced` at
 * the second (stop waiting for batches in flight).
 */
export class StopRequest {
  readonly requested: Promise<void>
  readonly forced: Promise<void>
  private count = 0
  private resolveRequested: () => void = () => undefined
  private resolveForced: () => void = () => undefined
  private readonly onSignal = (): void => {
    this.count += 1
    if (this.count === 1) this.resolveRequested()
    else this.resolveForced()
  }

  constructor(private readonly signal?: AbortSignal) {
    this.requested = new Promise((resolve) => (this.resolveRequested = resolve))
    this.forced = new Promise((resolve) => (this.resolveForced = resolve))
    process.on('SIGINT', this.onSignal)
    process.on('SIGTERM', this.onSignal)
    if (signal?.aborted) this.onSignal()
    else signal?.addEventListener('abort', this.onSignal, { once: true })
  }

  get isRequested(): boolean {
    return this.count > 0
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal)
    process.off('SIGTERM', this.onSignal)
    this.signal?.removeEventListener('abort', this.onSignal)
  }
}
