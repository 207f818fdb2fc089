import { getClickId } from './capture'

type Fields = Record<string, unknown>

/** `properties` with `msclkid` added, unless it already has one (then it is returned as is). */
export function withClickId(properties?: Fields, clickId = getClickId()): Fields | undefined {
  return clickId && !properties?.msclkid ? { ...properties, msclkid: clickId.msclkid } : properties
}
