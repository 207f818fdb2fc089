import { buildAdjustment } from '../build-adjustment'
import { buildContext } from '../build-context'

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)
const CLICK = 'f894f652ea334e739002f7167ab8f8e3'
const ctx = buildContext({ now: () => NOW })

describe('buildAdjustment', () => {
  it('builds an offline Restate from click id, name and conversion time', () => {
    const result = buildAdjustment(
      { adjustmentType: 'restatement', conversionName: 'Purchase', conversionTime: '2026-11-20T10:00:00Z', adjustmentTime: '2026-11-21T10:00:00+01:00', adjustmentValue: 30, currency: 'EUR', clickId: { mapped: CLICK } },
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
    const result = buildAdjustment({ adjustmentType: 'Retract', conversionName: 'Purchase', transactionId: 'order-1001', adjustmentValue: 10 }, ctx)
    expect(result).toEqual({
      ok: true,
      group: 'applyOnlineConversionAdjustments',
      record: { AdjustmentTime: '2026-11-22T12:00:00.000Z', AdjustmentType: 'Retract', ConversionName: 'Purchase', TransactionId: 'order-1001' },
      dedupeKeys: [expect.objectContaining({ kind: 'online-adjustment', id: 'order-1001' })],
      warnings: ['adjustment_value and currency were dropped: a Retract carries no value']
    })
  })

  it('requires a value for Restate', () => {
    const result = buildAdjustment({ adjustmentType: 'Restate', conversionName: 'Purchase', transactionId: 'order-1' }, ctx)
    expect(!result.ok && result.outcome).toMatchObject({ field: 'adjustment_value', rule: 'required' })
  })

  it('rejects an adjustment before the conversion', () => {
    const result = buildAdjustment(
      { adjustmentType: 'Retract', conversionName: 'Purchase', conversionTime: '2026-11-21T10:00:00Z', adjustmentTime: '2026-11-20T10:00:00Z', clickId: { mapped: CLICK } },
      ctx
    )
    expect(!result.ok && result.outcome).toMatchObject({ field: 'adjustment_time', rule: 'after_conversion' })
  })

  it('says what identifies an adjustment when nothing does', () => {
    const result = buildAdjustment({ adjustmentType: 'Retract', conversionName: 'Purchase' }, ctx)
    expect(!result.ok && result.outcome).toMatchObject({ field: 'transaction_id', rule: 'identity_required' })
    const noTime = buildAdjustment({ adjustmentType: 'Retract', conversionName: 'Purchase', clickId: { mapped: CLICK } }, ctx)
    expect(!noTime.ok && noTime.outcome).toMatchObject({ field: 'conversion_time', rule: 'required' })
  })

  it('rejects an unknown adjustment type', () => {
    const result = buildAdjustment({ adjustmentType: 'Refund', conversionName: 'Purchase', transactionId: 't' }, ctx)
    expect(!result.ok && result.outcome).toMatchObject({ field: 'adjustment_type', rule: 'enum' })
  })
})
