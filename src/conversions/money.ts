import { InputError, kindOf, type NeutralField } from './input-error'

const DECIMAL = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i
let currencyCodes: Set<string> | undefined

function isoCurrencies(): Set<string> {
  if (!currencyCodes) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] }
    currencyCodes = new Set(intl.supportedValuesOf ? intl.supportedValuesOf('currency') : [])
  }
  return currencyCodes
}

/** A finite, non-negative amount. Numeric strings are read; anything else is an error naming the field. */
export function parseAmount(value: unknown, field: NeutralField): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  let amount: number
  if (typeof value === 'number') amount = value
  else if (typeof value === 'string' && DECIMAL.test(value.trim())) amount = Number(value.trim())
  else
    throw new InputError(
      field,
      'type',
      `must be a number, not ${typeof value === 'string' ? 'text that is not a number' : kindOf(value)}`
    )
  if (!Number.isFinite(amount)) throw new InputError(field, 'finite', 'is out of range: it must be a finite number')
  if (amount < 0) throw new InputError(field, 'non_negative', 'must not be negative')
  return amount
}

/** An ISO 4217 code, upper-cased. */
export function parseCurrency(value: unknown, field: NeutralField = 'currency'): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string')
    throw new InputError(field, 'type', `must be a three-letter ISO 4217 code, not ${kindOf(value)}`)
  if (isoCurrencies().has(value)) return value
  const code = value.trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(code) || (isoCurrencies().size > 0 && !isoCurrencies().has(code))) {
    throw new InputError(field, 'iso4217', 'is not an ISO 4217 currency code (such as USD or EUR)')
  }
  return code
}
