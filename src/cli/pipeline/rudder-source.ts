import { outcomeOfJobError } from '../../../destinations/rudderstack/job-errors'
import { coreOptions, planJob } from '../../../destinations/rudderstack/job-plan'
import { settingsOf, type DestinationSettings } from '../../../destinations/rudderstack/destination-config'
import type { RudderMessage } from '../../../destinations/rudderstack/contracts/rudder-types'
import { translateMessage } from '../../../destinations/rudderstack/translate'
import type { Outcome } from '../../outcome'
import type { CliSettings } from '../config/settings'
import { cliDestination, destinationConfig } from '../rudderstack/cli-destination'
import { CAPI_DATA_PROVIDER } from '../../../destinations/rudderstack/constants'
import { capiCredentials } from '../../../destinations/rudderstack/request-builder'
import type { CapiRequestOptions } from '../../microsoft/capi-request'
import type { CapiTag, ConversionKind, NeutralInput } from './conversion'
import type { FieldNames } from '../../conversions/input-error'

export interface RudderConversion {
  kind: ConversionKind
  input: NeutralInput
  fieldNames: FieldNames
}

/**
 * RudderStack messages and records by the RudderStack destination's own rules: its settings (Destination.Config from
 * the command line's settings and `--destination-config`), its translator (consent, identity, goals) and its job
 * plan (a part with bad input refuses the whole job; a job whose parts are all skipped is filtered).
 */
export class RudderSource {
  private readonly settings?: DestinationSettings
  private readonly settingsProblem?: Outcome

  constructor(
    cliSettings: CliSettings,
    override: Record<string, unknown> | undefined,
    private readonly now?: () => number
  ) {
    try {
      this.settings = settingsOf(cliDestination(destinationConfig(cliSettings, override)))
    } catch (error) {
      this.settingsProblem = outcomeOfJobError(error)
    }
  }

  conversions(message: Record<string, unknown>): RudderConversion[] | Outcome {
    if (!this.settings) return this.settingsProblem as Outcome
    try {
      const plan = planJob(translateMessage(message as RudderMessage, this.settings), this.settings, this.nowMs())
      return plan.prepared.map(({ part }) => ({ kind: part.kind, input: part.input, fieldNames: part.fieldNames }))
    } catch (error) {
      return outcomeOfJobError(error)
    }
  }

  /** The tag and token of the destination's Conversions API settings, and the request options its requests carry. */
  capi(): { capiTag: CapiTag; capi: CapiRequestOptions } | { outcome: Outcome } {
    try {
      const { tagId, token } = capiCredentials(this.settings as DestinationSettings)
      return { capiTag: { tagId, token }, capi: { dataProvider: CAPI_DATA_PROVIDER } }
    } catch (error) {
      return { outcome: outcomeOfJobError(error) }
    }
  }

  coreOptions(fieldNames: FieldNames) {
    const { now: _fixed, ...options } = coreOptions(this.settings as DestinationSettings, 0, fieldNames)
    return this.now ? { ...options, now: this.now } : options
  }

  private nowMs(): number {
    return (this.now ?? Date.now)()
  }
}
