/**
 * What makes two items of a batch the same conversion, as Microsoft decides it: an offline conversion is the same
 * when Microsoft's DuplicateConversionKey agrees (click id, goal name, ConversionTime in whole seconds, hashed email
 * and hashed phone; https://learn.microsoft.com/advertising/campaign-management-service/offlineconversionunattributedreason), and nothing else: an order id never merges two. An
 * adjustment is the same adjustment of the same conversion at the same time; a CAPI event the same eventId.
 * `kind` says what sort of record, `id` is the strong part (click id and hashes, a transaction id, an eventId),
 * `scope` what it is about (the goal, the adjustment), `time` the epoch milliseconds (whole seconds) where time
 * matters (0 where it does not). Kept in parts rather than joined into one string: building and hashing a joined
 * string for every event cost a tenth of the core's time.
 */
export interface DedupeKey {
  readonly kind: DedupeKind
  readonly id: string
  /**
   * A part of `id` that is already a string of its own (a click id, a hash), to index by instead of `id`: an id joined
   * for every event costs a copy and a hash of its whole length on each lookup, a third of the dedupe's time.
   */
  readonly index?: string
  readonly scope: string
  readonly time: number
}

export type DedupeKind = 'offline' | 'adjustment' | 'online-adjustment' | 'capi'

interface Entry<T> {
  key: DedupeKey
  owner: T
}

export function sameConversion(a: DedupeKey, b: DedupeKey): boolean {
  return a.time === b.time && a.kind === b.kind && a.scope === b.scope && a.id === b.id
}

function sameConversionIn<T>(found: Entry<T> | Entry<T>[], key: DedupeKey): Entry<T> | undefined {
  if (!Array.isArray(found)) return sameConversion(found.key, key) ? found : undefined
  return found.find((entry) => sameConversion(entry.key, key))
}

/** First wins: remembers who brought each key, over a batch or over the jobs of a RudderStack router call. */
export class DedupeIndex<T> {
  // One entry per id nearly always; a list only when ids repeat, so that an event costs no array.
  private readonly byIndex = new Map<string, Entry<T> | Entry<T>[]>()

  /** The first earlier owner of one of these keys, with the key it matched on. */
  firstMatch(keys: readonly DedupeKey[]): { owner: T; key: DedupeKey } | undefined {
    for (const key of keys) {
      const found = this.byIndex.get(key.index ?? key.id)
      const entry = found === undefined ? undefined : sameConversionIn(found, key)
      if (entry !== undefined) return { owner: entry.owner, key }
    }
    return undefined
  }

  /** The owner of the first of these keys seen before, if any. */
  firstOwner(keys: readonly DedupeKey[]): T | undefined {
    return this.firstMatch(keys)?.owner
  }

  add(keys: readonly DedupeKey[], owner: T): void {
    for (const key of keys) {
      const indexed = key.index ?? key.id
      const found = this.byIndex.get(indexed)
      if (found === undefined) this.byIndex.set(indexed, { key, owner })
      else if (Array.isArray(found)) found.push({ key, owner })
      else this.byIndex.set(indexed, [found, { key, owner }])
    }
  }
}

const SAME: Record<DedupeKind, string> = {
  offline:
    "Microsoft's duplicate key: same click id, goal, conversion time to the second, hashed email and hashed phone",
  adjustment: 'same adjustment of the same conversion, at the same adjustment time',
  'online-adjustment': 'same adjustment of the same transaction, at the same adjustment time',
  capi: 'same eventId'
}

/** Why a key matched, for the duplicate's message. */
export function sameness(key: DedupeKey): string {
  return SAME[key.kind]
}

/** One key as text, for logs and for hosts that want a plain map key. */
export function dedupeKeyText(key: DedupeKey): string {
  return `${key.kind}|${key.scope}|${key.id}|${key.time}`
}
