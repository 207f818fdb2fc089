import type { CapiErrorDetail, CapiEvent } from '../../microsoft/models'
import { header, type EmulatorRequest, type Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { conversionKey } from '../state/uet-tag-event'
import { badRequestReply, receivedReply, rejectedReply, unauthorizedReply } from './capi-replies'
import { validateEvent, type EventVerdict } from './validate-event'

export const MAX_EVENTS = 1000
const TOP_LEVEL = new Set(['data', 'continueOnValidationError', 'dataProvider'])

function topLevelDetail(
  propertyName: string,
  attemptedValue: unknown,
  errorMessage: string,
  errorCode: string
): CapiErrorDetail {
  return { propertyName, attemptedValue: attemptedValue ?? null, errorMessage, errorCode, isWarning: false }
}

/** Problems with the request itself rather than one event: any of them rejects the whole request. */
function checkRequest(body: Record<string, unknown>): CapiErrorDetail[] {
  const details: CapiErrorDetail[] = []
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL.has(key))
      details.push(topLevelDetail(key, null, `'${key}' is not a known property of the request.`, 'UnknownProperty'))
  }
  const data = body.data
  if (data === undefined || data === null || (Array.isArray(data) && data.length === 0))
    details.push(topLevelDetail('data', data, "'data' must not be empty.", 'Empty'))
  else if (!Array.isArray(data))
    details.push(topLevelDetail('data', null, "'data' must be a list of events.", 'InvalidValue'))
  else if (data.length > MAX_EVENTS)
    details.push(
      topLevelDetail('data', data.length, `'data' must contain at most ${MAX_EVENTS} events.`, 'TooManyEvents')
    )
  const flag = body.continueOnValidationError
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
    details.push(
      topLevelDetail(
        'continueOnValidationError',
        flag,
        "'continueOnValidationError' must be true or false.",
        'InvalidValue'
      )
    )
  }
  if (body.dataProvider !== undefined && body.dataProvider !== null && typeof body.dataProvider !== 'string') {
    details.push(topLevelDetail('dataProvider', body.dataProvider, "'dataProvider' must be a string.", 'InvalidValue'))
  }
  return details
}

function authorised(request: EmulatorRequest, tagId: string, state: EmulatorState): boolean {
  const tag = state.directory.tags.get(tagId)
  const presented = /^Bearer (\S+)$/.exec(header(request, 'Authorization')?.trim() ?? '')?.[1]
  return Boolean(tag?.capiToken && presented === tag.capiToken)
}

/**
 * Keeps each event under its dedupe key, eventId with eventName: a key the tag already has (from CAPI, or from the
 * UET JavaScript tag with the same event_id and event action) is counted as a duplicate, not a new conversion.
 */
function store(state: EmulatorState, tagId: string, verdicts: readonly EventVerdict[]): void {
  const receivedAt = new Date(state.now()).toISOString()
  for (const { event } of verdicts) {
    const key = conversionKey(event.eventId, event.eventName)
    const fromTag = key !== null && state.records.uetTagEvents.has(tagId, key)
    if (!state.records.capiEvents.add(tagId, key, event as unknown as CapiEvent, receivedAt, fromTag)) continue
    const transactionId = (event.customData as { transactionId?: unknown } | undefined)?.transactionId
    if (typeof transactionId === 'string' && transactionId !== '' && !state.transactions.has(transactionId)) {
      state.transactions.set(transactionId, (event.eventTime as number) * 1000)
    }
  }
}

/**
 * POST /v1/{tagId}/events. An invalid event rejects the request (400, nothing kept) unless
 * continueOnValidationError is true and at least one event is valid; warnings never reject.
 */
export function handleCapiEvents(request: EmulatorRequest, tagId: string, state: EmulatorState): Reply {
  if (!authorised(request, tagId, state)) return unauthorizedReply()
  let body: unknown
  try {
    body = JSON.parse(request.body)
  } catch {
    return badRequestReply('The request body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return badRequestReply('The request body must be a JSON object.')
  const requestProblems = checkRequest(body as Record<string, unknown>)
  if (requestProblems.length) return rejectedReply(requestProblems)

  const { data, continueOnValidationError } = body as { data: unknown[]; continueOnValidationError?: boolean | null }
  const now = state.now()
  const skewMs = state.options.clockSkewSeconds * 1000
  const verdicts = data.map((event, index) => validateEvent(event, index, now, skewMs))
  const details = verdicts.flatMap((verdict) => [...verdict.errors, ...verdict.warnings])
  const valid = verdicts.filter((verdict) => verdict.errors.length === 0)
  const anyInvalid = valid.length < verdicts.length
  if (anyInvalid && (!continueOnValidationError || valid.length === 0)) return rejectedReply(details)
  store(state, tagId, valid)
  return receivedReply(valid.length, details)
}
