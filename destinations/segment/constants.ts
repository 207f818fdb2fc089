/** The destination's name, which is also its key in an event's integrations object. */
export const DESTINATION_NAME = 'Microsoft Advertising Conversions (Actions)'
export const DESTINATION_SLUG = 'actions-microsoft-advertising-conversions'

/**
 * Where the destination finds Segment's own Microsoft Advertising developer token, as ms-bing-ads-audiences reads
 * ACTIONS_MS_BING_ADS_AUDIENCES_DEVELOPER_TOKEN: on Segment the token is the platform's, not a customer setting.
 */
export const DEVELOPER_TOKEN_ENV = 'ACTIONS_MICROSOFT_ADVERTISING_CONVERSIONS_DEVELOPER_TOKEN'

/** Integrations keys a browser plugin may fill with the msclkid: ours, then Segment's Bing CAPI plugin. */
export const CLICK_ID_INTEGRATION_NAMES = [DESTINATION_NAME, 'Microsoft Bing CAPI (Actions)'] as const
