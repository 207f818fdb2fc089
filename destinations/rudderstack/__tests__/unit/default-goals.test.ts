/** The dashboard's default mapping rows are the core's table of default goals, so the two cannot drift. */
import { defaultAdjustmentRows, defaultEventGoalRows } from 'msads-conversions'
import { uiConfigField } from '../harness/ui-config'

it('pre-fills eventsToConversionGoals with the default goals (spec and product-guide names)', () => {
  const rows = uiConfigField('eventsToConversionGoals')?.default
  expect(rows).toEqual(defaultEventGoalRows())
  expect(rows).toEqual(
    expect.arrayContaining([
      { from: 'generate_lead', to: 'Lead' },
      { from: 'purchase', to: 'Purchase' }
    ])
  )
})

it('pre-fills adjustmentEvents with the default adjustments', () => {
  expect(uiConfigField('adjustmentEvents')?.default).toEqual(defaultAdjustmentRows())
})
