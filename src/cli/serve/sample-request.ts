/** A sample Order Completed event, to try the server end to end (the Purchase preset maps it). */
export function samplePurchase(now: number = Date.now()): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Order Completed',
    messageId: 'msads-sample-order-1',
    timestamp: new Date(now - 5 * 60_000).toISOString(),
    properties: {
      order_id: 'sample-order-1',
      revenue: 42.5,
      currency: 'USD',
      msclkid: 'f894f652ea334e739002f7167ab8f8e3'
    }
  }
}

/** The curl command that posts the sample purchase to a running server; the JSON holds no single quote. */
export function sampleCurl(serverUrl: string, now?: number, withToken = false): string {
  const body = JSON.stringify({ payload: samplePurchase(now) })
  // The token is read from the caller's environment, never printed.
  const auth = withToken ? ' -H "Authorization: Bearer $MSADS_SERVE_TOKEN"' : ''
  return `curl -sS -X POST ${serverUrl}/actions/trackConversion -H 'Content-Type: application/json'${auth} -d '${body}'`
}
