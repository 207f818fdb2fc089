import type { AdjustmentInput, CapiEventInput, FieldNames, OfflineConversionInput } from 'msads-conversions'

/**
 * What one RudderStack job asks for, in the core's neutral vocabulary. A track event mapped to three goals is
 * three `offline` parts; with CAPI on it adds a `capi` part. `label` names the part in messages; `fieldNames`
 * names the host paths the values came from, so the core's messages speak RudderStack.
 */
export type Part = (
  | { kind: 'offline'; label: string; input: OfflineConversionInput; fieldNames: FieldNames }
  | { kind: 'adjustment'; label: string; input: AdjustmentInput; fieldNames: FieldNames }
  | { kind: 'capi'; label: string; input: CapiEventInput; fieldNames: FieldNames }
) & {
  /** What the adapter noticed about the input, reported with the job when the part is sent. */
  warnings?: string[]
}

export type PartKind = Part['kind']
