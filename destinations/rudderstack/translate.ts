import { invalidInput } from './job-errors'
import type { RudderMessage, RudderRecordV2 } from './contracts/rudder-types'
import type { DestinationSettings } from './destination-config'
import { pageParts, trackParts } from './event-input'
import type { Part } from './parts'
import { prehashedWarnings } from './prehashed'
import { recordParts } from './record-input'

function partsOf(message: RudderMessage, settings: DestinationSettings): Part[] {
  const type = typeof message?.type === 'string' ? message.type.trim().toLowerCase() : ''
  switch (type) {
    case 'track':
      return trackParts(message, settings)
    case 'page':
      return pageParts(message, settings)
    case 'record':
      return recordParts(message as RudderRecordV2, settings)
    case '':
      throw invalidInput('Event type is required.', { field: 'type', rule: 'required' })
    default:
      throw invalidInput(`Message type "${type}" is not supported: send track, page or record messages.`, {
        field: 'type',
        rule: 'enum'
      })
  }
}

/** One message to the parts it asks for. Throws the lib's errors (or FilteredEventsError) for what it cannot send. */
export function translateMessage(message: RudderMessage, settings: DestinationSettings): Part[] {
  return partsOf(message, settings).map((part) => {
    const warnings = prehashedWarnings(part, settings)
    return warnings.length > 0 ? { ...part, warnings: [...(part.warnings ?? []), ...warnings] } : part
  })
}
