import axios, { AxiosHeaders, isAxiosError, type AxiosResponse } from 'axios'
import type { ClientResponse, HttpAnswer, ProxyTransport } from './transport'

/** rudder-transformer's default `REQUEST_TIMEOUT_IN_MS`. */
export const REQUEST_TIMEOUT_MS = 60_000

function answerOf(response: AxiosResponse): HttpAnswer {
  const headers = response.headers instanceof AxiosHeaders ? response.headers.toJSON() : response.headers
  return { data: response.data, status: response.status, headers: { ...(headers as Record<string, unknown>) } }
}

/**
 * The default transport: axios, as rudder-transformer's `httpSend` calls it (JSON responses, a timeout, every
 * non-2xx status an error carrying its response). A timeout is reported as ETIMEDOUT.
 */
export const axiosTransport: ProxyTransport = async (options): Promise<ClientResponse> => {
  try {
    const response = await axios.request({
      ...options,
      timeout: REQUEST_TIMEOUT_MS,
      responseType: 'json',
      transitional: { clarifyTimeoutError: true }
    })
    return { success: true, response: answerOf(response) }
  } catch (error) {
    if (isAxiosError(error) && error.response)
      return { success: false, response: { response: answerOf(error.response) } }
    const code = isAxiosError(error) && error.code ? error.code : 'ECONNRESET'
    return { success: false, response: { code, message: error instanceof Error ? error.message : String(error) } }
  }
}
