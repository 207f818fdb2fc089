import type { OfflineConversionInput } from '../src/conversions/inputs'
import { seededRandom } from '../src/support/prng'

const FIRST = ['John', 'maria', 'Ana', 'li', 'Chloé', 'OMAR', 'Sven', 'priya']
const DOMAINS = ['contoso.com', 'Example.org', 'fabrikam.co.uk', 'mail.example.net']
const CURRENCIES = ['USD', 'eur', 'GBP', 'JPY']

/** The goal every generated conversion counts for: an offline goal of the emulator's default seed. */
export const GOAL_NAME = 'Purchase'
/** The event name hosts map to that goal. */
export const EVENT_NAME = 'Order Completed'

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

/** One generated conversion, before any host shapes it. */
export interface GeneratedConversion {
  index: number
  email: string
  phone?: string
  /** 32 lower-case hex digits, unique per index. */
  clickId?: string
  conversionTime: string
  value: number
  currency: string
  orderId: string
}

/**
 * The realistic mix the issue fixes: every event with an email, half with a phone in mixed national and
 * international formats, 70% with a click id, values and currencies. Emails and click ids are unique per index,
 * so no two conversions are the same conversion to the core's dedupe or to Microsoft's.
 */
export function generateConversions(count: number, nowMs: number, seed = 42): GeneratedConversion[] {
  return [...conversionStream(count, nowMs, seed)]
}

/** The same conversions one at a time, for runs too large to hold (a million lines through msads send). */
export function* conversionStream(count: number, nowMs: number, seed = 42): Generator<GeneratedConversion> {
  const random = seededRandom(seed)
  for (let i = 0; i < count; i++) {
    const name = FIRST[Math.floor(random() * FIRST.length)]
    const email = `${random() < 0.2 ? ' ' : ''}${name}.${i}${random() < 0.1 ? '+promo' : ''}@${DOMAINS[Math.floor(random() * DOMAINS.length)]}`
    const conversion: GeneratedConversion = {
      index: i,
      email,
      conversionTime: new Date(nowMs - Math.floor(random() * 80 * 86_400_000)).toISOString(),
      value: Math.round(random() * 50_000) / 100,
      currency: CURRENCIES[Math.floor(random() * CURRENCIES.length)],
      orderId: `order-${i}`
    }
    if (random() < 0.5) conversion.phone = phone(random)
    // The index in the last eight digits keeps click ids unique however the random part falls.
    if (random() < 0.7) conversion.clickId = `${hex(random, 24)}${i.toString(16).padStart(8, '0')}`
    yield conversion
  }
}

/** The neutral input the core takes (what the CLI and the core benchmark hand it). */
export function toNeutralInput(conversion: GeneratedConversion): OfflineConversionInput {
  const input: OfflineConversionInput = {
    conversionName: GOAL_NAME,
    conversionTime: conversion.conversionTime,
    email: conversion.email,
    value: conversion.value,
    currency: conversion.currency
  }
  if (conversion.phone !== undefined) input.phone = conversion.phone
  if (conversion.clickId !== undefined) input.clickId = { mapped: conversion.clickId }
  return input
}

/**
 * A Segment track event (analytics.js shape) carrying the conversion where the destination's default mappings
 * read it: properties.msclkid, revenue and currency, context.traits.email and phone, the event timestamp.
 */
export function toSegmentEvent(
  conversion: GeneratedConversion,
  context: Record<string, unknown> = {}
): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    order_id: conversion.orderId,
    revenue: conversion.value,
    currency: conversion.currency
  }
  if (conversion.clickId !== undefined) properties.msclkid = conversion.clickId
  const traits: Record<string, unknown> = { email: conversion.email }
  if (conversion.phone !== undefined) traits.phone = conversion.phone
  return {
    type: 'track',
    event: EVENT_NAME,
    messageId: `segment-${conversion.index}`,
    anonymousId: `anon-${conversion.index}`,
    userId: `user-${conversion.index}`,
    timestamp: conversion.conversionTime,
    properties,
    context: { traits, ...context }
  }
}

/** A RudderStack track event (JavaScript SDK shape) carrying the same conversion where the destination reads it. */
export function toRudderMessage(
  conversion: GeneratedConversion,
  context: Record<string, unknown> = {}
): Record<string, unknown> {
  const event = toSegmentEvent(conversion, context)
  return {
    ...event,
    messageId: `rudder-${conversion.index}`,
    channel: 'web',
    originalTimestamp: conversion.conversionTime
  }
}

export interface Workload {
  inputs: OfflineConversionInput[]
  emails: string[]
  phones: string[]
}

/** The neutral inputs of the generated mix, with the emails and phones the floor hashes. */
export function offlineWorkload(count: number, nowMs: number, seed = 42): Workload {
  const conversions = generateConversions(count, nowMs, seed)
  return {
    inputs: conversions.map(toNeutralInput),
    emails: conversions.map((c) => c.email),
    phones: conversions.flatMap((c) => (c.phone === undefined ? [] : [c.phone]))
  }
}
