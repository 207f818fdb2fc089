import type {
  Destination,
  Metadata,
  ProcessorTransformationOutput,
  ProxyMetadata,
  ProxyV1Request,
  RouterTransformationRequestData
} from '../../../destinations/rudderstack/contracts/rudder-types'
import { checkCredentialFormats } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import type { CliSettings } from '../config/settings'
import type { CliMetrics } from '../metrics/cli-metrics'
import { CLI_WORKSPACE_ID } from '../rudderstack/cli-destination'
import { rudderJobOutcome } from '../rudderstack/job-outcome'
import { outcomeOfError } from './error-outcome'
import { tokenRefused, type Outcome } from '../../outcome'
import type { HostTokens } from './host-tokens'
import { sendItemsWithFreshToken } from '../../microsoft/token-source'
import { DEST_TYPE, requestMetadata, runDelivery, runRouter } from '../../../destinations/rudderstack/service-layer'

/** A message to deliver, with the metadata and destination rudder-server would attach (filled in when absent). */
export interface RudderJob {
  message: Record<string, unknown>
  metadata?: Partial<Metadata>
  destination?: Destination
}

export interface RudderJobResult extends Outcome {
  jobId: number
}

/**
 * The command line in rudder-server's place: it attaches the OAuth secret (its own tokens) to each job, runs the
 * router transform, sends every batched request through the delivery proxy, and reads each job's status. A job
 * told to refresh the token (REFRESH_TOKEN) is sent once more after one refresh.
 */
export class RudderHost {
  constructor(
    private readonly options: {
      tokens: HostTokens
      settings: CliSettings
      destination: Destination
      metrics?: CliMetrics
      account?: string
    }
  ) {}

  async deliver(jobs: readonly RudderJob[]): Promise<RudderJobResult[]> {
    const results = (await this.deliverWithTokens(jobs)).map(({ jobId, ...outcome }) => ({ jobId, ...outcome }))
    for (const result of results) {
      this.options.metrics?.recordOutcome(
        'rudderstack',
        result.outcome,
        result.reason,
        1,
        this.options.account,
        result.warnings
      )
    }
    return results
  }

  private needsOAuth(): boolean {
    return checkCredentialFormats(this.options.settings, requiredCredentials('token_refresh')).length === 0
  }

  private deliverWithTokens(jobs: readonly RudderJob[]): Promise<RudderJobResult[]> {
    if (!this.needsOAuth()) return this.deliverOnce(jobs, '')
    const ids = new Map(jobs.map((job, index) => [job, this.jobId(job, index)]))
    return sendItemsWithFreshToken(this.options.tokens.source(this.options.settings), {
      items: jobs,
      // A job sent again keeps the id it had in the whole batch.
      send: (some, accessToken) =>
        this.deliverOnce(
          some.map((job) => ({ ...job, metadata: { ...job.metadata, jobId: ids.get(job) } })),
          accessToken
        ),
      refused: tokenRefused,
      tokenFailure: (error, job) => ({ ...outcomeOfError(error), jobId: ids.get(job) as number })
    })
  }

  private jobId(job: RudderJob, index: number): number {
    return typeof job.metadata?.jobId === 'number' ? job.metadata.jobId : index + 1
  }

  private async deliverOnce(jobs: readonly RudderJob[], accessToken: string): Promise<RudderJobResult[]> {
    const destination = this.options.destination
    const secret: Record<string, unknown> = accessToken
      ? { accessToken, developer_token: this.options.settings.developer_token ?? '' }
      : {}
    const inputs: RouterTransformationRequestData[] = jobs.map((job, index) => {
      const target = job.destination ?? destination
      return {
        message: job.message as RouterTransformationRequestData['message'],
        destination: target,
        metadata: {
          sourceId: 'msads-cli',
          workspaceId: target.WorkspaceID ?? CLI_WORKSPACE_ID,
          destinationId: target.ID,
          ...job.metadata,
          jobId: this.jobId(job, index),
          secret: { ...secret, ...(job.metadata?.secret ?? {}) }
        }
      }
    })
    const byJob = new Map<number, RudderJobResult>()
    // rudder-server's router always declares that it understands the filter code (298).
    const features = requestMetadata({ 'X-Feature-Filter-Code': '?1' })
    const outputs = (await runRouter({ input: inputs, destType: DEST_TYPE }, features)).body.output
    await Promise.all(
      outputs.map(async (output) => {
        const metadata = output.metadata ?? []
        if (output.statusCode !== 200 || !output.batchedRequest) {
          for (const meta of metadata) {
            const outcome = rudderJobOutcome({
              status: output.statusCode,
              error: output.error,
              outcome: output.outcome,
              authErrorCategory: output.authErrorCategory,
              statTags: output.statTags
            })
            byJob.set(meta.jobId as number, { ...outcome, jobId: meta.jobId as number })
          }
          return
        }
        const requests = [output.batchedRequest].flat()
        const statuses = await this.sendInTurn(requests, metadata, output.destination ?? destination)
        for (const [jobId, result] of statuses) byJob.set(jobId, result)
      })
    )
    return inputs.map((input) => {
      const jobId = input.metadata.jobId
      return (
        byJob.get(jobId) ?? {
          jobId,
          status: 500,
          outcome: 'retry',
          reason: 'not_sent',
          message: 'The job was not in any router output.'
        }
      )
    })
  }

  /**
   * A job with two requests (Conversions API, then an Apply call) is sent in turn, as rudder-server does: it keeps
   * the statuses of the last request, unless an earlier one asked for a retry.
   */
  private async sendInTurn(
    requests: ProcessorTransformationOutput[],
    metadata: Array<Partial<Metadata>>,
    destination: Destination
  ): Promise<Map<number, RudderJobResult>> {
    const proxyMetadata: ProxyMetadata[] = metadata.map((meta) => ({
      jobId: meta.jobId as number,
      attemptNum: 0,
      userId: String(meta.userId ?? ''),
      sourceId: String(meta.sourceId ?? ''),
      destinationId: String(meta.destinationId ?? destination.ID),
      workspaceId: String(meta.workspaceId ?? destination.WorkspaceID),
      secret: meta.secret ?? {},
      ...(meta.destInfo ? { destInfo: meta.destInfo } : {}),
      dontBatch: Boolean(meta.dontBatch)
    }))
    const final = new Map<number, RudderJobResult>()
    for (const request of requests) {
      const proxyRequest: ProxyV1Request = {
        ...request,
        userId: request.userId ?? '',
        metadata: proxyMetadata,
        destinationConfig: destination.Config
      }
      const { output } = (await runDelivery(proxyRequest)).body
      for (const state of output.response) {
        const jobId = state.metadata.jobId
        const previous = final.get(jobId)
        if (previous && previous.outcome === 'retry') continue
        // A job's own state carries no authErrorCategory: only a batch that failed alike does.
        const outcome = rudderJobOutcome({
          status: state.statusCode,
          error: state.error,
          outcome: state.outcome,
          authErrorCategory: output.authErrorCategory,
          statTags: output.statTags
        })
        final.set(jobId, { ...outcome, jobId })
      }
    }
    return final
  }
}
