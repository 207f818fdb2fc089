import type { StateSnapshot } from '../../src/emulator'
import { Ledger } from '../../bench/soak/ledger'
import { reportPath } from '../../bench/soak/verify'
import { capiPageUrl, soakEvents, type SoakEvent } from '../../bench/soak/workload'

/** The soak's verdict per kind must be able to fail: each check against a hand-made emulator state. */
const events = soakEvents(400, Date.parse('2026-12-01T12:00:00Z'), 5)
const pick = (kind: SoakEvent['kind']) => events.find((event) => event.kind === kind && event.expect === 'delivered')!

const book = (items: unknown[], duplicates = 0) => ({
  count: items.length,
  duplicates,
  records: { scope: items.map((item) => ({ key: null, receivedAt: '', item })) },
  duplicatesSeen: []
})

function state(books: {
  offline?: unknown[]
  adjustments?: unknown[]
  capi?: unknown[]
  capiRepeats?: number
}): StateSnapshot {
  return {
    offlineConversions: book(books.offline ?? []),
    offlineConversionAdjustments: book(books.adjustments ?? []),
    onlineConversionAdjustments: book([]),
    capiEvents: book(books.capi ?? [], books.capiRepeats),
    requests: {},
    faultsInjected: {},
    tokens: { refreshesIssued: 0, codesRedeemed: 0 }
  } as unknown as StateSnapshot
}

function delivered(...chosen: SoakEvent[]): Ledger {
  const ledger = new Ledger()
  for (const event of chosen) ledger.finals.set(event.index, { kind: 'delivered', reason: 'accepted' })
  return ledger
}

const conversion = events.find((event) => event.kind === 'conversion' && event.expect === 'delivered' && event.clickId)!
const adjustment = pick('adjustment')
const capi = pick('capi')
const storedConversion = { MicrosoftClickId: conversion.clickId!.toUpperCase() }
const storedAdjustment = { AdjustmentType: adjustment.adjustment!.type, MicrosoftClickId: adjustment.clickId }
const storedCapi = { eventId: 'e-1', eventSourceUrl: capiPageUrl(capi) }
const only = (chosen: SoakEvent[]) => chosen.map((event) => ({ ...event }))

it('the mix holds every kind, and adjustments name a delivered conversion of the run by click id and time', () => {
  for (const event of events.filter((e) => e.kind === 'adjustment')) {
    const original = events[event.adjustment!.of]
    expect(original).toMatchObject({
      kind: 'conversion',
      expect: 'delivered',
      clickId: event.clickId,
      conversionTime: event.conversionTime
    })
    expect(Date.parse(event.adjustment!.adjustmentTime)).toBeGreaterThan(Date.parse(event.conversionTime))
  }
  expect(new Set(events.map((event) => event.kind))).toEqual(new Set(['conversion', 'adjustment', 'capi']))
})

it('counts each kind found in its own book as delivered', () => {
  const report = reportPath(
    only([conversion, adjustment, capi]),
    delivered(conversion, adjustment, capi),
    state({ offline: [storedConversion], adjustments: [storedAdjustment], capi: [storedCapi] }),
    0
  )
  expect(report).toMatchObject({ delivered: 3, lost: 0, duplicates: 0, sums_to_input: true, capi_without_event_id: 0 })
  expect(report.kinds.adjustment).toEqual({ sent: 1, delivered: 1, lost: 0, duplicates: 0 })
})

it('an adjustment or CAPI event reported delivered but missing from its book is lost', () => {
  // The adjustment is stored as a conversion and the CAPI event not at all: neither counts.
  const report = reportPath(
    only([adjustment, capi]),
    delivered(adjustment, capi),
    state({ offline: [{ MicrosoftClickId: adjustment.clickId }] }),
    0
  )
  expect(report.kinds.adjustment.lost).toBe(1)
  expect(report.kinds.capi.lost).toBe(1)
  expect(report.lost).toBe(2)
  expect(report.stored_but_not_reported_delivered).toBe(1)
})

it('a CAPI event stored twice (no stable eventId) or received again is a duplicate, and one without eventId is counted', () => {
  const twice = reportPath(
    only([capi]),
    delivered(capi),
    state({ capi: [storedCapi, { eventSourceUrl: storedCapi.eventSourceUrl }] }),
    0
  )
  expect(twice.kinds.capi.duplicates).toBe(1)
  expect(twice.capi_without_event_id).toBe(1)
  const repeated = reportPath(only([capi]), delivered(capi), state({ capi: [storedCapi], capiRepeats: 2 }), 0)
  expect(repeated.duplicates).toBe(2)
})
