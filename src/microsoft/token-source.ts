import { tokenRefused, type Outcome } from '../outcome'
import type { TokenManager } from './oauth/token-manager'
import type { OAuthClientCredentials } from './oauth/token-client'

/**
 * Where a client takes the token it calls Microsoft with (an OAuth access token, a UET tag's Conversions API key),
 * and a fresh one after Microsoft refused it. Every client refreshes through `withFreshToken`, once per call.
 */
export interface TokenSource {
  /** The token to call with now. Throws (with an outcome, as OAuthError does) when none can be had. */
  get(): Promise<string>
  /**
   * After Microsoft refused `refused`: the token to call with once more, or undefined when this source cannot
   * refresh (a pasted token, a host that refreshes itself). When another caller already replaced `refused`, its
   * replacement comes back without a second refresh. Throws when refreshing failed.
   */
  refreshAfterRefusal(refused: string): Promise<string | undefined>
}

/** A token given as it is: nothing to refresh it with, so a refusal stands (the host refreshes, or a person acts). */
export function fixedToken(token: string): TokenSource {
  return { get: () => Promise.resolve(token), refreshAfterRefusal: () => Promise.resolve(undefined) }
}

/** What the clients accept: a token, a function that fetches one (never refreshed), or a source. */
export type TokenInput = string | (() => Promise<string>) | TokenSource

export function tokenSourceOf(input: TokenInput): TokenSource {
  if (typeof input === 'string') return fixedToken(input)
  if (typeof input === 'function') return { get: input, refreshAfterRefusal: () => Promise.resolve(undefined) }
  return input
}

/** The OAuth access token of these credentials: cached, one refresh at a time, the rotated refresh token kept. */
export function oauthTokenSource(manager: TokenManager, credentials: OAuthClientCredentials): TokenSource {
  return {
    get: () => manager.getAccessToken(credentials),
    refreshAfterRefusal: (refused) => manager.refreshAfterFailure(credentials, refused)
  }
}

export interface FreshTokenCall<T> {
  /** The call, made with this token. */
  call: (token: string) => Promise<T>
  /** Whether its result says the token was refused. */
  refused: (result: T) => boolean
  /**
   * The result when no token could be had, or refreshing after a refusal failed (`first` is then what the refused
   * call answered): that failure is the news, not the refusal.
   */
  tokenFailure: (error: unknown, first?: T) => T
}

/**
 * The one "refresh once and retry": the call with the source's token; when its result says the token was refused,
 * once more with the token the source refreshes, never more. A source that cannot refresh leaves the refusal as
 * the result.
 */
export async function withFreshToken<T>(source: TokenSource, run: FreshTokenCall<T>): Promise<T> {
  let token: string
  try {
    token = await source.get()
  } catch (error) {
    return run.tokenFailure(error)
  }
  const first = await run.call(token)
  if (!run.refused(first)) return first
  let fresh: string | undefined
  try {
    fresh = await source.refreshAfterRefusal(token)
  } catch (error) {
    return run.tokenFailure(error, first)
  }
  return fresh === undefined ? first : run.call(fresh)
}

/**
 * `withFreshToken` for a call that throws its failures: a thrown error whose outcome says the token was refused is
 * the refusal; a failure to get or refresh the token is thrown as `tokenError` makes it.
 */
export async function throwingWithFreshToken<T>(
  source: TokenSource,
  call: (token: string) => Promise<T>,
  tokenError: (error: unknown) => unknown = (error) => error
): Promise<T> {
  type Settled = { value: T } | { error: unknown }
  const settled = await withFreshToken<Settled>(source, {
    call: (token) =>
      call(token).then(
        (value) => ({ value }),
        (error: unknown) => ({ error })
      ),
    refused: (result) =>
      'error' in result && tokenRefused((result.error as { outcome?: Outcome } | undefined)?.outcome),
    tokenFailure: (error) => ({ error: tokenError(error) })
  })
  if ('error' in settled) throw settled.error
  return settled.value
}

export interface FreshTokenItems<I, R> {
  items: readonly I[]
  /** Sends these items with this token: one answer per item, in order. */
  send: (items: readonly I[], token: string) => Promise<R[]>
  /** Whether an answer says the token was refused. */
  refused: (answer: R) => boolean
  /** The answer of an item when no token could be had, or the refresh after its refusal failed. */
  tokenFailure: (error: unknown, item: I) => R
}

/**
 * `withFreshToken` for items answered one by one (a host's batch): after the one refresh, only the items whose
 * answer was a refusal are sent again; every answer stays in its item's place.
 */
export async function sendItemsWithFreshToken<I, R>(source: TokenSource, run: FreshTokenItems<I, R>): Promise<R[]> {
  const answers: R[] = new Array<R>(run.items.length)
  let pending = run.items.map((_, index) => index)
  return withFreshToken<R[]>(source, {
    call: async (token) => {
      const sent = await run.send(
        pending.map((index) => run.items[index]),
        token
      )
      pending.forEach((index, position) => (answers[index] = sent[position]))
      pending = pending.filter((index) => run.refused(answers[index]))
      return answers
    },
    refused: () => pending.length > 0,
    tokenFailure: (error) => {
      for (const index of pending) answers[index] = run.tokenFailure(error, run.items[index])
      return answers
    }
  })
}
