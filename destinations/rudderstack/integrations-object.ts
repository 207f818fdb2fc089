import { INTEGRATION_NAMES } from './constants'
import type { RudderMessage } from './contracts/rudder-types'

/** This destination's entry of the event's integrations object (`integrations.BINGADS_CONVERSIONS`…), if it is an object. */
export function integrationsObject(message: RudderMessage): Record<string, unknown> | undefined {
  const { integrations } = message
  if (!integrations || typeof integrations !== 'object') return undefined
  for (const name of INTEGRATION_NAMES) {
    const entry = integrations[name]
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) return entry as Record<string, unknown>
  }
  return undefined
}
