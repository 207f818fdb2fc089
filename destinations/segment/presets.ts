import { defaultValues } from '@segment/actions-core'
import type { Preset } from '@segment/actions-core'
import { DEFAULT_ADJUSTMENTS, DEFAULT_GOALS } from 'msads-conversions'
import adjustConversion from './adjustConversion'
import trackConversion from './trackConversion'
import uetCapiEvent from './uetCapiEvent'
import { EVENT_TYPES } from './uetCapiEvent/fields'

/** `type = "track" and event = "A"`, or `type = "track" and (event = "A" or event = "B")` for several names. */
function trackEvents(events: readonly string[]): string {
  const names = events.map((event) => `event = ${JSON.stringify(event)}`)
  return `type = "track" and ${names.length > 1 ? `(${names.join(' or ')})` : names[0]}`
}

/** Track events sent as offline conversions to the goal of that name (which must exist in the account). */
function offlineConversion(name: string, subscribe: string): Preset {
  return {
    name,
    subscribe,
    partnerAction: 'trackConversion',
    mapping: { ...defaultValues(trackConversion.fields), conversion_name: name },
    type: 'automatic'
  }
}

/** An order change sent as an adjustment of its goal's conversion. */
function adjustment(type: 'Restate' | 'Retract', goal: string, subscribe: string): Preset {
  return {
    name: type,
    subscribe,
    partnerAction: 'adjustConversion',
    mapping: { ...defaultValues(adjustConversion.fields), adjustment_type: type, conversion_name: goal },
    type: 'automatic'
  }
}

// Every preset starts from the fields' defaults, so the values it sets (like eventType) really are in its mapping.
// The events come from the core's table of default goals, which the command line and RudderStack share.
export const presets: Preset[] = [
  ...DEFAULT_GOALS.map(({ goal, events }) => offlineConversion(goal, trackEvents(events))),
  ...DEFAULT_ADJUSTMENTS.map(({ adjustment: type, goal, events }) => adjustment(type, goal, trackEvents(events))),
  {
    name: 'Page Load',
    subscribe: 'type = "page"',
    partnerAction: 'uetCapiEvent',
    mapping: { ...defaultValues(uetCapiEvent.fields), eventType: EVENT_TYPES.pageLoad },
    type: 'automatic'
  }
]
