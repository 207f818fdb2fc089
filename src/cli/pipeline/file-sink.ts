import { prepareAdjustments, prepareOfflineConversions } from '../../conversions/deliver'
import type { CoreOptions } from '../../conversions/inputs'
import type { PreparedBatch } from '../../conversions/prepare'
import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../../microsoft/models/offline-conversions'
import { delivered, skipped, type Outcome } from '../../outcome'
import { adjustmentRow, offlineConversionRow } from '../export/bulk-csv'
import type { Conversion, ConversionKind, Sink } from './conversion'

export const WRITTEN: Outcome = delivered({ reason: 'written', message: 'Written to the Bulk file.' })

export const NOT_EXPORTABLE: Outcome = skipped(
  'not_exportable',
  'UET Conversions API events cannot go into a Bulk offline conversion file.'
)

type BulkRecord = OfflineConversion | OfflineConversionAdjustment | OnlineConversionAdjustment

/**
 * Conversions and adjustments prepared by the core and written as rows of a Bulk file (Client Id `line-<n>`, so
 * Microsoft's results file points back at the input line); CAPI events are not exportable.
 */
export class FileSink implements Sink {
  /** Rows written. */
  records = 0

  constructor(private readonly write: (text: string) => Promise<void>) {}

  refusal(kind: ConversionKind): Outcome | undefined {
    return kind === 'capi' ? NOT_EXPORTABLE : undefined
  }

  async deliver(kind: ConversionKind, conversions: readonly Conversion[], options: CoreOptions): Promise<Outcome[]> {
    if (kind === 'capi') return conversions.map(() => NOT_EXPORTABLE)
    const inputs = conversions.map((conversion) => conversion.input)
    const prepared: PreparedBatch<BulkRecord> =
      kind === 'offline' ? prepareOfflineConversions(inputs, options) : prepareAdjustments(inputs, options)
    const outcomes: Outcome[] = []
    let text = ''
    prepared.slots.forEach((slot, index) => {
      if ('outcome' in slot) {
        outcomes.push(slot.outcome)
        return
      }
      const record = prepared.groups[slot.group]![slot.record]
      const clientId = `line-${conversions[index].line}`
      text +=
        slot.group === 'applyOfflineConversions'
          ? offlineConversionRow(record, clientId)
          : adjustmentRow(record, clientId)
      this.records += 1
      outcomes.push(slot.warnings ? { ...WRITTEN, warnings: slot.warnings } : WRITTEN)
    })
    if (text) await this.write(text)
    return outcomes
  }
}
