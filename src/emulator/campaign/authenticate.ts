import type { CampaignOperation } from '../../microsoft/campaign-operations'
import { isLongId } from '../support/formats'
import { header, type EmulatorRequest } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'

export interface Caller {
  accessToken: string
  customerId: string
  /** Absent only on the tag operations, which are customer-level. */
  accountId?: string
}

export type AuthResult = { ok: true; caller: Caller } | { ok: false; code: number }

/** UET tags belong to the customer: those calls may leave CustomerAccountId out. */
const CUSTOMER_LEVEL: ReadonlySet<CampaignOperation> = new Set(['addUetTags', 'getUetTagsByIds', 'getUetTagAuthKey'])

const BEARER = /^Bearer (\S+)$/

/**
 * The header checks, in the order Microsoft's codes suggest: who you are (105, 109), then which customer and
 * account (1029, 1030, 4410), then whether you may use them (106).
 */
export function authenticate(request: EmulatorRequest, operation: CampaignOperation, state: EmulatorState): AuthResult {
  const bearer = BEARER.exec(header(request, 'Authorization')?.trim() ?? '')
  if (!bearer) return { ok: false, code: 105 }
  const access = state.tokens.checkAccess(bearer[1], state.now())
  if (access === 'unknown') return { ok: false, code: 105 }
  if (access === 'expired') return { ok: false, code: 109 }
  if (header(request, 'DeveloperToken') !== state.seed.credentials.developerToken) return { ok: false, code: 105 }

  const customerId = header(request, 'CustomerId')?.trim()
  const accountId = header(request, 'CustomerAccountId')?.trim()
  if (!customerId) return { ok: false, code: 1029 }
  if (!accountId && !CUSTOMER_LEVEL.has(operation)) return { ok: false, code: 1030 }
  if (!isLongId(customerId) || (accountId !== undefined && accountId !== '' && !isLongId(accountId)))
    return { ok: false, code: 4410 }
  const account = accountId || undefined
  if (!state.directory.canAccess(customerId, account)) return { ok: false, code: 106 }
  return { ok: true, caller: { accessToken: bearer[1], customerId, accountId: account } }
}
