import nock from 'nock'
import type { MockHttpCallsData } from './test-types'

/** Registers rudder-transformer-style `networkCallsData` with nock: matched on method, URL and JSON body. */
export function mockNetwork(calls: readonly MockHttpCallsData[]): void {
  for (const { httpReq, httpRes } of calls) {
    const url = new URL(httpReq.url)
    const scope = nock(url.origin).persist()
    const path = `${url.pathname}${url.search}`
    const body = httpReq.data === undefined ? undefined : (sent: unknown) => JSON.stringify(sent) === JSON.stringify(httpReq.data)
    const interceptor = scope.intercept(path, httpReq.method, body as never)
    for (const [name, value] of Object.entries(httpReq.headers ?? {})) interceptor.matchHeader(name, value)
    if ('networkError' in httpRes) interceptor.replyWithError({ code: httpRes.networkError, message: httpRes.networkError })
    else interceptor.reply(httpRes.status, httpRes.data === undefined ? '' : (httpRes.data as nock.Body), httpRes.headers)
  }
}
