import { DEFAULT_TIMEOUT_MS, TransportError, type Transport } from './http'

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value
  })
  return out
}

/** The standalone transport, on Node's global fetch. */
export const fetchTransport: Transport = async (request) => {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs)
    })
    return { status: response.status, headers: headersToRecord(response.headers), body: await response.text() }
  } catch (error) {
    const name = (error as { name?: string })?.name
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new TransportError('timeout', `No answer within ${timeoutMs} ms.`)
    }
    const cause = (error as { cause?: { code?: string } })?.cause?.code
    throw new TransportError('network', `The connection failed${cause ? ` (${cause})` : ''}.`)
  }
}
