/** The UET Conversions API request, apart from the client that sends it (hosts build it and send it themselves). */
import { resolveEndpoints } from './endpoints'
import { DEFAULT_TIMEOUT_MS, type HttpRequest } from './http'
import type { CapiEvent, CapiRequest } from './models/capi'

/** The name this package sends as `dataProvider`, which Microsoft asks third-party senders to set. */
export const DEFAULT_DATA_PROVIDER = 'msads-conversions'

export interface CapiRequestOptions {
  continueOnValidationError?: boolean
  dataProvider?: string
  timeoutMs?: number
}

export function capiUrl(tagId: string): string {
  return `${resolveEndpoints().capiBaseUrl}${encodeURIComponent(tagId)}/events`
}

/** One CAPI request: the tag's token as a bearer, the flag and the provider at the top level. */
export function buildCapiRequest(
  tagId: string,
  token: string,
  events: readonly CapiEvent[],
  options: CapiRequestOptions = {}
): HttpRequest {
  const body: CapiRequest = {
    data: events as CapiEvent[],
    continueOnValidationError: options.continueOnValidationError ?? true,
    dataProvider: options.dataProvider ?? DEFAULT_DATA_PROVIDER
  }
  return {
    method: 'POST',
    url: capiUrl(tagId),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }
}
