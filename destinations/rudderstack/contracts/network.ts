import axios from 'axios'
import type { AxiosRequestConfig } from 'axios'

/**
 * rudder-transformer's `src/adapters/network` `httpSend`: one axios call, never throwing, as `{ success, response }`
 * (the axios response, or the axios error with its response or code). rudder-transformer's own adds its request
 * logs and the `outgoing_request_*` metrics labelled by `statTags`; this stand-in only sends.
 */
export async function httpSend(
  options: AxiosRequestConfig,
  _statTags: Record<string, unknown> = {},
  _disableMetrics = false
): Promise<{ success: boolean; response: unknown }> {
  try {
    const response = await axios({ timeout: REQUEST_TIMEOUT_IN_MS, responseType: 'json', ...options })
    return { success: true, response }
  } catch (error) {
    return { success: false, response: error }
  }
}

/** rudder-transformer's default `REQUEST_TIMEOUT_IN_MS`. */
const REQUEST_TIMEOUT_IN_MS = 60_000
