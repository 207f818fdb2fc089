import { deliverAdjustments, deliverOfflineConversions } from '../../conversions/deliver'
import type { AdjustmentInput, CoreOptions, OfflineConversionInput } from '../../conversions/inputs'
import { parseConsentDefault } from '../../conversions/consent-default'
import { parsePhoneCountry } from '../../conversions/phone'
import type { CliSettings } from '../config/settings'
import { CampaignSession } from '../host/campaign-session'
import { fromCoreOutcome, type EventOutcome } from '../host/event-outcome'
import type { HostTokens } from '../host/host-tokens'
import type { CliMetrics } from '../metrics/cli-metrics'
import { CSV_FIELD_NAMES } from './csv-conversions'

/**
 * CSV rows go straight to the core (the same rules as both destinations): offline conversions through
 * ApplyOfflineConversions, restatements and retractions through the adjustment operations. The settings are
 * checked when it is created, before anything is read.
 */
export class CsvSender {
  private readonly session: CampaignSession
  private readonly options: CoreOptions

  constructor(
    settings: CliSettings,
    tokens: HostTokens,
    private readonly metrics?: CliMetrics
  ) {
    this.session = new CampaignSession(settings, tokens)
    const { country } = parsePhoneCountry(settings.default_phone_country)
    this.options = {
      consentDefault: parseConsentDefault(settings.consent_default).consentDefault,
      fieldNames: CSV_FIELD_NAMES,
      ...(country ? { defaultPhoneCountry: country } : {})
    }
  }

  async offline(inputs: OfflineConversionInput[]): Promise<EventOutcome[]> {
    return this.counted('csv:offline', await deliverOfflineConversions(inputs, this.session.client, this.options))
  }

  async adjustments(inputs: AdjustmentInput[]): Promise<EventOutcome[]> {
    return this.counted('csv:adjustment', await deliverAdjustments(inputs, this.session.client, this.options))
  }

  private counted(action: string, outcomes: Parameters<typeof fromCoreOutcome>[0][]): EventOutcome[] {
    return outcomes.map((outcome) => {
      this.metrics?.recordOutcome(action, outcome.outcome, outcome.reason, 1, undefined, outcome.warnings)
      return fromCoreOutcome(outcome)
    })
  }
}
