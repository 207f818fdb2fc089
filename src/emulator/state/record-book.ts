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
  private readonly keysByScope = new Map<string, Set<string>>()
  private readonly duplicates = new Map<string, DuplicateSeen>()
  private total = 0
  private duplicateTotal = 0

  /**
   * True when stored, false when it was a duplicate. A null key is never a duplicate. `seenElsewhere` says another
   * channel already counted this key (the UET tag for a CAPI event, and the other way round).
   */
  add(scope: string, key: string | null, item: T, receivedAt: string, seenElsewhere = false): boolean {
    if (key !== null) {
      let keys = this.keysByScope.get(scope)
      if (!keys) {
        keys = new Set()
        this.keysByScope.set(scope, keys)
      }
      if (keys.has(key) || seenElsewhere) {
        const scoped = `${scope}\u0000${key}`
        const seen = this.duplicates.get(scoped)
        if (seen) seen.count += 1
        else this.duplicates.set(scoped, { scope, key, count: 1 })
        this.duplicateTotal += 1
        return false
      }
      keys.add(key)
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
    return this.keysByScope.get(scope)?.has(key) ?? false
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
