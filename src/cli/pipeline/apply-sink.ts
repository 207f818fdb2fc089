import {
  deliverAdjustmentItems,
  deliverCapiEventItems,
  deliverOfflineConversionItems,
  type DeliveredItems
} from '../../conversions/deliver'
import type { CoreOptions } from '../../conversions/inputs'
import { CapiClient, type CapiRequestOptions } from '../../microsoft/capi-client'
import type { Outcome } from '../../outcome'
import { registerSecret } from '../../support/redact'
import type { CliSettings } from '../config/settings'
import { CampaignSession } from '../host/campaign-session'
import type { HostTokens } from '../host/host-tokens'
import type { CapiTag, Conversion, ConversionKind, Sink } from './conversion'

/**
 * Conversions and adjustments through the Apply operations (one Campaign Management client whose refused token is
 * refreshed once), CAPI events through the tag's Conversions API (the configured token, else the tag's key fetched
 * once and fetched again after a refusal). The Campaign session is checked when it is first needed.
 */
export class ApplySink implements Sink {
  private session?: CampaignSession
  private tagKey?: Promise<string>

  constructor(
    private readonly settings: CliSettings,
    private readonly tokens: HostTokens
  ) {}

  /** The Campaign Management session, checked now (a CSV run with unusable settings stops before reading). */
  campaign(): CampaignSession {
    this.session ??= new CampaignSession(this.settings, this.tokens)
    return this.session
  }

  async deliver(kind: ConversionKind, conversions: readonly Conversion[], options: CoreOptions): Promise<Outcome[]> {
    const { outcomes, items } = await this.deliverItems(kind, conversions, options)
    conversions.forEach((conversion, index) => (conversion.item = items[index]))
    return outcomes
  }

  private async deliverItems(
    kind: ConversionKind,
    conversions: readonly Conversion[],
    options: CoreOptions
  ): Promise<DeliveredItems> {
    const inputs = conversions.map((conversion) => conversion.input)
    if (kind === 'offline') return deliverOfflineConversionItems(inputs, this.campaign().client, options)
    if (kind === 'adjustment') return deliverAdjustmentItems(inputs, this.campaign().client, options)
    const first = conversions[0]
    const delivered = await deliverCapiEventItems(inputs, this.capiClient(first?.capi ?? {}, first?.capiTag), options)
    if (delivered.outcomes.some((outcome) => outcome.outcome === 'auth')) this.tagKey = undefined
    return delivered
  }

  private capiClient(request: CapiRequestOptions, tag?: CapiTag): CapiClient {
    const tagId = tag?.tagId ?? String(this.settings.uet_tag_id ?? '').trim()
    const pasted = tag ? (tag.token ?? '') : String(this.settings.uet_capi_token ?? '').trim()
    const token = pasted
      ? pasted
      : () => {
          this.tagKey ??= this.campaign()
            .call((client) => client.getUetTagAuthKey(tagId))
            .then((key) => {
              registerSecret(key)
              return key
            })
          this.tagKey.catch(() => (this.tagKey = undefined))
          return this.tagKey
        }
    return new CapiClient({ tagId, token, ...request })
  }
}
