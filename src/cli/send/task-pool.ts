/**
 * At most `limit` tasks in flight, and at most `maxWeight` of their weight (bytes of the events they carry) unless
 * the pool is empty, so that one heavy batch still goes. `submit` waits while the pool is full, which is how the
 * reader feels backpressure: it reads no further line until a batch finishes.
 */
export class TaskPool {
  private readonly running = new Set<Promise<void>>()
  private weightInFlight = 0
  /** The first task's rejection, boxed so that a task rejecting with undefined still counts. */
  private failure: { error: unknown } | undefined

  constructor(
    private readonly limit: number,
    private readonly maxWeight = Number.POSITIVE_INFINITY
  ) {}

  async submit(task: () => Promise<void>, weight = 0): Promise<void> {
    while (
      this.running.size >= this.limit ||
      (this.running.size > 0 && this.weightInFlight + weight > this.maxWeight)
    ) {
      await Promise.race(this.running)
    }
    this.throwIfFailed()
    this.weightInFlight += weight
    const promise: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error }
      })
      .finally(() => {
        this.weightInFlight -= weight
        this.running.delete(promise)
      })
    this.running.add(promise)
  }

  async drain(): Promise<void> {
    while (this.running.size) await Promise.race(this.running)
    this.throwIfFailed()
  }

  get inFlight(): number {
    return this.running.size
  }

  /** The weight of the tasks in flight. */
  get weight(): number {
    return this.weightInFlight
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}
