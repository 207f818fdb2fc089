import type { OutcomeJson } from 'msads-conversions'

/**
 * The shapes rudder-transformer exchanges with a destination (its `src/types`), re-declared because
 * rudder-transformer is not published on npm. Field names and optionality follow rudder-transformer v1.145;
 * only what this destination reads or writes is declared. `outcome` is this destination's own addition (see
 * JobOutcomeField): rudder-transformer's schemas let unknown keys through and rudder-server ignores them.
 */

/**
 * The core's outcome of the job(s) an entry is about, as data: what the status and the error text say, with the
 * reason, field, rule, code and TrackingId a reader would otherwise have to dig out of prose.
 */
export interface JobOutcomeField {
  outcome?: OutcomeJson
}

export interface DestinationDefinition {
  ID: string
  Name: string
  DisplayName: string
  Config: Record<string, unknown>
}

export interface Destination<Config = Record<string, unknown>> {
  ID: string
  Name: string
  DestinationDefinition: DestinationDefinition
  Config: Config
  Enabled: boolean
  WorkspaceID: string
  Transformations: unknown[]
  RevisionID?: string
  IsProcessorEnabled?: boolean
  version?: number
}

export interface Connection {
  sourceId: string
  destinationId: string
  enabled: boolean
  config: Record<string, unknown>
  processorEnabled?: boolean
}

/** Job metadata. rudder-transformer validates it with a passthrough schema, so unknown keys survive. */
export interface Metadata {
  jobId: number
  sourceId: string
  workspaceId: string
  destinationId: string
  sourceType?: string
  sourceCategory?: string
  destinationType?: string
  messageId?: string
  attemptNum?: number
  userId?: string
  dontBatch?: boolean
  /** OAuth secrets, filled by rudder-server's OAuth client for OAuth destinations. */
  secret?: Record<string, unknown>
  /** Per-job data a router transform hands to its own delivery proxy (rudder-server carries it through). */
  destInfo?: Record<string, unknown>
  [key: string]: unknown
}

type EventMessageType = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias'
export type MessageType = EventMessageType | 'record' | 'audiencelist'

export interface RudderMessage {
  /** One of MessageType, or any other type rudder-server forwards: the destination checks it, the type cannot. */
  type: string
  userId?: string
  anonymousId?: string
  channel?: string
  context?: Record<string, unknown>
  originalTimestamp?: string
  sentAt?: string
  timestamp?: string
  event?: string
  integrations?: Record<string, unknown>
  messageId?: string
  properties?: Record<string, unknown>
  traits?: Record<string, unknown>
  statusCode?: number
  [key: string]: unknown
}

export type RecordAction = 'insert' | 'update' | 'delete'

/** A reverse-ETL (warehouse) record, VDM v2. */
export interface RudderRecordV2 extends RudderMessage {
  type: 'record'
  action: RecordAction
  fields?: Record<string, unknown>
  identifiers?: Record<string, string | number>
  recordId?: string
}

export interface ProcessorTransformationRequest<M = RudderMessage> {
  message: M
  metadata: Metadata
  destination: Destination
  connection?: Connection
}

export type RouterTransformationRequestData<M = RudderMessage> = ProcessorTransformationRequest<M>

export interface RouterTransformationRequest<M = RudderMessage> {
  input: RouterTransformationRequestData<M>[]
  destType: string
}

/** The body formats rudder-server knows how to send. */
export interface RequestBody {
  JSON: Record<string, unknown>
  JSON_ARRAY: Record<string, unknown>
  XML: Record<string, unknown>
  FORM: Record<string, unknown>
}

/** `defaultRequestConfig()` of rudder-transformer, plus `endpointPath` (used for metrics and delivery throttling). */
export interface ProcessorTransformationOutput {
  version: string
  type: string
  method: string
  endpoint: string
  endpointPath?: string
  userId?: string
  headers: Record<string, string>
  params: Record<string, unknown>
  body: RequestBody
  files: Record<string, unknown>
}

export interface ProcessorTransformationResponse {
  output?: ProcessorTransformationOutput
  metadata: Partial<Metadata>
  statusCode: number
  error?: string
  statTags?: Record<string, unknown>
}

export interface RouterTransformationResponse extends JobOutcomeField {
  batchedRequest?: ProcessorTransformationOutput | ProcessorTransformationOutput[]
  metadata: Partial<Metadata>[]
  destination: Destination
  batched: boolean
  statusCode: number
  error?: string
  statTags?: Record<string, unknown>
  authErrorCategory?: string
}

/** What rudder-server sends with each proxied request, once per job of the batch, in batch order. */
export interface ProxyMetadata {
  jobId: number
  attemptNum: number
  userId: string
  sourceId: string
  destinationId: string
  workspaceId: string
  secret: Record<string, unknown>
  destInfo?: Record<string, unknown>
  dontBatch: boolean
}

export interface ProxyV1Request {
  version: string
  type: string
  method: string
  endpoint: string
  endpointPath?: string
  userId: string
  headers?: Record<string, unknown>
  params?: Record<string, unknown>
  body?: Partial<RequestBody> & { GZIP?: Record<string, unknown> }
  files?: Record<string, unknown>
  metadata: ProxyMetadata[]
  destinationConfig: Record<string, unknown>
  destinationVersion?: number
}

export interface DeliveryJobState extends JobOutcomeField {
  error: string
  statusCode: number
  metadata: ProxyMetadata
}

export interface DeliveryV1Response {
  status: number
  message: string
  statTags?: Record<string, unknown>
  destinationResponse?: unknown
  authErrorCategory?: string
  response: DeliveryJobState[]
}

/**
 * rudder-transformer's request metadata, the second argument of `process` and `processRouterDest`: the features
 * the caller declared in `X-Feature-*` headers (rudder-server sends `X-Feature-Filter-Code: ?1`).
 */
export interface RequestMetadata {
  namespace?: string
  cluster?: string
  features?: Record<string, boolean | string>
}

/** What rudder-server's OAuth client acts on (rudder-transformer's `authConstants`). */
export type AuthErrorCategory = 'REFRESH_TOKEN' | 'AUTH_STATUS_INACTIVE'
