import type { RecordGroup } from 'msads-conversions'
import { capiCredentials } from './request-builder'
import type { RequestCredentials } from './request-builder'
import type { Metadata } from './contracts/rudder-types'
import type { DestinationSettings } from './destination-config'
import type { JobPlan } from './job-plan'
import { campaignCredentials } from './secrets'

/** The credentials a job's requests need, and only those: a CAPI-only job needs no OAuth secret. */
export function credentialsFor(
  plan: JobPlan,
  settings: DestinationSettings,
  metadata: Pick<Metadata, 'secret'>
): RequestCredentials {
  const groups = new Set(plan.prepared.map((p) => p.group))
  const credentials: RequestCredentials = {}
  if (groups.has('capi')) credentials.capi = capiCredentials(settings)
  if ([...groups].some((group) => group !== 'capi')) credentials.campaign = campaignCredentials(settings, metadata)
  return credentials
}

/** A job's records by request, in part order. */
export function recordsByGroup(plan: JobPlan): Map<RecordGroup, unknown[]> {
  const groups = new Map<RecordGroup, unknown[]>()
  for (const { group, record } of plan.prepared) groups.set(group, [...(groups.get(group) ?? []), record])
  return groups
}
