import { EVENT_ID_PROPERTY, PAGE_LOAD_ID_PROPERTY } from './constants'
import { withClickId } from './with-click-id'
import { conversionEventId, getPageLoadId } from './ids'
import { pushUetEvent, uetEventParams } from './uet-tag'

type Fields = Record<string, unknown>

/** One conversion as both sides see it: the UET tag got `name` and `eventId`; `properties` go to the CDP. */
export interface Conversion {
  name: string
  eventId: string
  pageLoadId: string
  /** A copy of the caller's properties with `event_id`, `page_load_id` and, when known, `msclkid`. */
  properties: Fields
}

/**
 * Gives a conversion one id and hands it to both sides: pushes the UET custom event `name` with that id as
 * `event_id`, and returns the properties for the CDP event (or your own server call) with it as `event_id`. Send the
 * CDP event under the same `name`: Microsoft counts the two once when tag, eventId and eventName match.
 */
export function trackConversion(name: string, properties?: Fields): Conversion {
  const eventId = conversionEventId(properties)
  const given = properties?.[PAGE_LOAD_ID_PROPERTY]
  const pageLoadId = typeof given === 'string' && given ? given : getPageLoadId()
  const withIds = withClickId({ ...properties, [EVENT_ID_PROPERTY]: eventId, [PAGE_LOAD_ID_PROPERTY]: pageLoadId })!
  pushUetEvent(name, uetEventParams(withIds, eventId))
  return { name, eventId, pageLoadId, properties: withIds }
}
