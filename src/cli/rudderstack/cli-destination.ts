import { DESTINATION_TYPE } from '../../../destinations/rudderstack/constants'
import type { Destination } from '../../../destinations/rudderstack/contracts'
import type { CliSettings } from '../config/settings'

/**
 * The events the command line maps to goals when no destination config is given: the same events as the Segment
 * destination's presets, to the emulator's (and a typical account's) goal names.
 */
export const DEFAULT_EVENT_GOALS: ReadonlyArray<{ from: string; to: string }> = [
  { from: 'Order Completed', to: 'Purchase' },
  { from: 'Signed Up', to: 'Sign Up' },
  { from: 'Lead Generated', to: 'Lead' },
  { from: 'Form Submitted', to: 'Lead' },
  { from: 'Subscription Started', to: 'Subscribe' },
  { from: 'Product Added', to: 'Add to Cart' },
  { from: 'Order Refunded', to: 'Purchase' },
  { from: 'Order Updated', to: 'Purchase' }
]

export const DEFAULT_ADJUSTMENT_EVENTS: ReadonlyArray<{ from: string; to: string }> = [
  { from: 'Order Refunded', to: 'Retract' },
  { from: 'Order Updated', to: 'Restate' }
]

/**
 * `Destination.Config` from the command line's settings (ids, environment, consent and phone country defaults, UET tag
 * and token),
 * with a `--destination-config` file's keys over it. Tokens never go in here: they travel in `metadata.secret`.
 */
export function destinationConfig(settings: CliSettings, override: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    customerId: settings.customer_id,
    customerAccountId: settings.account_id,
    environment: settings.environment ?? 'production',
    consentDefault: settings.consent_default,
    defaultPhoneCountry: settings.default_phone_country,
    uetTagId: settings.uet_tag_id,
    capiToken: settings.uet_capi_token,
    eventsToConversionGoals: DEFAULT_EVENT_GOALS,
    adjustmentEvents: DEFAULT_ADJUSTMENT_EVENTS
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
    DestinationDefinition: { ID: 'msads-cli-definition', Name: DESTINATION_TYPE, DisplayName: 'Microsoft Ads Conversions', Config: {} },
    Config: config,
    Enabled: true,
    WorkspaceID: CLI_WORKSPACE_ID,
    Transformations: []
  }
}
