import { defaultValues, type Preset } from '@segment/actions-core'
import adjustConversion from './adjustConversion'
import trackConversion from './trackConversion'
import uetCapiEvent from './uetCapiEvent'
import { EVENT_TYPES } from './uetCapiEvent/fields'

/** A track event sent as an offline conversion to the goal of that name (which must exist in the account). */
function offlineConversion(name: string, subscribe: string): Preset {
  return {
    name,
    subscribe,
    partnerAction: 'trackConversion',
    mapping: { ...defaultValues(trackConversion.fields), conversion_name: name },
    type: 'automatic'
  }
}

/** An order change sent as an adjustment of the Purchase conversion. */
function purchaseAdjustment(type: 'Restate' | 'Retract', subscribe: string): Preset {
  return {
    name: type,
    subscribe,
    partnerAction: 'adjustConversion',
    mapping: { ...defaultValues(adjustConversion.fields), adjustment_type: type, conversion_name: 'Purchase' },
    type: 'automatic'
  }
}

// Every preset starts from the fields' defaults, so the values it sets (like eventType) really are in its mapping.
export const presets: Preset[] = [
  offlineConversion('Purchase', 'type = "track" and event = "Order Completed"'),
  offlineConversion('Sign Up', 'type = "track" and event = "Signed Up"'),
  offlineConversion('Lead', 'type = "track" and (event = "Lead Generated" or event = "Form Submitted")'),
  offlineConversion('Subscribe', 'type = "track" and event = "Subscription Started"'),
  offlineConversion('Add to Cart', 'type = "track" and event = "Product Added"'),
  purchaseAdjustment('Retract', 'type = "track" and event = "Order Refunded"'),
  purchaseAdjustment('Restate', 'type = "track" and event = "Order Updated"'),
  {
    name: 'Page Load',
    subscribe: 'type = "page"',
    partnerAction: 'uetCapiEvent',
    mapping: { ...defaultValues(uetCapiEvent.fields), eventType: EVENT_TYPES.pageLoad },
    type: 'automatic'
  }
]
