import type { AdjustmentInput, CapiEventInput, CoreOptions, OfflineConversionInput } from '../../conversions/inputs'
import type { CapiRequestOptions } from '../../microsoft/capi-request'
import type { Outcome } from '../../outcome'

/** What the core prepares: an offline conversion, an adjustment, or a UET Conversions API event. */
export type ConversionKind = 'offline' | 'adjustment' | 'capi'

export type NeutralInput = OfflineConversionInput | AdjustmentInput | CapiEventInput

/** One neutral input on its way to a sink, with the input line it came from (a Bulk row's Client Id names it). */
export interface Conversion {
  line: number
  input: NeutralInput
  /** A CAPI event's request options (events that differ go in separate requests). */
  capi?: CapiRequestOptions
  /** A CAPI event's tag and token when its source names them (RudderStack's Destination.Config), else the settings'. */
  capiTag?: CapiTag
  /**
   * The Microsoft item the core built of the input, set by a sink that prepared it (the forward log describes the
   * event from it instead of preparing the input a second time).
   */
  item?: object
}

export interface CapiTag {
  tagId: string
  token?: string
}

/** What a source's translator makes of one payload: a neutral input, or the outcome that ends it there. */
export type Translated = { input: NeutralInput; capi?: CapiRequestOptions } | { outcome: Outcome }

/** Where conversions end: Apply and CAPI calls, a Bulk upload, or a Bulk file. One outcome per conversion, in order. */
export interface Sink {
  /** How the rejects file and the forward log name where events went, when the sink says it (else the lane's). */
  readonly target?: string
  /** The outcome of a kind this sink cannot carry (a CAPI event has no Bulk record), given before it is translated. */
  refusal?(kind: ConversionKind): Outcome | undefined
  deliver(kind: ConversionKind, conversions: readonly Conversion[], options: CoreOptions): Promise<Outcome[]>
}
