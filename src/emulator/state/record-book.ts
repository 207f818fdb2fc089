/** One accepted item, as it was sent, with the key it was deduplicated by. */
export interface StoredRecord<T> {
  key: string | null
  receivedAt: string
  item: T
}

export interface DuplicateSeen {
  scope: string
  key: string
  count: number
}

/**
 * Accepted items of one kind, per scope (account or tag). The first item of a key wins; a later one is not stored
 * and is counted as a duplicate instead.
 */
export class RecordBook<T> {
  private readonly byScope = new Map<string, StoredRecord<T>[]>()
  private readonly keys = new Set<string>()
  private readonly duplicates = new Map<string, DuplicateSeen>()
  private total = 0
  private duplicateTotal = 0

  /** True when stored, false when it was a duplicate. A null key is never a duplicate. */
  add(scope: string, key: string | null, item: T, receivedAt: string): boolean {
    if (key !== null) {
      const scoped = `${scope}\u0000${key}`
      if (this.keys.has(scoped)) {
        const seen = this.duplicates.get(scoped)
        if (seen) seen.count += 1
        else this.duplicates.set(scoped, { scope, key, count: 1 })
        this.duplicateTotal += 1
        return false
      }
      this.keys.add(scoped)
    }
    let list = this.byScope.get(scope)
    if (!list) {
      list = []
      this.byScope.set(scope, list)
    }
    list.push({ key, receivedAt, item })
    this.total += 1
    return true
  }

  has(scope: string, key: string): boolean {
    return this.keys.has(`${scope}\u0000${key}`)
  }

  get count(): number {
    return this.total
  }

  get duplicateCount(): number {
    return this.duplicateTotal
  }

  records(): Record<string, StoredRecord<T>[]> {
    return Object.fromEntries(this.byScope)
  }

  duplicatesSeen(): DuplicateSeen[] {
    return [...this.duplicates.values()]
  }
}
