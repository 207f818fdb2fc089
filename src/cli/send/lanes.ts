/** Items waiting for a request, per destination lane (a subscription, the CSV conversions…), up to `batchSize` each. */
export class Lanes<T> {
  private readonly waiting = new Map<string, T[]>()

  constructor(private readonly batchSize: number) {}

  /** Adds an item; returns the lane's batch when it is full (and empties the lane). */
  add(lane: string, item: T): T[] | undefined {
    let items = this.waiting.get(lane)
    if (!items) {
      items = []
      this.waiting.set(lane, items)
    }
    items.push(item)
    if (items.length < this.batchSize) return undefined
    this.waiting.delete(lane)
    return items
  }

  /** Every partial batch left, to send at the end of the input. */
  takeAll(): Array<[string, T[]]> {
    const all = [...this.waiting.entries()].filter(([, items]) => items.length > 0)
    this.waiting.clear()
    return all
  }
}
