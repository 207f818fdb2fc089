import type { JSONLikeObject, MultiStatusResponse } from '@segment/actions-core'
import type { Outcome } from 'msads-conversions'
import { resultOrThrow, toMultiStatus } from './outcome'

/** An action's delivery: mapped payloads in, one core outcome per payload out, in order. */
export type Deliver<P> = (payloads: P[]) => Promise<Outcome[]>

/** `perform`: the event's outcome as its result, or the error that tells Segment what to do. */
export async function performOne<P>(payload: P, deliver: Deliver<P>): Promise<JSONLikeObject> {
  const [outcome] = await deliver([payload])
  return resultOrThrow(outcome)
}

/** `performBatch`: a MultiStatusResponse with each event's own outcome. */
export async function performMany<P extends object>(payloads: P[], deliver: Deliver<P>): Promise<MultiStatusResponse> {
  return toMultiStatus(await deliver(payloads), payloads)
}
