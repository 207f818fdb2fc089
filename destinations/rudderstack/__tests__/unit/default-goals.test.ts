/** The dashboard's default mapping rows are the core's table of default goals, so the two cannot drift. */
import uiConfig from '../../config/ui-config.json'
import { defaultAdjustmentRows, defaultEventGoalRows } from 'msads-conversions'

type Node = { configKey?: string; default?: unknown; [key: string]: unknown }

function field(node: unknown, key: string): Node | undefined {
  if (Array.isArray(node)) return node.map((child) => field(child, key)).find(Boolean)
  if (!node || typeof node !== 'object') return undefined
  if ((node as Node).configKey === key) return node as Node
  return Object.values(node)
    .map((child) => field(child, key))
    .find(Boolean)
}

it('pre-fills eventsToConversionGoals with the default goals (spec and product-guide names)', () => {
  const rows = field(uiConfig, 'eventsToConversionGoals')?.default
  expect(rows).toEqual(defaultEventGoalRows())
  expect(rows).toEqual(
    expect.arrayContaining([
      { from: 'generate_lead', to: 'Lead' },
      { from: 'purchase', to: 'Purchase' }
    ])
  )
})

it('pre-fills adjustmentEvents with the default adjustments', () => {
  expect(field(uiConfig, 'adjustmentEvents')?.default).toEqual(defaultAdjustmentRows())
})
