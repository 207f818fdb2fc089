import type { EmulatorState } from '../state/emulator-state'

const WINDOW_MS = 60_000
// Keyed by the record books, which a reset replaces: a reset forgets the calls too.
const callsByState = new WeakMap<object, Map<string, number[]>>()

/**
 * Microsoft limits calls per user per minute in a customer-level sliding 60 s window and answers 117
 * CallRateExceeded past it (https://learn.microsoft.com/advertising/guides/services-protocol, Throttling; the number is not published). With the
 * `callsPerMinute` option above 0 the emulator does the same; each call, refused or not, counts.
 */
export function overCallBudget(state: EmulatorState, customerId: string): boolean {
  const budget = state.options.callsPerMinute
  if (!budget) return false
  let customers = callsByState.get(state.records)
  if (!customers) callsByState.set(state.records, (customers = new Map()))
  const now = state.now()
  const recent = (customers.get(customerId) ?? []).filter((at) => at > now - WINDOW_MS)
  recent.push(now)
  customers.set(customerId, recent)
  return recent.length > budget
}
