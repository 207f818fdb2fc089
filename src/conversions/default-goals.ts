/**
 * The events every path maps with no configuration (the Segment presets, `msads send` and `serve`, the RudderStack
 * destination's default mapping): Segment's spec names and the names the product guides and GA4 use, each to the
 * offline conversion goal of the same meaning. Any other event (page views included) is not a conversion by default.
 */
export interface DefaultGoal {
  /** The offline conversion goal's name, as the account must have it. */
  goal: string
  /** Event names counted for that goal: Segment's spec name first, then the guides' (GA4-style) names. */
  events: readonly string[]
}

export const DEFAULT_GOALS: readonly DefaultGoal[] = [
  { goal: 'Purchase', events: ['Order Completed', 'purchase'] },
  { goal: 'Sign Up', events: ['Signed Up', 'sign_up'] },
  { goal: 'Lead', events: ['Lead Generated', 'Form Submitted', 'lead', 'generate_lead'] },
  { goal: 'Subscribe', events: ['Subscription Started', 'subscribe'] },
  { goal: 'Add to Cart', events: ['Product Added', 'add_to_cart'] }
]

export type DefaultAdjustmentType = 'Restate' | 'Retract'

export interface DefaultAdjustment {
  event: string
  adjustment: DefaultAdjustmentType
  /** The goal whose conversion the event restates or retracts. */
  goal: string
}

export const DEFAULT_ADJUSTMENTS: readonly DefaultAdjustment[] = [
  { event: 'Order Refunded', adjustment: 'Retract', goal: 'Purchase' },
  { event: 'Order Updated', adjustment: 'Restate', goal: 'Purchase' }
]

/** The table as event → goal rows (RudderStack's `eventsToConversionGoals` shape), adjustment events included. */
export function defaultEventGoalRows(): Array<{ from: string; to: string }> {
  return [
    ...DEFAULT_GOALS.flatMap(({ goal, events }) => events.map((event) => ({ from: event, to: goal }))),
    ...DEFAULT_ADJUSTMENTS.map(({ event, goal }) => ({ from: event, to: goal }))
  ]
}

/** The adjustment events as RudderStack's `adjustmentEvents` rows. */
export function defaultAdjustmentRows(): Array<{ from: string; to: DefaultAdjustmentType }> {
  return DEFAULT_ADJUSTMENTS.map(({ event, adjustment }) => ({ from: event, to: adjustment }))
}
