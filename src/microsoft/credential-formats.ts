import { rejected, type Outcome } from '../outcome'

/**
 * The credentials an admin pastes into a host (Segment settings, RudderStack config, the command line), under
 * the names every host uses for them. Checked for shape before anything is sent, so a typo is named at once
 * instead of surfacing later as an opaque Microsoft fault.
 */
export const CREDENTIAL_FIELDS = [
  'customer_id',
  'account_id',
  'developer_token',
  'client_id',
  'client_secret',
  'refresh_token',
  'uet_tag_id',
  'uet_capi_token',
  'environment'
] as const

export type CredentialField = (typeof CREDENTIAL_FIELDS)[number]

export type CredentialValues = Partial<Record<CredentialField, unknown>>

export interface CredentialProblem {
  field: CredentialField
  message: string
}

const DIGITS = /^\d{1,19}$/
const UUID = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i
const ALPHANUMERIC = /^[\dA-Za-z]+$/
const ENVIRONMENTS = new Set(['production', 'sandbox'])

type Check = (value: string) => string | undefined

/** What an HTTP header value may not hold (Node's own rule): line breaks and other control characters. */
const HEADER_UNSAFE = /[^\t\x20-\x7e\x80-\xff]/

/**
 * Whether a value can be sent as an HTTP header value. A credential that cannot is refused as a setting
 * (`checkCredentialFormats`); a host that builds its headers before that check leaves such a value out instead.
 */
export function isHeaderSafe(value: string): boolean {
  return !HEADER_UNSAFE.test(value)
}

const HEADER_UNSAFE_MESSAGE =
  'must not contain line breaks or other control characters (check what was pasted: a header cannot carry them)'

const CHECKS: Record<CredentialField, Check> = {
  customer_id: (v) =>
    DIGITS.test(v)
      ? undefined
      : 'must be the numeric Customer ID (digits only), as shown in the Microsoft Advertising URL as cid=…',
  account_id: (v) =>
    DIGITS.test(v)
      ? undefined
      : 'must be the numeric Account ID (digits only), as shown in the URL as aid=…; the Account number (such as F123ABCD) is a different value',
  developer_token: (v) =>
    ALPHANUMERIC.test(v)
      ? undefined
      : 'must be letters and digits only, as shown in the Microsoft Advertising Developer Portal',
  client_id: (v) =>
    UUID.test(v)
      ? undefined
      : 'must be the Application (client) ID of the app registration: a UUID such as 00000000-0000-0000-0000-000000000000',
  client_secret: (v) =>
    /\s/.test(v) ? "must not contain spaces; paste the secret's Value, not its description" : undefined,
  refresh_token: (v) => (/\s/.test(v) ? 'must not contain spaces or line breaks' : undefined),
  uet_tag_id: (v) =>
    DIGITS.test(v) ? undefined : 'must be the numeric UET tag ID (digits only), as listed under Tools > UET tag',
  uet_capi_token: (v) => (/\s/.test(v) ? 'must not contain spaces or line breaks' : undefined),
  environment: (v) => (ENVIRONMENTS.has(v) ? undefined : 'must be production or sandbox')
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/**
 * Every problem with the given credentials: the required ones that are missing and any value of the wrong
 * shape. Values are read trimmed (hosts pass them trimmed too). Messages never repeat a secret's value.
 */
export function checkCredentialFormats(
  values: CredentialValues,
  required: readonly CredentialField[] = []
): CredentialProblem[] {
  const problems: CredentialProblem[] = []
  for (const field of CREDENTIAL_FIELDS) {
    const value = values[field]
    if (isBlank(value)) {
      if (required.includes(field)) problems.push({ field, message: 'is required' })
    } else if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push({ field, message: 'must be text' })
    } else {
      const text = String(value).trim()
      const message = isHeaderSafe(text) ? CHECKS[field](text) : HEADER_UNSAFE_MESSAGE
      if (message) problems.push({ field, message })
    }
  }
  return problems
}

export const INVALID_SETTINGS_REASON = 'invalid_settings'

/** One sentence naming every problem, e.g. "account_id must be …; client_id is required." */
export function describeCredentialProblems(problems: readonly CredentialProblem[]): string {
  return `${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`
}

/** The outcome every event of a batch gets when the settings themselves are wrong: nothing is sent. */
export function invalidSettingsOutcome(problems: readonly CredentialProblem[]): Outcome {
  return rejected(INVALID_SETTINGS_REASON, `Check the destination settings: ${describeCredentialProblems(problems)}`, {
    field: problems[0]?.field,
    rule: problems[0]?.message === 'is required' ? 'required' : 'format'
  })
}
