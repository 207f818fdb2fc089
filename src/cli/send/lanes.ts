interface Waiting<T> {
  items: T[]
  bytes: number
}

/**
 * Items waiting for a request, per destination lane (a subscription, the CSV conversions…), up to `batchSize` each,
 * with the bytes they hold counted, so that a caller can send the heaviest lane early when too much is waiting.
 */
export class Lanes<T> {
  private readonly waiting = new Map<string, Waiting<T>>()
  private heldBytes = 0

  constructor(private readonly batchSize: number) {}

  /** Bytes of every item waiting in every lane. */
  get bytes(): number {
    return this.heldBytes
  }

  /** Adds an item; returns the lane's batch when it is full (and empties the lane). */
  add(lane: string, item: T, bytes = 0): { items: T[]; bytes: number } | undefined {
    let waiting = this.waiting.get(lane)
    if (!waiting) {
      waiting = { items: [], bytes: 0 }
      this.waiting.set(lane, waiting)
    }
    waiting.items.push(item)
    waiting.bytes += bytes
    this.heldBytes += bytes
    if (waiting.items.length < this.batchSize) return undefined
    return this.take(lane, waiting)
  }

  /** The lane holding the most bytes, taken out whole (a partial batch). */
  takeHeaviest(): [string, { items: T[]; bytes: number }] | undefined {
    let heaviest: [string, Waiting<T>] | undefined
    for (const entry of this.waiting) if (!heaviest || entry[1].bytes > heaviest[1].bytes) heaviest = entry
    return heaviest && [heaviest[0], this.take(heaviest[0], heaviest[1])]
  }

  /** Every partial batch left, to send at the end of the input. */
  takeAll(): Array<[string, { items: T[]; bytes: number }]> {
    const all = [...this.waiting].filter(([, waiting]) => waiting.items.length > 0)
    this.waiting.clear()
    this.heldBytes = 0
    return all
  }

  private take(lane: string, waiting: Waiting<T>): { items: T[]; bytes: number } {
    this.waiting.delete(lane)
    this.heldBytes -= waiting.bytes
    return waiting
  }
}
