/** Microsoft Advertising's delegated permission: production, sandbox and legacy resource URIs all end with it. */
const ADS_SCOPE = /(^|\/)msads\.manage$/
const OIDC_SCOPES = new Set(['offline_access', 'openid', 'profile', 'email'])

export function scopeGrantsAds(scope: string): boolean {
  return scope.split(/\s+/).some((part) => ADS_SCOPE.test(part))
}

/** The scopes a token is issued for, as the identity platform echoes them: resource scopes only. */
export function grantedScope(scope: string): string {
  return scope
    .split(/\s+/)
    .filter((part) => part !== '' && !OIDC_SCOPES.has(part))
    .join(' ')
}
