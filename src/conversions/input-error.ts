/**
 * A rule an input value broke. The core never throws these out of its public functions: each becomes a
 * `rejected` outcome that names the field and the rule.
 */
export type NeutralField =
  | 'conversion_name'
  | 'conversion_time'
  | 'microsoft_click_id'
  | 'email'
  | 'phone'
  | 'conversion_value'
  | 'currency'
  | 'external_attribution_model'
  | 'external_attribution_credit'
  | 'transaction_id'
  | 'adjustment_type'
  | 'adjustment_time'
  | 'adjustment_value'
  | 'event_type'
  | 'event_id'
  | 'event_name'
  | 'event_time'
  | 'event_source_url'
  | 'page_load_id'
  | 'referrer_url'
  | 'page_title'
  | 'keywords'
  | 'user_data'
  | 'custom_data'
  | 'items'
  | 'hotel_data'
  | 'page_type'
  | 'client_ip_address'
  | 'client_user_agent'
  | 'uet_tag_id'

/** Lets a host name fields in its own vocabulary (`conversionTime` in RudderStack). */
export type FieldNames = Partial<Record<NeutralField, string>>

export class InputError extends Error {
  constructor(
    readonly field: NeutralField,
    readonly rule: string,
    readonly detail: string
  ) {
    super(`${field}: ${detail}`)
    this.name = 'InputError'
  }
}

/** What a value of the wrong type is, for messages: `must be a number, not a list`. Never the value itself. */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'boolean') return 'true or false'
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a number out of range'
  if (typeof value === 'string') return 'text'
  return `a ${typeof value}`
}

export function fieldLabel(field: NeutralField, names?: FieldNames): string {
  return names?.[field] ?? field
}

/** A detail may name another field as `{conversion_time}`: it is written in the host's vocabulary too. */
export function detailText(detail: string, names?: FieldNames): string {
  return detail.replace(/{([_a-z]+)}/g, (_token, field: string) => fieldLabel(field as NeutralField, names))
}
