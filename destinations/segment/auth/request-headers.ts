import type { ExecuteInput, RequestExtension } from '@segment/actions-core'
import { campaignHeaders, isHeaderSafe } from 'msads-conversions'
import type { Settings } from '../generated-types'
import { campaignIdentity } from '../translate/settings'

/** The names of the headers extendRequest adds, so requests to other Microsoft hosts can drop them. */
export const EXTENDED_HEADER_NAMES: readonly string[] = Object.keys(
  campaignHeaders({ accessToken: '', developerToken: '', customerId: '', accountId: '' })
)

/** The Campaign Management headers (the core's list): bearer token, developer token, customer and account ids. */
export function microsoftHeaders({
  settings,
  auth
}: Pick<ExecuteInput<Settings, unknown>, 'settings' | 'auth'>): Record<string, string> {
  const headers = campaignHeaders({
    accessToken: auth?.accessToken ?? '',
    ...campaignIdentity(settings ?? ({} as Settings))
  })
  // A header without a value (no token yet, a setting left empty) is left out rather than sent empty. One that no
  // header may carry (a line break pasted into a setting) is left out too: actions-core builds the headers before
  // the action runs, and the action's settings check then refuses that setting by name (invalid_settings).
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name, value]) => value && isHeaderSafe(value) && !(name === 'Authorization' && !auth?.accessToken)
    )
  )
}

export const extendRequest: RequestExtension<Settings> = (data) => ({ headers: microsoftHeaders(data) })
