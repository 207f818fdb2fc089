import type { OfflineConversionInput } from '../src/conversions/inputs'
import { seededRandom } from '../src/support/prng'

const FIRST = ['John', 'maria', 'Ana', 'li', 'Chloé', 'OMAR', 'Sven', 'priya']
const DOMAINS = ['contoso.com', 'Example.org', 'fabrikam.co.uk', 'mail.example.net']
const CURRENCIES = ['USD', 'eur', 'GBP', 'JPY']

function hex(random: () => number, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16)
  return out
}

function phone(random: () => number): string {
  // Valid North American numbers: area code and exchange start with 2-9.
  const area = 200 + Math.floor(random() * 800)
  const line = String(2_000_000 + Math.floor(random() * 8_000_000))
  const local = `${area}${line}`
  switch (Math.floor(random() * 4)) {
    case 0:
      return `+1${local}`
    case 1:
      return `+1 (${area}) ${line.slice(0, 3)}-${line.slice(3)}`
    case 2:
      return `(${area}) ${line.slice(0, 3)}-${line.slice(3)}`
    default:
      return `${area}-${line.slice(0, 3)}-${line.slice(3)}`
  }
}

export interface Workload {
  inputs: OfflineConversionInput[]
  emails: string[]
  phones: string[]
}

/**
 * The realistic mix the issue fixes: every event with an email, half with a phone in mixed national and
 * international formats, 70% with a click id, values and currencies.
 */
export function offlineWorkload(count: number, nowMs: number, seed = 42): Workload {
  const random = seededRandom(seed)
  const inputs: OfflineConversionInput[] = []
  const emails: string[] = []
  const phones: string[] = []
  for (let i = 0; i < count; i++) {
    const name = FIRST[Math.floor(random() * FIRST.length)]
    const email = `${random() < 0.2 ? ' ' : ''}${name}.${i}${random() < 0.1 ? '+promo' : ''}@${DOMAINS[Math.floor(random() * DOMAINS.length)]}`
    const input: OfflineConversionInput = {
      conversionName: 'Purchase',
      conversionTime: new Date(nowMs - Math.floor(random() * 80 * 86_400_000)).toISOString(),
      email,
      value: Math.round(random() * 50_000) / 100,
      currency: CURRENCIES[Math.floor(random() * CURRENCIES.length)]
    }
    emails.push(email)
    if (random() < 0.5) {
      input.phone = phone(random)
      phones.push(input.phone as string)
    }
    if (random() < 0.7) input.clickId = { mapped: hex(random, 32) }
    inputs.push(input)
  }
  return { inputs, emails, phones }
}
