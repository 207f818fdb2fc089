import type { Outcome } from '../outcome'
import type { CredentialField } from './credential-formats'

/**
 * Which pasted credential a failed check points at, so a connection test can say "client_secret is wrong"
 * rather than "authentication failed". The stage matters: a 105 right after a successful token refresh can only
 * be the developer token (or the environment), since the access token is known to be fresh.
 */
export type CredentialCheckStage = 'token' | 'account' | 'uet_tag'

const IDENTITY_CODES: Record<string, CredentialField[]> = {
  '700016': ['client_id'],
  '650052': ['client_id'],
  '7000215': ['client_secret'],
  '7000222': ['client_secret'],
  '70002': ['client_secret'],
  '700025': ['client_secret'],
  '70008': ['refresh_token'],
  '700082': ['refresh_token'],
  '50173': ['refresh_token'],
  '65001': ['refresh_token'],
  '70000': ['refresh_token'],
  '50076': ['refresh_token'],
  '50079': ['refresh_token'],
  '9002313': ['refresh_token', 'client_id'],
  invalid_grant: ['refresh_token'],
  invalid_client: ['client_id', 'client_secret'],
  unauthorized_client: ['client_id'],
  invalid_scope: ['refresh_token'],
  invalid_request: ['client_id', 'client_secret', 'refresh_token']
}

const ACCOUNT_CODES: Record<string, CredentialField[]> = {
  '105': ['developer_token', 'environment'],
  '106': ['customer_id', 'account_id'],
  '108': ['refresh_token'],
  '116': ['developer_token', 'customer_id', 'account_id'],
  '120': ['refresh_token'],
  '208': ['account_id'],
  '1008': ['account_id'],
  '1102': ['account_id'],
  '1029': ['customer_id'],
  '1030': ['account_id'],
  '4410': ['customer_id', 'account_id'],
  http_401: ['developer_token', 'environment'],
  http_403: ['customer_id', 'account_id']
}

const UET_TAG_CODES: Record<string, CredentialField[]> = {
  '5300': ['uet_tag_id'],
  no_tag_auth_key: ['uet_tag_id'],
  capi_token_rejected: ['uet_capi_token', 'uet_tag_id'],
  Unauthorized: ['uet_capi_token', 'uet_tag_id']
}

const TABLES: Record<CredentialCheckStage, Record<string, CredentialField[]>> = {
  token: IDENTITY_CODES,
  account: { ...ACCOUNT_CODES, ...UET_TAG_CODES },
  uet_tag: { ...ACCOUNT_CODES, ...UET_TAG_CODES }
}

/** The credentials to blame for a failed check, most likely first; empty when it is not a credential problem. */
export function credentialsAtFault(stage: CredentialCheckStage, outcome: Outcome): CredentialField[] {
  if (outcome.outcome === 'retry' || outcome.outcome === 'delivered' || outcome.outcome === 'skipped') return []
  const table = TABLES[stage]
  for (const key of [outcome.code, outcome.reason]) {
    if (key === undefined) continue
    const fields = table[String(key)]
    if (fields) return [...fields]
  }
  if (stage === 'token' && outcome.outcome === 'auth') return ['refresh_token']
  return []
}
