import { isDeepStrictEqual } from 'node:util'
import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig
} from 'axios'
import type { MockAdapterLike, MockHttpCallsData } from './test-types'

/**
 * The network mock of rudder-transformer's component tests (axios-mock-adapter on the axios instance, registered
 * from each destination's `networkCallsData`, `onNoMatch: 'throwException'`), re-declared: a request is answered
 * by the first call whose method, URL and JSON body equal its own and whose headers it carries; anything else
 * throws, so no request leaves the test unmocked. A non-2xx answer rejects as axios does.
 */

function bodyOf(config: InternalAxiosRequestConfig): unknown {
  if (typeof config.data !== 'string') return config.data
  try {
    return JSON.parse(config.data)
  } catch {
    return config.data
  }
}

function matches({ httpReq }: MockHttpCallsData, config: InternalAxiosRequestConfig): boolean {
  if (httpReq.method.toLowerCase() !== (config.method ?? 'get').toLowerCase()) return false
  if (httpReq.url !== config.url) return false
  if (httpReq.data !== undefined && !isDeepStrictEqual(httpReq.data, bodyOf(config))) return false
  const headers = AxiosHeaders.from(config.headers)
  return Object.entries(httpReq.headers ?? {}).every(([name, value]) => headers.get(name) === value)
}

type MockAnswer = MockHttpCallsData['httpRes']

/** An axios adapter answering each request with `answer(config)`; a request without an answer throws. */
function adapterFrom(answer: (config: InternalAxiosRequestConfig) => MockAnswer | undefined): AxiosAdapter {
  return async (config) => {
    const httpRes = answer(config)
    if (!httpRes) throw new Error(`Could not find mock for ${(config.method ?? 'get').toUpperCase()} ${config.url}`)
    const response: AxiosResponse = {
      data: httpRes.data ?? '',
      status: httpRes.status,
      statusText: '',
      headers: AxiosHeaders.from(httpRes.headers ?? {}),
      config,
      request: {}
    }
    if (!config.validateStatus || config.validateStatus(httpRes.status)) return response
    const code = httpRes.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST
    throw new AxiosError(`Request failed with status code ${httpRes.status}`, code, config, {}, response)
  }
}

type Reply = (config: InternalAxiosRequestConfig) => Promise<unknown>

/** Replies registered by the cases' `mockFns`, each used once, after the network calls (as axios-mock-adapter). */
const onceReplies: { url: string; data: unknown; reply: Reply }[] = []

export const mockAdapter: MockAdapterLike = {
  onPost(url, data) {
    return {
      replyOnce(reply) {
        onceReplies.push({ url, data, reply })
        return mockAdapter
      }
    }
  }
}

function takeOnceReply(config: InternalAxiosRequestConfig): Reply | undefined {
  const index = onceReplies.findIndex(
    (candidate) =>
      (config.method ?? 'get').toLowerCase() === 'post' &&
      candidate.url === config.url &&
      (candidate.data === undefined || isDeepStrictEqual(candidate.data, bodyOf(config)))
  )
  return index < 0 ? undefined : onceReplies.splice(index, 1)[0].reply
}

export function axiosMockAdapter(calls: readonly MockHttpCallsData[]): AxiosAdapter {
  const fromCalls = adapterFrom((config) => calls.find((candidate) => matches(candidate, config))?.httpRes)
  return async (config) => {
    if (!calls.some((candidate) => matches(candidate, config))) {
      const reply = takeOnceReply(config)
      if (reply) return (await reply(config)) as AxiosResponse
    }
    return fromCalls(config)
  }
}

/** Replies computed from the request body, per URL (axios-mock-adapter's `reply(config => ...)`). */
export function mockAxiosReplies(replies: Readonly<Record<string, (body: unknown) => MockAnswer>>): () => void {
  const previous = axios.defaults.adapter
  axios.defaults.adapter = adapterFrom((config) => replies[config.url ?? '']?.(bodyOf(config)))
  return () => {
    axios.defaults.adapter = previous
  }
}

/** Mocks the default axios instance with `calls`; returns the function that restores its adapter. */
export function mockAxios(calls: readonly MockHttpCallsData[]): () => void {
  const previous = axios.defaults.adapter
  axios.defaults.adapter = axiosMockAdapter(calls)
  return () => {
    axios.defaults.adapter = previous
  }
}
