import { buildAdjustment } from '../build-adjustment'
import { buildContext } from '../build-context'

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)
const CLICK = 'f894f652ea334e739002f7167ab8f8e3'
const ctx = buildContext({ now: () => NOW })

describe('buildAdjustment', () => {
  it('builds an offline Restate from click id, name and conversion time', () => {
    const result = buildAdjustment(
      {
        adjustmentType: 'restatement',
        conversionName: 'Purchase',
        conversionTime: '2026-11-20T10:00:00Z',
        adjustmentTime: '2026-11-21T10:00:00+01:00',
        adjustmentValue: 30,
        currency: 'EUR',
        clickId: { mapped: CLICK }
      },
      ctx
    )
    expect(result).toMatchObject({
      ok: true,
      group: 'applyOfflineConversionAdjustments',
      record: {
        AdjustmentCurrencyCode: 'EUR',
        AdjustmentTime: '2026-11-21T09:00:00.000Z',
        AdjustmentType: 'Restate',
        AdjustmentValue: 30,
        ConversionName: 'Purchase',
        ConversionTime: '2026-11-20T10:00:00.000Z',
        MicrosoftClickId: CLICK
      }
    })
  })

  it('builds an online Retract from a transaction id, dropping the value with a warning', () => {
    const result = buildAdjustment(
      {
        adjustmentType: 'Retract',
        conversionName: 'Purchase',
        transactionId: 'order-1001',
        adjustmentValue: 10,
        sourceTime: '2026-11-22T12:00:00Z'
      },
      ctx
    )
    expect(result).toEqual({
      ok: true,
      group: 'applyOnlineConversionAdjustments',
      record: {
        AdjustmentTime: '2026-11-22T12:00:00.000Z',
        AdjustmentType: 'Retract',
        ConversionName: 'Purchase',
        TransactionId: 'order-1001'
      },
      dedupeKeys: [expect.objectContaining({ kind: 'online-adjustment', id: 'order-1001' })],
      warnings: [
        {
          field: 'adjustment_value',
          rule: 'retract_no_value',
          message: 'adjustment_value was dropped: a Retract carries no value or currency'
        }
      ]
    })
  })

  it('requires a value for Restate', () => {
    const result = buildAdjustment(
      { adjustmentType: 'Restate', conversionName: 'Purchase', transactionId: 'order-1', adjustmentTime: NOW },
      ctx
    )
    expect(!result.ok && result.outcome).toMatchObject({ field: 'adjustment_value', rule: 'required' })
  })

  it('rejects an adjustment before the conversion', () => {
    const result = buildAdjustment(
      {
        adjustmentType: 'Retract',
        conversionName: 'Purchase',
        conversionTime: '2026-11-21T10:00:00Z',
        adjustmentTime: '2026-11-20T10:00:00Z',
        clickId: { mapped: CLICK }
      },
      ctx
    )
    expect(!result.ok && result.outcome).toMatchObject({ field: 'adjustment_time', rule: 'after_conversion' })
  })

  it('says what identifies an adjustment when nothing does', () => {
    const result = buildAdjustment({ adjustmentType: 'Retract', conversionName: 'Purchase', adjustmentTime: NOW }, ctx)
    expect(!result.ok && result.outcome).toMatchObject({ field: 'transaction_id', rule: 'identity_required' })
    const noTime = buildAdjustment(
      { adjustmentType: 'Retract', conversionName: 'Purchase', clickId: { mapped: CLICK }, adjustmentTime: NOW },
      ctx
    )
    expect(!noTime.ok && noTime.outcome).toMatchObject({ field: 'conversion_time', rule: 'required' })
  })

  it('takes the adjustment time from the input, never the clock: the mapped one, else the source time', () => {
    const base = {
      adjustmentType: 'Retract',
      conversionName: 'Purchase',
      conversionTime: '2026-11-20T10:00:00Z',
      clickId: { mapped: CLICK }
    }
    const fromSource = buildAdjustment({ ...base, sourceTime: '2026-11-21T08:30:00Z' }, ctx)
    expect(fromSource.ok && fromSource.record.AdjustmentTime).toBe('2026-11-21T08:30:00.000Z')
    const later = buildAdjustment(
      { ...base, sourceTime: '2026-11-21T08:30:00Z' },
      buildContext({ now: () => NOW + 3_600_000 })
    )
    expect(later.ok && later.record.AdjustmentTime).toBe('2026-11-21T08:30:00.000Z')
    const mapped = buildAdjustment(
      { ...base, adjustmentTime: '2026-11-21T09:00:00Z', sourceTime: '2026-11-21T08:30:00Z' },
      ctx
    )
    expect(mapped.ok && mapped.record.AdjustmentTime).toBe('2026-11-21T09:00:00.000Z')
    const none = buildAdjustment(base, ctx)
    expect(!none.ok && none.outcome).toMatchObject({ outcome: 'rejected', field: 'adjustment_time', rule: 'required' })
  })

  it('drops an unusable phone or email with a warning when the click id identifies the conversion', () => {
    const base = {
      adjustmentType: 'Retract',
      conversionName: 'Purchase',
      conversionTime: '2026-11-20T10:00:00Z',
      adjustmentTime: NOW
    }
    const result = buildAdjustment(
      { ...base, clickId: { mapped: CLICK }, phone: '911234567890', email: 'not an email' },
      ctx
    )
    expect(result.ok && result.record).toMatchObject({ MicrosoftClickId: CLICK })
    expect(result.ok && (result.record as { HashedPhoneNumber?: string }).HashedPhoneNumber).toBeUndefined()
    expect(result.ok && result.warnings?.map((w) => [w.field, w.rule])).toEqual([
      ['email', 'format'],
      ['phone', 'e164']
    ])
    const alone = buildAdjustment({ ...base, phone: '911234567890' }, ctx)
    expect(!alone.ok && alone.outcome).toMatchObject({ outcome: 'rejected', field: 'phone', rule: 'e164' })
  })

  it('holds an adjustment time ahead of the clock within the hold bound, and rejects one beyond it', () => {
    const base = { adjustmentType: 'Retract', conversionName: 'Purchase', transactionId: 'T-9' }
    const near = buildAdjustment({ ...base, adjustmentTime: NOW + 120_500 }, ctx)
    expect(!near.ok && near.outcome).toMatchObject({
      outcome: 'retry',
      reason: 'time_not_yet_due',
      field: 'adjustment_time',
      retryAfterSeconds: 120
    })
    const far = buildAdjustment({ ...base, adjustmentTime: NOW + 6 * 60_000 }, ctx)
    expect(!far.ok && far.outcome).toMatchObject({ field: 'adjustment_time', rule: 'future' })
  })

  it('rejects an unknown adjustment type', () => {
    const result = buildAdjustment({ adjustmentType: 'Refund', conversionName: 'Purchase', transactionId: 't' }, ctx)
    expect(!result.ok && result.outcome).toMatchObject({ field: 'adjustment_type', rule: 'enum' })
  })
})
