import { ForwardLog } from './forward-log'
import type { OriginalConversion, OriginalConversionLookup } from './original-conversion'

/**
 * The refunds lookup on a forward log written by another connection (`msads send`'s writer thread): the log is
 * opened on the first lookup, so a run that has no refund to look up holds no second connection and its page cache.
 */
export class LookupOnDemand implements OriginalConversionLookup {
  private log?: ForwardLog

  constructor(private readonly path: string) {}

  findByOrderId(orderId: string, account?: string): OriginalConversion[] {
    this.log ??= ForwardLog.open(this.path, { prune: false })
    return this.log.findByOrderId(orderId, account)
  }

  close(): void {
    this.log?.close()
  }
}
