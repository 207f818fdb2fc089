/** The destination's name, which is also its key in an event's integrations object. */
export const DESTINATION_NAME = 'Microsoft Advertising Conversions (Actions)'
export const DESTINATION_SLUG = 'actions-microsoft-advertising-conversions'

/** Integrations keys a browser plugin may fill with the msclkid: ours, then Segment's Bing CAPI plugin. */
export const CLICK_ID_INTEGRATION_NAMES = [DESTINATION_NAME, 'Microsoft Bing CAPI (Actions)'] as const
