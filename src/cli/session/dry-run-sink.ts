import { createServer, type IncomingHttpHeaders, type Server } from 'http'
import type { AddressInfo } from 'net'
import { ENDPOINT_ENV, resolveEndpoints, type Endpoints, type Environment } from '../../microsoft/endpoints'
import { readBody } from '../../support/read-body'
import { redactValue } from '../../support/redact'
import { pointEndpointsAt } from './endpoint-override'

/** Headers whose value is a secret; shown as [redacted]. Everything else (ids, content type) is shown. */
const SECRET_HEADERS = new Set(['authorization', 'developertoken', 'password', 'username'])
/** Microsoft's largest request is a Bulk file of 100 MB; the Apply and CAPI requests a dry run prints are far smaller. */
const SINK_MAX_BODY_BYTES = 100 * 1024 * 1024
const SHOWN_HEADERS = ['authorization', 'developertoken', 'customerid', 'customeraccountid', 'content-type']
const HEADER_NAMES: Record<string, string> = {
  authorization: 'Authorization',
  developertoken: 'DeveloperToken',
  customerid: 'CustomerId',
  customeraccountid: 'CustomerAccountId',
  'content-type': 'Content-Type'
}

export interface DryRunSink {
  /** Requests printed so far (token requests are answered but not printed: they carry only secrets). */
  readonly requests: number
  /** Restores the endpoint environment and stops the sink. */
  close(): Promise<void>
}

function describeHeaders(headers: IncomingHttpHeaders): string[] {
  return SHOWN_HEADERS.filter((name) => headers[name] !== undefined).map((name) => {
    const value = String(headers[name])
    const shown = SECRET_HEADERS.has(name)
      ? name === 'authorization'
        ? value.replace(/^(\w+)\s.*$/, '$1 [redacted]')
        : '[redacted]'
      : value
    return `  ${HEADER_NAMES[name]}: ${shown}`
  })
}

/** What Microsoft would answer when everything is accepted, so the destination runs its whole path. */
function acceptingAnswer(path: string, body: string): unknown {
  if (/\/oauth2\/v2\.0\/token$/.test(path)) {
    return {
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: 'dry-run-access-token',
      refresh_token: 'dry-run-refresh-token'
    }
  }
  if (/\/v1\/[^/]+\/events$/.test(path)) {
    let events = 0
    try {
      events = (JSON.parse(body) as { data?: unknown[] }).data?.length ?? 0
    } catch {
      events = 0
    }
    return { eventsReceived: events }
  }
  if (/uettagauthkey\/query$/i.test(path)) return { UetTagAuthKey: 'dry-run-capi-key' }
  if (/\/apply$/i.test(path)) return { PartialErrors: [] }
  return {}
}

/** Maps a path of the sink back to the URL the request would have gone to. */
function realUrl(path: string, sinkBase: string, real: Endpoints): string {
  const url = `${sinkBase}${path}`
  const sink = resolveEndpoints('production', { [ENDPOINT_ENV.all]: sinkBase })
  if (url.startsWith(sink.campaignBaseUrl)) return `${real.campaignBaseUrl}${url.slice(sink.campaignBaseUrl.length)}`
  if (url.startsWith(sink.capiBaseUrl)) return `${real.capiBaseUrl}${url.slice(sink.capiBaseUrl.length)}`
  return url
}

/**
 * `--dry-run`: every Microsoft endpoint of this process points at a local sink that prints each request (secrets
 * redacted; hashed emails and phones are shown, as Microsoft would receive them) and answers as if all were
 * accepted. Nothing leaves the machine; the sender then reports those events as skipped with reason dry_run.
 */
export async function startDryRunSink(print: (text: string) => void, environment: Environment): Promise<DryRunSink> {
  const real = resolveEndpoints(environment)
  let requests = 0
  let base = ''
  const server: Server = createServer((request, response) => {
    readBody(request, { limit: SINK_MAX_BODY_BYTES })
      .then((read) => {
        if (read.kind === 'tooLarge') return void response.writeHead(413, { Connection: 'close' }).end()
        if (read.kind !== 'ok') return void response.destroy()
        const body = read.text
        const path = new URL(request.url ?? '/', 'http://sink.invalid').pathname
        if (!/\/oauth2\/v2\.0\/token$/.test(path)) {
          requests += 1
          let shownBody = body
          try {
            shownBody = JSON.stringify(redactValue(JSON.parse(body)))
          } catch {
            shownBody = body ? '[body not JSON]' : ''
          }
          print(
            [
              `${request.method} ${realUrl(path, base, real)}`,
              ...describeHeaders(request.headers),
              `  ${shownBody}`,
              ''
            ].join('\n')
          )
        }
        const answer = JSON.stringify(acceptingAnswer(path, body))
        response.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(answer)),
          TrackingId: 'dry-run'
        })
        response.end(answer)
      })
      .catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const restoreEndpoints = pointEndpointsAt(base)
  return {
    get requests() {
      return requests
    },
    close: async () => {
      restoreEndpoints()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}
