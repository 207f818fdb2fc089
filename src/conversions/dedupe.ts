/**
 * What makes two items of a batch the same conversion. `kind` says what sort of record, `id` is the strong part
 * (a click id or hash, a transaction id, an eventId), `scope` what it is about (the goal, the adjustment), and
 * `minute` the conversion minute where time matters. Kept in parts rather than joined into one string: building and
 * hashing a joined string for every event cost a tenth of the core's time.
 */
export interface DedupeKey {
  readonly kind: 'offline' | 'offline-transaction' | 'adjustment' | 'online-adjustment' | 'capi'
  readonly id: string
  readonly scope: string
  readonly minute: number
}

interface Entry<T> {
  key: DedupeKey
  owner: T
}

/** First wins: remembers who brought each key, over a batch or over the jobs of a RudderStack router call. */
export class DedupeIndex<T> {
  private readonly byId = new Map<string, Entry<T>[]>()

  /** The owner of the first of these keys seen before, if any. */
  firstOwner(keys: readonly DedupeKey[]): T | undefined {
    for (const key of keys) {
      const entries = this.byId.get(key.id)
      if (entries === undefined) continue
      for (const entry of entries) {
        if (entry.key.minute === key.minute && entry.key.kind === key.kind && entry.key.scope === key.scope) return entry.owner
      }
    }
    return undefined
  }

  add(keys: readonly DedupeKey[], owner: T): void {
    for (const key of keys) {
      const entries = this.byId.get(key.id)
      if (entries === undefined) this.byId.set(key.id, [{ key, owner }])
      else entries.push({ key, owner })
    }
  }
}

/** One key as text, for logs and for hosts that want a plain map key. */
export function dedupeKeyText(key: DedupeKey): string {
  return `${key.kind}|${key.scope}|${key.id}|${key.minute}`
}
