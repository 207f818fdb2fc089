import { connect } from 'net'
import {
  GUID,
  TAG_ID,
  CAPI_TOKEN,
  campaign,
  campaignHeaders,
  capi,
  control,
  conversion,
  refreshForm,
  token,
  useEmulator
} from './helpers'

const APPLY = 'OfflineConversions/Apply'

/** Sends raw bytes over TCP and returns what came back before the server closed or 2 s passed. */
function raw(url: string, bytes: string, options: { destroyAfterWrite?: boolean } = {}): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    let received = ''
    const finish = () => {
      socket.destroy()
      resolve(received)
    }
    socket.on('data', (chunk) => {
      received += chunk.toString()
    })
    socket.on('end', finish)
    socket.on('error', finish)
    socket.setTimeout(2000, finish)
    socket.write(bytes, () => {
      if (options.destroyAfterWrite) finish()
    })
  })
}

async function stillAnswers(url: string): Promise<void> {
  expect((await control(url, 'GET', 'health')).body).toEqual({ ok: true })
  expect((await campaign(url, APPLY, { OfflineConversions: [conversion()] })).status).toBe(200)
}

function expectApiFault(answer: { status: number; body: Record<string, unknown> }, status: number, code: number): void {
  expect(answer.status).toBe(status)
  expect(answer.body).toEqual({
    TrackingId: expect.stringMatching(GUID),
    Type: 'ApiFaultDetail',
    BatchErrors: [],
    OperationErrors: [
      {
        Code: code,
        Details: code === 100 ? null : expect.any(String),
        ErrorCode: expect.any(String),
        Message: expect.any(String)
      }
    ]
  })
}

describe('malformed requests get Microsoft-shaped errors and never take the emulator down', () => {
  const harness = useEmulator()

  it('Campaign: malformed JSON is a 400 ApiFaultDetail (201 ApiInputValidationError)', async () => {
    const answer = await campaign(harness.url, APPLY, '{"OfflineConversions": [')
    expectApiFault(answer, 400, 201)
    expect(answer.body.OperationErrors[0].Details).toContain('not valid JSON')
    await stillAnswers(harness.url)
  })

  it('Campaign: an empty or null body is 100 NullRequest', async () => {
    expectApiFault(await campaign(harness.url, APPLY, ''), 400, 100)
    expectApiFault(await campaign(harness.url, APPLY, 'null'), 400, 100)
  })

  it('Campaign: wrong JSON types are a 400 that names the field, and nothing is stored', async () => {
    const answer = await campaign(harness.url, APPLY, {
      OfflineConversions: [conversion(), conversion({ ConversionValue: 'abc' })]
    })
    expectApiFault(answer, 400, 201)
    expect(answer.body.OperationErrors[0].Details).toContain('OfflineConversions[1].ConversionValue')
    for (const body of [
      [1, 2],
      'text',
      { OfflineConversions: 'all' },
      { OfflineConversions: [42] },
      { OfflineConversions: [conversion({ MicrosoftClickId: 123 })] }
    ]) {
      expectApiFault(await campaign(harness.url, APPLY, JSON.stringify(body)), 400, 201)
    }
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions.count).toBe(0)
  })

  it('Campaign: unknown fields are refused (a typo is never silently dropped)', async () => {
    expectApiFault(
      await campaign(harness.url, APPLY, { OfflineConversions: [conversion({ ConversionValues: 5 })] }),
      400,
      201
    )
    expectApiFault(await campaign(harness.url, APPLY, { OfflineConversions: [conversion()], Extra: true }), 400, 201)
  })

  it('Campaign: a body over 10 MB is answered 413 with an ApiFaultDetail, and the emulator goes on', async () => {
    const padding = 'x'.repeat(10 * 1024 * 1024)
    const answer = await campaign(
      harness.url,
      APPLY,
      JSON.stringify({ OfflineConversions: [conversion({ ConversionName: padding })] })
    )
    expectApiFault(answer, 413, 201)
    expect(answer.body.OperationErrors[0].Details).toContain('10485760')
    await stillAnswers(harness.url)
    expect(
      (await control(harness.url, 'GET', 'state?records=false')).body.requests.applyOfflineConversions['413']
    ).toBe(1)
  })

  it('CAPI: malformed JSON and non-object bodies are 400 BadRequest; an oversized body is 413', async () => {
    for (const body of ['{"data": [', '[]', '"x"']) {
      const answer = await capi(harness.url, body)
      expect(answer.status).toBe(400)
      expect(answer.body.error.code).toBe('BadRequest')
    }
    harness.emulator.setOptions({ maxBodyBytes: 1024 })
    const big = await capi(harness.url, { data: [{ eventType: 'custom', pad: 'y'.repeat(2048) }] })
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('PayloadTooLarge')
    harness.emulator.setOptions({ maxBodyBytes: 10 * 1024 * 1024 })
    await stillAnswers(harness.url)
  })

  it('Identity: an oversized or non-form body gets an Entra error', async () => {
    harness.emulator.setOptions({ maxBodyBytes: 256 })
    const big = await token(harness.url, refreshForm({ refresh_token: 'z'.repeat(1000) }))
    expect(big.status).toBe(413)
    expect(big.body.error_codes).toEqual([9002313])
    harness.emulator.setOptions({ maxBodyBytes: 10 * 1024 * 1024 })
    const json = await fetch(`${harness.url}/common/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":"refresh_token"}'
    })
    expect(json.status).toBe(400)
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request')
  })

  it('answers unknown routes 404 and wrong methods 405', async () => {
    const unknownOperation = await fetch(`${harness.url}/CampaignManagement/v13/Campaigns/QueryByAccountId`, {
      method: 'POST',
      headers: campaignHeaders(),
      body: '{}'
    })
    expect(unknownOperation.status).toBe(404)
    expect(unknownOperation.headers.get('trackingid')).toMatch(GUID)
    expect((await fetch(`${harness.url}/nothing/here`)).status).toBe(404)
    expect(
      (await fetch(`${harness.url}/CampaignManagement/v13/OfflineConversions/Apply`, { headers: campaignHeaders() }))
        .status
    ).toBe(405)
    expect(
      (await fetch(`${harness.url}/v1/${TAG_ID}/events`, { headers: { Authorization: `Bearer ${CAPI_TOKEN}` } })).status
    ).toBe(405)
    expect((await control(harness.url, 'GET', 'nothing')).status).toBe(404)
    expect((await fetch(`${harness.url}/v1/%E0%A4%A/events`, { method: 'POST', body: '{}' })).status).toBe(401)
  })

  it('routes Campaign paths without regard to case, as IIS does', async () => {
    expect(
      (
        await fetch(`${harness.url}/campaignmanagement/v13/offlineconversions/apply`, {
          method: 'POST',
          headers: campaignHeaders(),
          body: JSON.stringify({ OfflineConversions: [conversion()] })
        })
      ).status
    ).toBe(200)
  })

  it('answers garbage that is not HTTP with a 400 and keeps serving', async () => {
    const answer = await raw(harness.url, 'THIS IS NOT HTTP\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    await stillAnswers(harness.url)
  })

  it('survives a client that disconnects in the middle of a body', async () => {
    const request = `POST /CampaignManagement/v13/${APPLY} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"OfflineConversions":[`
    await raw(harness.url, request, { destroyAfterWrite: true })
    await stillAnswers(harness.url)
  })

  it('answers invalid UTF-8 as a JSON error, not a crash', async () => {
    const response = await fetch(`${harness.url}/CampaignManagement/v13/${APPLY}`, {
      method: 'POST',
      headers: campaignHeaders(),
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])
    })
    expect(response.status).toBe(400)
    await stillAnswers(harness.url)
  })
})
