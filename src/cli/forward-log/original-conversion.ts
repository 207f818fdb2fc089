/**
 * The seam between the forward log (which remembers what reached Microsoft) and the refund presets (which must name
 * the original conversion): an offline adjustment needs the original's goal, time and click id or hashes, which a
 * refund event alone does not carry. The forward log implements the lookup; serve and send consult it.
 */
export interface OriginalConversion {
  /** The serve account or send configuration it went through; undefined for the default account. */
  account?: string
  conversionName: string
  /** As sent to Microsoft: UTC ISO-8601, whole seconds. */
  conversionTime: string
  clickId?: string
  hashedEmail?: string
  hashedPhone?: string
}

export interface OriginalConversionLookup {
  /** Every conversion Microsoft accepted for that order id (a sale split across click ids has several). */
  findByOrderId(orderId: string, account?: string): OriginalConversion[]
}
