import { defaultAdjustmentRows, defaultEventGoalRows } from '../../conversions/default-goals'
import { DESTINATION_TYPE } from '../../../destinations/rudderstack/constants'
import type { Destination } from '../../../destinations/rudderstack/contracts/rudder-types'
import type { CliSettings } from '../config/settings'

/**
 * `Destination.Config` from the command line's settings (ids, environment, consent and phone country defaults, UET tag
 * and token),
 * with a `--destination-config` file's keys over it. Tokens never go in here: they travel in `metadata.secret`.
 */
export function destinationConfig(
  settings: CliSettings,
  override: Record<string, unknown> = {}
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    customerId: settings.customer_id,
    customerAccountId: settings.account_id,
    environment: settings.environment ?? 'production',
    consentDefault: settings.consent_default,
    defaultPhoneCountry: settings.default_phone_country,
    uetTagId: settings.uet_tag_id,
    capiToken: settings.uet_capi_token,
    // Without a --destination-config, the core's default goals and adjustments (src/conversions/default-goals.ts).
    eventsToConversionGoals: defaultEventGoalRows(),
    adjustmentEvents: defaultAdjustmentRows()
  }
  const config = { ...base, ...override }
  for (const [key, value] of Object.entries(config)) if (value === undefined) delete config[key]
  return config
}

export const CLI_DESTINATION_ID = 'msads-cli-destination'
export const CLI_WORKSPACE_ID = 'msads-cli'

export function cliDestination(config: Record<string, unknown>): Destination {
  return {
    ID: CLI_DESTINATION_ID,
    Name: 'Microsoft Ads Conversions (msads)',
    DestinationDefinition: {
      ID: 'msads-cli-definition',
      Name: DESTINATION_TYPE,
      DisplayName: 'Microsoft Ads Conversions',
      Config: {}
    },
    Config: config,
    Enabled: true,
    WorkspaceID: CLI_WORKSPACE_ID,
    Transformations: []
  }
}
