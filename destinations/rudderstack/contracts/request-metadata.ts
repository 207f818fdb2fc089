/**
 * rudder-transformer's request metadata, the second argument of `process` and `processRouterDest`: the features
 * the caller declared in `X-Feature-*` headers (rudder-server sends `X-Feature-Filter-Code: ?1`).
 */
export interface RequestMetadata {
  namespace?: string
  cluster?: string
  features?: Record<string, boolean | string>
}

/** The feature under which the caller understands status 298 (filtered). */
export const FEATURE_FILTER_CODE = 'filter-code'

/** rudder-transformer's `isNewStatusCodesAccepted`: true only when the request's features carry the filter code. */
export function isNewStatusCodesAccepted(reqMetadata: unknown): boolean {
  if (!reqMetadata || typeof reqMetadata !== 'object' || Array.isArray(reqMetadata)) return false
  const { features } = reqMetadata as RequestMetadata
  return Boolean(features?.[FEATURE_FILTER_CODE])
}
