import type { JSONLikeObject, MultiStatusResponse } from '@segment/actions-core'
import type { Delivery, Outcome } from 'msads-conversions'
import { resultOrThrow, toMultiStatus } from './outcome'

/**
 * An action's delivery: mapped payloads in, one core outcome per payload out, in order, with what Microsoft
 * received for each and what it answered about it.
 */
export type Deliver<P> = (payloads: P[]) => Promise<Delivery>

/** The delivery of events refused before anything was sent: the same outcome for each. */
export function refusedDelivery(count: number, outcome: Outcome): Delivery {
  return {
    outcomes: new Array<Outcome>(count).fill(outcome),
    sent: new Array<undefined>(count),
    answers: new Array<unknown>(count)
  }
}

/** `perform`: the event's outcome as its result, or the error that tells Segment what to do. */
export async function performOne<P>(payload: P, deliver: Deliver<P>): Promise<JSONLikeObject> {
  const { outcomes } = await deliver([payload])
  return resultOrThrow(outcomes[0])
}

/** `performBatch`: a MultiStatusResponse with each event's own outcome. */
export async function performMany<P>(payloads: P[], deliver: Deliver<P>): Promise<MultiStatusResponse> {
  return toMultiStatus(await deliver(payloads))
}
