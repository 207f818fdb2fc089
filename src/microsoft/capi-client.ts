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
import { readCapiAnswer } from './responses'

export { buildCapiRequest, capiUrl, DEFAULT_DATA_PROVIDER, type CapiRequestOptions } from './capi-request'

export interface CapiClientOptions extends CapiRequestOptions {
  tagId: string
  /** The tag's CAPI token, or a function that fetches it (UetTagAuthKey/Query). */
  token: string | (() => Promise<string>)
  transport?: Transport
  concurrency?: number
  logger?: Logger
}

/** The UET Conversions API for one tag. */
export class CapiClient {
  private readonly transport: Transport
  private readonly logger: Logger

  constructor(private readonly options: CapiClientOptions) {
    this.transport = options.transport ?? fetchTransport
    this.logger = options.logger ?? silentLogger
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

  private async sendChunk(events: readonly CapiEvent[]): Promise<Exchanged<CapiEvent>> {
    const continueOnValidationError = this.options.continueOnValidationError ?? true
    let sent: readonly (CapiEvent | undefined)[] = new Array<undefined>(events.length)
    try {
      const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token
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
}
