import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { toAdjustmentInput } from '../../../destinations/segment/adjustConversion/to-input'
import type { Payload as AdjustPayload } from '../../../destinations/segment/adjustConversion/generated-types'
import type { Settings } from '../../../destinations/segment/generated-types'
import { toOfflineConversionInput } from '../../../destinations/segment/trackConversion/to-input'
import type { Payload as TrackPayload } from '../../../destinations/segment/trackConversion/generated-types'
import {
  campaignCredentials,
  coreOptions,
  eventSettingsOutcome,
  type PlatformAuth
} from '../../../destinations/segment/translate/settings'
import { capiCredentials, capiRequestOptions } from '../../../destinations/segment/uetCapiEvent'
import type { Payload as CapiPayload } from '../../../destinations/segment/uetCapiEvent/generated-types'
import { CAPI_FIELD_NAMES, toCapiEventInput } from '../../../destinations/segment/uetCapiEvent/to-input'
import type { CoreOptions } from '../../conversions/inputs'
import type { Outcome } from '../../outcome'
import type { SegmentActionName } from '../host/segment-host'
import type { ConversionKind, Translated } from './conversion'
import { SegmentPayloads } from './segment-payloads'

const KIND: Record<SegmentActionName, ConversionKind> = {
  trackConversion: 'offline',
  adjustConversion: 'adjustment',
  uetCapiEvent: 'capi'
}

/** The Segment action's own payload → neutral input translator. */
function toInput(action: SegmentActionName, payload: Record<string, unknown>): Translated {
  if (action === 'trackConversion') return { input: toOfflineConversionInput(payload as unknown as TrackPayload) }
  if (action === 'adjustConversion') return { input: toAdjustmentInput(payload as unknown as AdjustPayload) }
  const capi = payload as unknown as CapiPayload
  return { input: toCapiEventInput(capi), capi: capiRequestOptions(capi) }
}

/**
 * What a Segment subscription's events become, by the destination's own rules: the mapping resolved as
 * actions-core resolves it, the action's translator, its settings check (every event refused alike when the settings
 * are unusable) and its core options. `auth` is what the command line holds in the platform's place; `credentials` says whether the sink calls Microsoft.
 */
export class SegmentTranslator {
  readonly kind: ConversionKind
  readonly options: CoreOptions
  private readonly payloads: SegmentPayloads
  private readonly settingsProblem?: Outcome

  constructor(
    readonly action: SegmentActionName,
    mapping: JSONObject,
    settings: Settings,
    auth: PlatformAuth | undefined,
    options: { now?: () => number; credentials: boolean }
  ) {
    this.kind = KIND[action]
    this.payloads = new SegmentPayloads(action, mapping)
    // A Bulk file is written without calling Microsoft: only the settings that change the records are checked then.
    const required = !options.credentials
      ? []
      : action === 'uetCapiEvent'
        ? capiCredentials(settings, auth)
        : campaignCredentials(auth)
    const { now } = options
    this.settingsProblem = eventSettingsOutcome(settings, required, auth)
    this.options = {
      ...coreOptions(settings, action === 'uetCapiEvent' ? CAPI_FIELD_NAMES : undefined),
      ...(now ? { now } : {})
    }
  }

  translate(event: SegmentEvent): Translated {
    if (this.settingsProblem) return { outcome: this.settingsProblem }
    const resolved = this.payloads.resolve(event)
    return 'outcome' in resolved ? resolved : toInput(this.action, resolved.payload)
  }
}
