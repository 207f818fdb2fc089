/**
 * The setting names Segment's `./bin/run generate:types` refuses, compared case-insensitively, in a destination
 * whose authentication scheme is oauth2 (RESERVED_FIELD_NAMES in segmentio/action-destinations,
 * packages/cli/src/constants.ts). The platform holds those values itself.
 */
export const RESERVED_FIELD_NAMES: readonly string[] = [
  'oauth',
  'oauth2',
  'accesstoken',
  'access-token',
  'acccess_token',
  'refresh-token',
  'refresh_token',
  'token_type',
  'apikey',
  'apisecret',
  'clientsecret',
  'password',
  'secretkey',
  'secret',
  'securitytoken'
]

/** The setting keys of an oauth2 destination that Segment's CLI would refuse. */
export function reservedSettingKeys(destination: { authentication?: { scheme?: string; fields?: object } }): string[] {
  if (destination.authentication?.scheme !== 'oauth2') return []
  return Object.keys(destination.authentication.fields ?? {}).filter((key) =>
    RESERVED_FIELD_NAMES.includes(key.toLowerCase())
  )
}
