import type { CoreOptions } from '../../conversions/inputs'
import type { CapiRequestOptions } from '../../microsoft/capi-request'
import type { ConversionKind } from './conversion'

/**
 * Conversions that go to a sink together: one kind, one set of core options (and, for CAPI, one set of request
 * options). `target` names it in the rejects file and the forward log; `action` labels its metrics.
 */
export interface ConversionLane {
  key: string
  kind: ConversionKind
  options: CoreOptions
  target: string
  action: string
}

/** The lane for a CAPI event's request options: events that map them differently go in separate requests. */
export function capiLaneKey(base: string, capi: CapiRequestOptions | undefined): string {
  if (!capi) return base
  return `${base}\u0000${capi.continueOnValidationError ?? ''}\u0000${capi.dataProvider ?? ''}`
}

/** Lanes made once and kept by key. */
export class LaneCatalog {
  private readonly lanes = new Map<string, ConversionLane>()

  get(key: string, make: () => Omit<ConversionLane, 'key'>): ConversionLane {
    let lane = this.lanes.get(key)
    if (!lane) {
      lane = { key, ...make() }
      this.lanes.set(key, lane)
    }
    return lane
  }
}
