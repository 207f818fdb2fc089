import type { Outcome } from '../outcome'
import { silentLogger, type Logger } from '../support/logger'
import { mapWithConcurrency } from '../support/pool'
import { deriveCapiEventId } from './capi-event-id'
import { chunk, MAX_ITEMS_PER_REQUEST } from './chunk'
import { outcomeForFailure } from './classify'
import { buildCapiRequest, type CapiRequestOptions } from './capi-request'
import { fetchTransport } from './fetch-transport'
import { DEFAULT_TIMEOUT_MS, type Transport } from './http'
import type { CapiEvent } from './models/capi'
import type { Exchanged } from './exchange'
import { interpretCapiResponse, readCapiAnswer } from './responses'
import { tokenSourceOf, withFreshToken, type TokenInput, type TokenSource } from './token-source'

/** The Conversions API's refusal of the tag token (responses.ts). */
export const CAPI_TOKEN_REJECTED = 'capi_token_rejected'

export { buildCapiRequest, capiUrl, DEFAULT_DATA_PROVIDER, type CapiRequestOptions } from './capi-request'

export interface CapiClientOptions extends CapiRequestOptions {
  tagId: string
  /**
   * The tag's CAPI token: pasted, or a source that fetches it (GetUetTagAuthKey) and fetches it again once after
   * the Conversions API refused it.
   */
  token: TokenInput
  transport?: Transport
  concurrency?: number
  logger?: Logger
}

/** The UET Conversions API for one tag. */
export class CapiClient {
  private readonly transport: Transport
  private readonly logger: Logger
  private readonly tokens: TokenSource

  constructor(private readonly options: CapiClientOptions) {
    this.transport = options.transport ?? fetchTransport
    this.logger = options.logger ?? silentLogger
    this.tokens = tokenSourceOf(options.token)
  }

  /**
   * Sends events in requests of at most 1,000 and returns one outcome per event, in order. Never throws. An event
   * without an eventId gets a derived one first: an unconfirmed event is sent again, which is safe only when
   * Microsoft can recognise it as the same event.
   */
  async send(events: readonly CapiEvent[]): Promise<Outcome[]> {
    return (await this.exchange(events)).outcomes
  }

  /** As `send`, with each event as the request carried it (its eventId included) and Microsoft's answer about it. */
  async exchange(events: readonly CapiEvent[]): Promise<Exchanged<CapiEvent>> {
    const identified = events.map((event) =>
      event.eventId ? event : { ...event, eventId: deriveCapiEventId(event, this.options.tagId) }
    )
    const parts = chunk(identified, MAX_ITEMS_PER_REQUEST)
    const results = await mapWithConcurrency(parts, this.options.concurrency ?? 2, (part) => this.sendChunk(part))
    if (results.length === 1) return results[0]
    return {
      outcomes: results.flatMap((result) => result.outcomes),
      sent: results.flatMap((result) => result.sent),
      answers: results.flatMap((result) => result.answers)
    }
  }

  private sendChunk(events: readonly CapiEvent[]): Promise<Exchanged<CapiEvent>> {
    return withFreshToken<Exchanged<CapiEvent>>(this.tokens, {
      call: (token) => this.sendOnce(events, token),
      refused: (exchanged) => exchanged.outcomes.some((outcome) => outcome.reason === CAPI_TOKEN_REJECTED),
      tokenFailure: (error, first) => {
        const outcome = outcomeForFailure(error)
        this.logger.warn('microsoft capi without a tag token', { events: events.length, reason: outcome.reason })
        if (first)
          return { ...first, outcomes: first.outcomes.map((o) => (o.reason === CAPI_TOKEN_REJECTED ? outcome : o)) }
        return {
          outcomes: events.map(() => outcome),
          sent: new Array(events.length),
          answers: new Array(events.length)
        }
      }
    })
  }

  private async sendOnce(events: readonly CapiEvent[], token: string): Promise<Exchanged<CapiEvent>> {
    const continueOnValidationError = this.options.continueOnValidationError ?? true
    let sent: readonly (CapiEvent | undefined)[] = new Array<undefined>(events.length)
    try {
      const request = buildCapiRequest(this.options.tagId, token, events, {
        ...this.options,
        continueOnValidationError,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS
      })
      sent = events
      const response = await this.transport(request)
      this.logger.debug('microsoft capi', { events: events.length, status: response.status })
      const { outcomes, answers } = readCapiAnswer(response, events.length, continueOnValidationError)
      return { outcomes, sent: events.slice(), answers }
    } catch (error) {
      const outcome = outcomeForFailure(error)
      this.logger.warn('microsoft capi failed without an answer', { events: events.length, reason: outcome.reason })
      return { outcomes: events.map(() => outcome), sent: sent.slice(), answers: new Array<unknown>(events.length) }
    }
  }

  /**
   * Whether the Conversions API accepts the tag token, by a request that records nothing: an empty batch. Microsoft
   * answers 401 Unauthorized when the token is "missing, incorrect, expired, or not authorized for the tag", and
   * otherwise refuses the empty batch with a 400 (https://learn.microsoft.com/advertising/guides/uet-conversion-api-integration,
   * "Unauthorized response"). Undefined when the token was accepted; else why not (capi_token_rejected, or a
   * transient failure as a retry outcome).
   */
  async checkToken(): Promise<Outcome | undefined> {
    try {
      const token = await this.tokens.get()
      const request = buildCapiRequest(this.options.tagId, token, [], {
        ...this.options,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS
      })
      const response = await this.transport(request)
      if (response.status === 400 || (response.status >= 200 && response.status < 300)) return undefined
      return interpretCapiResponse(response, 1, true)[0]
    } catch (error) {
      return outcomeForFailure(error)
    }
  }
}
