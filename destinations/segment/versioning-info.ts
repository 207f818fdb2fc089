/** Microsoft Advertising Campaign Management API version (offline conversions, adjustments, goals, UET tags). */
export const MICROSOFT_ADVERTISING_API_VERSION = 'v13'

/** UET Conversions API version. */
export const UET_CONVERSIONS_API_VERSION = 'v1'
