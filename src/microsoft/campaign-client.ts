import { callRateOf, isCallRateExceeded, type CallRate } from './call-rate'
import { resolveEndpoints } from './endpoints'
import { z } from 'zod'
import { tokenRefused, type Outcome } from '../outcome'
import { silentLogger, type Logger } from '../support/logger'
import { mapWithConcurrency } from '../support/pool'
import { CAMPAIGN_OPERATIONS, type ApplyOperation, type CampaignOperation } from './campaign-operations'
import { buildCampaignRequest, type CampaignCredentials } from './campaign-request'
import { chunk } from './chunk'
import { outcomeForFailure } from './classify'
import type { Environment } from './endpoints'
import { MicrosoftApiError } from './errors'
import { fetchTransport } from './fetch-transport'
import type { HttpResponse, Transport } from './http'
import {
  AddConversionGoalsResponseSchema,
  BatchError,
  BatchErrorSchema,
  ConversionGoal,
  GetConversionGoalsResponseSchema,
  GetOfflineConversionReportByGoalIdsResponse,
  GetOfflineConversionReportByGoalIdsResponseSchema,
  GetOfflineConversionReportsResponse,
  GetOfflineConversionReportsResponseSchema,
  GetUetTagAuthKeyResponseSchema,
  GetUetTagsResponseSchema,
  UetTag,
  authKeyOf,
  type ConversionGoalType,
  type GetOfflineConversionReportByGoalIdsRequest,
  type GetOfflineConversionReportsRequest,
  type OfflineConversion,
  type OfflineConversionAdjustment,
  type OnlineConversionAdjustment
} from './models'
import type { Exchanged } from './exchange'
import {
  conversionNameSubject,
  interpretApplyResponse,
  readApplyAnswer,
  trackingIdOf,
  type ItemSubject
} from './responses'
import {
  throwingWithFreshToken,
  tokenSourceOf,
  withFreshToken,
  type TokenInput,
  type TokenSource
} from './token-source'

export interface CampaignAuth {
  developerToken: string
  customerId: string
  accountId: string
  /**
   * The access token: a TokenSource (`oauthTokenSource`) is refreshed once after Microsoft refuses it (105, 109,
   * HTTP 401) and the call made again; a plain token or function is not, and the auth outcome is the answer (hosts
   * that refresh themselves, Segment with the platform's token).
   */
  accessToken: TokenInput
}

/** The four header values of one call, with this access token. */
export function credentialsWith(auth: CampaignAuth, accessToken: string): CampaignCredentials {
  return { accessToken, developerToken: auth.developerToken, customerId: auth.customerId, accountId: auth.accountId }
}

export interface CampaignClientOptions {
  auth: CampaignAuth
  environment?: Environment
  transport?: Transport
  timeoutMs?: number
  /** The pace of calls (lowered after 117 CallRateExceeded); by default shared by every client of the account. */
  callRate?: CallRate
  /** Apply chunks in flight at once. */
  concurrency?: number
  logger?: Logger
}

export interface ApplyCall {
  operation: ApplyOperation
  itemCount: number
  status: number
  trackingId?: string
  durationMs: number
}

/** The words that name an item error's goal: every Apply operation's records carry a ConversionName. */
export function conversionNameOf(records: readonly { ConversionName?: unknown }[]): ItemSubject {
  return (index) => conversionNameSubject(records[index]?.ConversionName)
}

/** Campaign Management v13 over REST: the three Apply operations, goals, tags and the CAPI tag key. */
export class CampaignClient {
  private readonly transport: Transport
  private readonly logger: Logger
  private readonly tokens: TokenSource
  /** Observers of each Apply call, for metrics. */
  readonly applyListeners: Array<(call: ApplyCall) => void> = []

  constructor(private readonly options: CampaignClientOptions) {
    this.transport = options.transport ?? fetchTransport
    this.logger = options.logger ?? silentLogger
    this.tokens = tokenSourceOf(options.auth.accessToken)
  }

  /** Which account of which service this client calls: the key of what is cached about that account. */
  get accountKey(): string {
    const { auth, environment } = this.options
    return `${resolveEndpoints(environment).campaignBaseUrl}|${auth.customerId}|${auth.accountId}`
  }

  private async send(operation: CampaignOperation, body: unknown, accessToken: string): Promise<HttpResponse> {
    const request = buildCampaignRequest(operation, body, credentialsWith(this.options.auth, accessToken), {
      environment: this.options.environment,
      timeoutMs: this.options.timeoutMs
    })
    const pace = this.options.callRate ?? callRateOf(this.accountKey)
    if (!pace) return this.transport(request)
    await pace.acquire()
    const response = await this.transport(request)
    if (isCallRateExceeded(response.status, response.body)) pace.throttled()
    else pace.answered()
    return response
  }

  /** Sends items in chunks of at most 1,000 and returns one outcome per item, in order. Never throws. */
  async apply(operation: ApplyOperation, items: readonly object[], subject?: ItemSubject): Promise<Outcome[]> {
    return (await this.exchange(operation, items, subject)).outcomes
  }

  /** As `apply`, with each item as the last request carried it and Microsoft's answer about it. */
  async exchange<R extends object>(
    operation: ApplyOperation,
    items: readonly R[],
    subject?: ItemSubject
  ): Promise<Exchanged<R>> {
    const spec = CAMPAIGN_OPERATIONS[operation]
    const chunks = chunk(items, spec.maxItems)
    const offsets = chunks.map((_, i) => i * spec.maxItems)
    const results = await mapWithConcurrency(chunks, this.options.concurrency ?? 2, (part, i) =>
      this.applyChunk(operation, part, subject ? (index, error) => subject(index + offsets[i], error) : undefined)
    )
    if (results.length === 1) return results[0]
    return {
      outcomes: results.flatMap((result) => result.outcomes),
      sent: results.flatMap((result) => result.sent),
      answers: results.flatMap((result) => result.answers)
    }
  }

  private async applyChunk<R extends object>(
    operation: ApplyOperation,
    items: readonly R[],
    subject?: ItemSubject
  ): Promise<Exchanged<R>> {
    const listKey = CAMPAIGN_OPERATIONS[operation].listKey
    return withFreshToken<Exchanged<R>>(this.tokens, {
      call: (accessToken) => this.applyOnce(operation, listKey, items, accessToken, subject),
      refused: (exchanged) => exchanged.outcomes.some(tokenRefused),
      // No token, or the refresh itself failed (the identity platform is down, the refresh token expired): the news.
      tokenFailure: (error, first) => {
        const outcome = outcomeForFailure(error)
        this.logger.warn('microsoft apply without a token', { operation, items: items.length, reason: outcome.reason })
        if (first) return { ...first, outcomes: first.outcomes.map((o) => (tokenRefused(o) ? outcome : o)) }
        return { outcomes: items.map(() => outcome), sent: new Array(items.length), answers: new Array(items.length) }
      }
    })
  }

  /** One Apply call with this token: what each item was sent as and answered. */
  private async applyOnce<R extends object>(
    operation: ApplyOperation,
    listKey: string,
    items: readonly R[],
    accessToken: string,
    subject?: ItemSubject
  ): Promise<Exchanged<R>> {
    const started = Date.now()
    try {
      const response = await this.send(operation, { [listKey]: items }, accessToken)
      const { outcomes, answers } = readApplyAnswer(response, items.length, subject)
      const call: ApplyCall = {
        operation,
        itemCount: items.length,
        status: response.status,
        trackingId: outcomes[0]?.trackingId,
        durationMs: Date.now() - started
      }
      this.logger.debug('microsoft apply', { ...call })
      for (const listener of this.applyListeners) listener(call)
      return { outcomes, sent: items.slice(), answers }
    } catch (error) {
      const outcome = outcomeForFailure(error)
      this.logger.warn('microsoft apply failed without an answer', {
        operation,
        items: items.length,
        reason: outcome.reason
      })
      for (const listener of this.applyListeners)
        listener({ operation, itemCount: items.length, status: 0, durationMs: Date.now() - started })
      return { outcomes: items.map(() => outcome), sent: items.slice(), answers: new Array(items.length) }
    }
  }

  applyOfflineConversions(records: readonly OfflineConversion[]): Promise<Outcome[]> {
    return this.apply('applyOfflineConversions', records, conversionNameOf(records))
  }

  applyOfflineConversionAdjustments(records: readonly OfflineConversionAdjustment[]): Promise<Outcome[]> {
    return this.apply('applyOfflineConversionAdjustments', records, conversionNameOf(records))
  }

  applyOnlineConversionAdjustments(records: readonly OnlineConversionAdjustment[]): Promise<Outcome[]> {
    return this.apply('applyOnlineConversionAdjustments', records, conversionNameOf(records))
  }

  /**
   * A non-Apply call: the parsed body, or a MicrosoftApiError with the classified outcome. A refused token is
   * refreshed once, as for Apply.
   */
  private query<T extends z.ZodTypeAny>(operation: CampaignOperation, body: unknown, schema: T): Promise<z.infer<T>> {
    return throwingWithFreshToken(
      this.tokens,
      (accessToken) => this.queryOnce(operation, body, schema, accessToken),
      (error) => new MicrosoftApiError(outcomeForFailure(error))
    )
  }

  private async queryOnce<T extends z.ZodTypeAny>(
    operation: CampaignOperation,
    body: unknown,
    schema: T,
    accessToken: string
  ): Promise<z.infer<T>> {
    let response: HttpResponse
    try {
      response = await this.send(operation, body, accessToken)
    } catch (error) {
      throw new MicrosoftApiError(outcomeForFailure(error))
    }
    if (response.status < 200 || response.status >= 300) {
      throw new MicrosoftApiError(interpretApplyResponse(response, 1)[0])
    }
    let json: unknown
    try {
      json = response.body ? JSON.parse(response.body) : {}
    } catch {
      json = undefined
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new MicrosoftApiError({
        outcome: 'retry',
        reason: 'unreadable_response',
        status: 502,
        message: `Microsoft's answer to ${operation} could not be read.`,
        trackingId: trackingIdOf(response, json)
      })
    }
    return parsed.data
  }

  /** Goals of the account. With no ids, Microsoft returns every goal of the given types. */
  async getConversionGoals(
    options: { types?: ConversionGoalType[]; ids?: string[]; additionalFields?: string } = {}
  ): Promise<ConversionGoal[]> {
    const body: Record<string, unknown> = {
      ConversionGoalIds: options.ids ?? [],
      ConversionGoalTypes: (options.types ?? ['OfflineConversion']).join(',')
    }
    if (options.additionalFields) body.ReturnAdditionalFields = options.additionalFields
    const data = await this.query('getConversionGoalsByIds', body, GetConversionGoalsResponseSchema)
    return (data.ConversionGoals ?? []).filter((goal): goal is ConversionGoal => goal !== null)
  }

  async getConversionGoalsByTagIds(
    tagIds: string[],
    types: ConversionGoalType[] = ['OfflineConversion']
  ): Promise<ConversionGoal[]> {
    const data = await this.query(
      'getConversionGoalsByTagIds',
      { TagIds: tagIds, ConversionGoalTypes: types.join(',') },
      GetConversionGoalsResponseSchema
    )
    return (data.ConversionGoals ?? []).filter((goal): goal is ConversionGoal => goal !== null)
  }

  /** Adds goals; the ids are index-aligned with the input, null where that goal failed (see the errors). */
  async addConversionGoals(
    goals: Array<Partial<ConversionGoal>>
  ): Promise<{ ids: Array<string | null>; errors: BatchError[] }> {
    const data = await this.query('addConversionGoals', { ConversionGoals: goals }, AddConversionGoalsResponseSchema)
    const errors = z.array(BatchErrorSchema).safeParse(data.PartialErrors ?? [])
    return { ids: data.ConversionGoalIds ?? [], errors: errors.success ? errors.data : [] }
  }

  async getUetTags(ids: string[] = []): Promise<UetTag[]> {
    const data = await this.query('getUetTagsByIds', { TagIds: ids }, GetUetTagsResponseSchema)
    return (data.UetTags ?? []).filter((tag): tag is UetTag => tag !== null)
  }

  async addUetTags(
    tags: Array<{ Name: string; Description?: string }>
  ): Promise<{ tags: UetTag[]; errors: BatchError[] }> {
    const data = await this.query('addUetTags', { UetTags: tags }, GetUetTagsResponseSchema)
    const errors = z.array(BatchErrorSchema).safeParse(data.PartialErrors ?? [])
    return {
      tags: (data.UetTags ?? []).filter((tag): tag is UetTag => tag !== null),
      errors: errors.success ? errors.data : []
    }
  }

  /** The per-tag key for the UET Conversions API. Microsoft creates one if the tag has none yet. */
  async getUetTagAuthKey(tagId: string): Promise<string> {
    const data = await this.query('getUetTagAuthKey', { UetTagId: tagId }, GetUetTagAuthKeyResponseSchema)
    const key = authKeyOf(data)
    if (!key) {
      throw new MicrosoftApiError({
        outcome: 'rejected',
        reason: 'no_tag_auth_key',
        status: 400,
        field: 'uet_tag_id',
        message: `Microsoft returned no Conversions API key for UET tag ${tagId}.`
      })
    }
    return key
  }

  /** One GetOfflineConversionReportByGoalIds call (≤ 20 goals, ≤ 7 days); offline-conversion-report.ts splits. */
  getOfflineConversionReportByGoalIds(
    request: GetOfflineConversionReportByGoalIdsRequest
  ): Promise<GetOfflineConversionReportByGoalIdsResponse> {
    return this.query('getOfflineConversionReportByGoalIds', request, GetOfflineConversionReportByGoalIdsResponseSchema)
  }

  /** One GetOfflineConversionReports call: the account's uploads per day, with a detail file each. */
  getOfflineConversionReports(
    request: GetOfflineConversionReportsRequest
  ): Promise<GetOfflineConversionReportsResponse> {
    return this.query('getOfflineConversionReports', request, GetOfflineConversionReportsResponseSchema)
  }
}
