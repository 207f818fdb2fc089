import type { Outcome } from '../../outcome'
import type { CliSettings } from '../config/settings'
import type { HostTokens } from './host-tokens'

/** Whether an answer says Microsoft refused the access token, so a refreshed one may succeed. */
export function tokenRefused(outcome: Pick<Outcome, 'outcome' | 'authAction'> | undefined): boolean {
  return outcome?.outcome === 'auth' && outcome.authAction === 'refresh'
}

export interface RefreshOnceRun<I, R> {
  tokens: HostTokens
  settings: CliSettings
  items: readonly I[]
  /** Sends these items with this access token: one answer per item, in order. */
  send: (items: readonly I[], accessToken: string) => Promise<R[]>
  /** Whether an answer says the token was refused. */
  refused: (answer: R) => boolean
  /** The answer of an item when no token could be had (the token fetch or the refresh failed). */
  tokenFailure: (error: unknown, item: I) => R
}

/**
 * Runs the items with the host's access token; the items whose answer says the token was refused are sent once
 * more after one refresh (shared by every caller that saw the same refused token), never more. When no token can
 * be had, that failure is the answer of the items it stopped.
 */
export async function sendWithRefreshOnce<I, R>(run: RefreshOnceRun<I, R>): Promise<R[]> {
  let accessToken: string
  try {
    accessToken = await run.tokens.accessToken(run.settings)
  } catch (error) {
    return run.items.map((item) => run.tokenFailure(error, item))
  }
  const answers = await run.send(run.items, accessToken)
  const refused = answers.flatMap((answer, index) => (run.refused(answer) ? [index] : []))
  if (!refused.length) return answers
  try {
    const fresh = await run.tokens.refreshAfterFailure(run.settings, accessToken)
    const again = await run.send(
      refused.map((index) => run.items[index]),
      fresh
    )
    refused.forEach((index, position) => (answers[index] = again[position]))
  } catch (error) {
    for (const index of refused) answers[index] = run.tokenFailure(error, run.items[index])
  }
  return answers
}
