import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { parseFql } from '@segment/destination-subscriptions'
import { readJsonFile } from '../config/json-file'
import { SubscriptionError } from '../errors'
import { compileCondition } from './compiled-condition'
import { mappingProblems } from './mapping-check'
import { isSegmentAction, segmentDefinition, type SegmentActionName } from './segment-host'

/** A Segment subscription: which events (FQL), which action, which mapping. */
export interface Subscription {
  name?: string
  subscribe: string
  partnerAction: string
  mapping?: JSONObject
}

export interface CompiledSubscription {
  name: string
  subscribe: string
  action: SegmentActionName
  mapping: JSONObject
  matches(event: SegmentEvent): boolean
}

/**
 * Parses each subscription's FQL (with @segment/destination-subscriptions, as Segment does) and checks its action.
 * `matches` gives `validate`'s answer through a predicate compiled once (see compiled-condition.ts); a throw is no match.
 */
export function compileSubscriptions(subscriptions: unknown): CompiledSubscription[] {
  if (!Array.isArray(subscriptions))
    throw new SubscriptionError(
      'The mapping file must hold a JSON array of subscriptions [{subscribe, partnerAction, mapping}].'
    )
  return subscriptions.map((entry, index) => {
    const subscription = (entry ?? {}) as Partial<Subscription>
    const label = subscription.name ? `"${subscription.name}"` : `#${index + 1}`
    if (typeof subscription.subscribe !== 'string' || !subscription.subscribe.trim())
      throw new SubscriptionError(`Subscription ${label} has no subscribe (FQL) string.`)
    if (typeof subscription.partnerAction !== 'string' || !isSegmentAction(subscription.partnerAction)) {
      throw new SubscriptionError(
        `Subscription ${label}: partnerAction must be one of ${Object.keys(segmentDefinition.actions).join(', ')}.`
      )
    }
    if (
      subscription.mapping !== undefined &&
      (typeof subscription.mapping !== 'object' || subscription.mapping === null || Array.isArray(subscription.mapping))
    ) {
      throw new SubscriptionError(`Subscription ${label}: mapping must be a JSON object.`)
    }
    const problems = mappingProblems(subscription.mapping ?? {})
    if (problems.length)
      throw new SubscriptionError(`Subscription ${label}: the mapping is not valid: ${problems.join(' ')}`)
    const parsed = parseFql(subscription.subscribe)
    if ('error' in parsed)
      throw new SubscriptionError(
        `Subscription ${label}: invalid subscribe FQL "${subscription.subscribe}"${parsed.error.message ? `: ${parsed.error.message}` : ''}`
      )
    const predicate = compileCondition(parsed)
    return {
      name: subscription.name ?? `${subscription.partnerAction} #${index + 1}`,
      subscribe: subscription.subscribe,
      action: subscription.partnerAction,
      mapping: subscription.mapping ?? {},
      matches: (event: SegmentEvent) => {
        try {
          return predicate(event)
        } catch {
          return false
        }
      }
    }
  })
}

let presets: CompiledSubscription[] | undefined

/** The destination's automatic presets, which Segment subscribes a new destination to. */
export function presetSubscriptions(): CompiledSubscription[] {
  presets ??= compileSubscriptions((segmentDefinition.presets ?? []).filter((preset) => preset.type === 'automatic'))
  return presets
}

/** The subscriptions of a mapping file (`--mapping`), or the destination's presets without one. */
export async function subscriptionsOf(mappingFile: string | undefined): Promise<CompiledSubscription[]> {
  return mappingFile ? compileSubscriptions(await readJsonFile(mappingFile, 'mapping file')) : presetSubscriptions()
}
