import { csvConversion } from '../csv-conversions'

describe('CSV rows as conversions', () => {
  it('turns update and delete (or Restate and Retract) into adjustments', () => {
    expect(csvConversion({ action: 'update', conversionValue: '5', conversionName: 'P' })).toMatchObject({
      kind: 'adjustment',
      input: { adjustmentType: 'Restate', adjustmentValue: '5' }
    })
    expect(csvConversion({ adjustmentType: 'Retract', conversionValue: '5' })).toMatchObject({
      kind: 'adjustment',
      input: { adjustmentType: 'Retract' }
    })
    expect(csvConversion({ adjustmentType: 'Retract', conversionValue: '5' })).not.toHaveProperty(
      'input.adjustmentValue'
    )
    expect(csvConversion({ action: 'upsert' })).toMatchObject({
      kind: 'none',
      outcome: { outcome: 'rejected', field: 'action' }
    })
  })
})
