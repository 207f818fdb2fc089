/**
 * At most `limit` tasks in flight. `submit` waits while the pool is full, which is how the reader feels
 * backpressure: it reads no further line until a batch finishes.
 */
export class TaskPool {
  private readonly running = new Set<Promise<void>>()
  /** The first task's rejection, boxed so that a task rejecting with undefined still counts. */
  private failure: { error: unknown } | undefined

  constructor(private readonly limit: number) {}

  async submit(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running)
    this.throwIfFailed()
    const promise: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error }
      })
      .finally(() => this.running.delete(promise))
    this.running.add(promise)
  }

  async drain(): Promise<void> {
    while (this.running.size) await Promise.race(this.running)
    this.throwIfFailed()
  }

  get inFlight(): number {
    return this.running.size
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}
