import fc from 'fast-check'
import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from '../deliver'
import { sameConversion } from '../dedupe'
import { settle } from '../prepare'
import { delivered } from '../../outcome'

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)
const options = { now: () => NOW }
const CLICK = 'f894f652ea334e739002f7167ab8f8e3'

describe('batch preparation', () => {
  it('sends the same goal, click id and exact conversion time once, and says which event the repeat repeats', () => {
    const prepared = prepareOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:05Z', clickId: { mapped: CLICK } },
        { conversionName: 'Lead', conversionTime: '2026-11-22T10:00:05Z', clickId: { mapped: CLICK } },
        {
          conversionName: 'Purchase',
          conversionTime: '2026-11-22T10:00:05.000Z',
          clickId: { mapped: CLICK.toUpperCase() }
        }
      ],
      options
    )
    expect(prepared.groups.applyOfflineConversions).toHaveLength(2)
    expect(prepared.slots[2]).toEqual({
      outcome: expect.objectContaining({
        outcome: 'skipped',
        reason: 'duplicate_in_batch',
        duplicateOf: 0,
        message:
          "Skipped: repeats event #0 of this batch (Microsoft's duplicate key: same click id, goal, conversion time to the second, hashed email and hashed phone), which was sent once."
      })
    })
  })

  it('sends two purchases on the same click 35 s apart with different values (Microsoft counts both)', () => {
    const prepared = prepareOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:05Z', clickId: { mapped: CLICK }, value: 20 },
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:40Z', clickId: { mapped: CLICK }, value: 35 }
      ],
      options
    )
    expect(prepared.groups.applyOfflineConversions?.map((r) => r.ConversionValue)).toEqual([20, 35])
  })

  it("dedupes on Microsoft's key only: same phone, goal and second is one conversion whatever the order ids", () => {
    const phone = '+14255551234'
    const prepared = prepareOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:05Z', phone, transactionId: 'A-1' },
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:45Z', phone, transactionId: 'A-2' },
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:05Z', phone, transactionId: 'A-3' }
      ],
      options
    )
    expect(prepared.groups.applyOfflineConversions).toHaveLength(2)
    expect(prepared.slots[2]).toEqual({
      outcome: expect.objectContaining({ reason: 'duplicate_in_batch', duplicateOf: 0 })
    })
  })

  it('keeps every part of the key: a second hash, or a click id beside the same hash, is another conversion', () => {
    const email = 'john@contoso.com'
    const at = '2026-11-22T10:00:05Z'
    const prepared = prepareOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: at, email },
        { conversionName: 'Purchase', conversionTime: at, email, phone: '+14255551234' },
        { conversionName: 'Purchase', conversionTime: at, email, clickId: { mapped: CLICK } },
        { conversionName: 'Purchase', conversionTime: at, clickId: { mapped: CLICK } },
        { conversionName: 'Purchase', conversionTime: at, email }
      ],
      options
    )
    expect(prepared.groups.applyOfflineConversions).toHaveLength(4)
    expect(prepared.slots[4]).toEqual({ outcome: expect.objectContaining({ duplicateOf: 0 }) })
  })

  it('treats times within the same second as the same conversion time (whole seconds, as the Bulk file carries)', () => {
    const prepared = prepareOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:15.000Z', clickId: { mapped: CLICK } },
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:15.500Z', clickId: { mapped: CLICK } }
      ],
      options
    )
    expect(prepared.groups.applyOfflineConversions?.map((r) => r.ConversionTime)).toEqual(['2026-11-22T10:00:15.000Z'])
    expect(prepared.slots[1]).toEqual({ outcome: expect.objectContaining({ duplicateOf: 0 }) })
  })

  it('dedupes offline adjustments on goal, identity, exact conversion time and exact adjustment time', () => {
    const base = {
      adjustmentType: 'Restate',
      conversionName: 'Purchase',
      conversionTime: '2026-11-21T10:00:00Z',
      clickId: { mapped: CLICK },
      adjustmentValue: 5
    }
    const prepared = prepareAdjustments(
      [
        { ...base, adjustmentTime: '2026-11-22T09:00:00Z' },
        { ...base, adjustmentTime: '2026-11-22T09:00:30Z' },
        { ...base, adjustmentTime: '2026-11-22T09:00:00Z' },
        { ...base, conversionTime: '2026-11-21T10:00:01Z', adjustmentTime: '2026-11-22T09:00:00Z' }
      ],
      options
    )
    expect(prepared.groups.applyOfflineConversionAdjustments).toHaveLength(3)
    expect(prepared.slots[2]).toEqual({
      outcome: expect.objectContaining({ reason: 'duplicate_in_batch', duplicateOf: 0 })
    })
  })

  it('gives each prepared record the keys it was deduplicated by, equal for the same conversion in another batch', () => {
    const one = prepareOfflineConversions(
      [
        {
          conversionName: 'Purchase',
          conversionTime: '2026-11-22T10:00:05Z',
          clickId: { mapped: CLICK },
          transactionId: 'T1'
        }
      ],
      options
    )
    const other = prepareOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: '2026-11-22T10:00:05Z', clickId: { mapped: CLICK.toUpperCase() } }
      ],
      options
    )
    const keysOf = (slot: (typeof one.slots)[number]) => ('dedupeKeys' in slot ? slot.dedupeKeys : [])
    expect(keysOf(one.slots[0])).toHaveLength(1)
    expect(sameConversion(keysOf(one.slots[0])[0], keysOf(other.slots[0])[0])).toBe(true)
  })

  it('sends a sale split across three click ids as three conversions, one order id notwithstanding', () => {
    // https://learn.microsoft.com/advertising/campaign-management-service/offlineconversion: "Each offline conversion can be split across multiple click IDs".
    const clicks = [CLICK, 'a894f652ea334e739002f7167ab8f8e3', 'b894f652ea334e739002f7167ab8f8e3']
    const prepared = prepareOfflineConversions(
      clicks.map((click) => ({
        conversionName: 'Purchase',
        conversionTime: '2026-11-22T10:00:00Z',
        clickId: { mapped: click },
        transactionId: 'T1',
        value: 10,
        externalAttributionCredit: 0.5
      })),
      options
    )
    expect(prepared.groups.applyOfflineConversions).toHaveLength(3)
  })

  it('dedupes CAPI events by eventId', () => {
    const prepared = prepareCapiEvents(
      [
        { eventType: 'custom', eventId: 'e1', userData: { anonymousId: 'a' } },
        { eventType: 'custom', eventId: 'e1', userData: { anonymousId: 'b' } },
        { eventType: 'custom', userData: { anonymousId: 'c' } }
      ],
      options
    )
    expect(prepared.groups.capi).toHaveLength(2)
  })

  it('routes adjustments to the offline and online groups and settles outcomes in input order', () => {
    const inputs = [
      { adjustmentType: 'Retract', conversionName: 'Purchase', transactionId: 'T1', sourceTime: NOW },
      {
        adjustmentType: 'Retract',
        conversionName: 'Purchase',
        conversionTime: '2026-11-21T10:00:00Z',
        clickId: { mapped: CLICK },
        sourceTime: NOW
      },
      { adjustmentType: 'Nope', conversionName: 'Purchase', transactionId: 'T2', sourceTime: NOW }
    ]
    const prepared = prepareAdjustments(inputs, options)
    expect(prepared.groups.applyOnlineConversionAdjustments).toHaveLength(1)
    expect(prepared.groups.applyOfflineConversionAdjustments).toHaveLength(1)
    const outcomes = settle(prepared, {
      applyOnlineConversionAdjustments: [delivered()],
      applyOfflineConversionAdjustments: [delivered()]
    })
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'delivered', 'rejected'])
  })

  it('never throws and gives exactly one outcome per input, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything(), { maxLength: 20 }),
        fc.array(fc.dictionary(fc.string(), fc.anything()), { maxLength: 10 }),
        (junk, dicts) => {
          const inputs = [...junk, ...dicts] as never[]
          for (const prepared of [
            prepareOfflineConversions(inputs, options),
            prepareAdjustments(inputs, options),
            prepareCapiEvents(inputs, options)
          ]) {
            const outcomes = settle(prepared as never, {})
            expect(outcomes).toHaveLength(inputs.length)
            for (const outcome of outcomes) {
              expect(['delivered', 'skipped', 'rejected', 'retry', 'auth']).toContain(outcome.outcome)
              expect(outcome.message.length).toBeGreaterThan(0)
              if (outcome.outcome === 'rejected') expect(outcome.reason).not.toBe('internal_error')
            }
          }
        }
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) }
    )
  })

  it('rejects field-shaped garbage naming a field and a rule', () => {
    fc.assert(
      fc.property(
        fc.record({
          conversionName: fc.anything(),
          conversionTime: fc.anything(),
          email: fc.anything(),
          phone: fc.anything(),
          value: fc.anything(),
          currency: fc.anything()
        }),
        (input) => {
          const prepared = prepareOfflineConversions(
            [{ ...input, clickId: { mapped: fc.sample(fc.anything(), 1)[0] } }],
            options
          )
          const [outcome] = settle(prepared, { applyOfflineConversions: [delivered()] })
          if (outcome.outcome === 'rejected') {
            expect(outcome.field).toBeTruthy()
            expect(outcome.rule).toBeTruthy()
          }
        }
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) }
    )
  })
})
