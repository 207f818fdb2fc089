import { MICROSOFT_CODES, MICROSOFT_NAMED_ERRORS, type MicrosoftNamedError } from '../../src/microsoft/error-codes'
import { AADSTS_ERRORS } from '../../src/microsoft/oauth/identity-errors'
import { UNATTRIBUTED_REASON_INFO } from '../../src/microsoft/unattributed-reasons'
import { CAPI_ERROR_CODES, OWN_REASONS } from '../../src/reasons'
import { markdownTable } from './generated-blocks'

const OUTCOME_LABEL: Record<string, string> = {
  delivered: 'delivered',
  skipped: 'skipped (not an error)',
  rejected: 'rejected (permanent)',
  retry: 'retried',
  auth: 'auth (credentials)'
}

/**
 * Microsoft's codes as the core classifies them: read from the same table the code uses. Errors Microsoft documents
 * by name only (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary) follow, with "by name" for the code.
 */
export function microsoftCodesTable(): string {
  const entries: Array<MicrosoftNamedError & { code?: number }> = [
    ...MICROSOFT_CODES.values(),
    ...MICROSOFT_NAMED_ERRORS.values()
  ]
  const rows = entries.map((entry) => [
    entry.code === undefined ? 'by name' : String(entry.code),
    `\`${entry.errorCode}\``,
    entry.authAction
      ? `${OUTCOME_LABEL[entry.outcome]}, ${entry.authAction === 'refresh' ? 'token refreshed' : 'admin must act'}`
      : OUTCOME_LABEL[entry.outcome],
    entry.field ? `\`${entry.field}\`` : '',
    entry.message,
    entry.action
  ])
  return markdownTable(['Code', 'ErrorCode', 'Outcome', 'Field', 'What Microsoft says', 'What to do'], rows)
}

export function ownReasonsTable(): string {
  return markdownTable(
    ['Reason', 'Outcome', 'Meaning', 'What to do'],
    OWN_REASONS.map((entry) => [`\`${entry.reason}\``, OUTCOME_LABEL[entry.outcome], entry.meaning, entry.action])
  )
}

export function capiCodesTable(): string {
  return markdownTable(
    ['errorCode', 'Outcome', 'Meaning', 'What to do'],
    CAPI_ERROR_CODES.map((entry) => [`\`${entry.reason}\``, OUTCOME_LABEL[entry.outcome], entry.meaning, entry.action])
  )
}

export function identityErrorsTable(): string {
  return markdownTable(
    ['AADSTS code', 'What it means', 'What to do'],
    Object.entries(AADSTS_ERRORS).map(([code, entry]) => [`AADSTS${code}`, entry.summary, entry.remedy])
  )
}

/** Microsoft's reasons for not attributing an accepted offline conversion, with what to do. */
export function unattributedReasonsTable(): string {
  return markdownTable(
    ['Reason', 'What Microsoft says', 'What to do'],
    UNATTRIBUTED_REASON_INFO.map((entry) => [`\`${entry.reason}\``, entry.meaning, entry.action])
  )
}
