import {
  ACCOUNT_ID,
  GUID,
  campaign,
  capi,
  capiEvent,
  clickId,
  control,
  conversion,
  refreshForm,
  token,
  useEmulator
} from './helpers'

const APPLY = 'OfflineConversions/Apply'

async function faults(url: string, config: Record<string, unknown>): Promise<void> {
  const answer = await control(url, 'POST', 'faults', config)
  expect(answer.status).toBe(200)
}

async function storedCount(url: string): Promise<{ count: number; duplicates: number }> {
  const state = await control(url, 'GET', 'state?records=false')
  return { count: state.body.offlineConversions.count, duplicates: state.body.offlineConversions.duplicates }
}

describe('fault injection', () => {
  const harness = useEmulator()

  it('http500: Campaign answers 500 with an AdApiFaultDetail code 0 and records nothing', async () => {
    await faults(harness.url, { rate: 1, kinds: ['http500'] })
    const answer = await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })
    expect(answer.status).toBe(500)
    expect(answer.body).toEqual({
      TrackingId: answer.headers.get('trackingid'),
      Type: 'AdApiFaultDetail',
      Errors: [expect.objectContaining({ Code: 0, ErrorCode: 'InternalError', Detail: null })]
    })
    expect(await storedCount(harness.url)).toEqual({ count: 0, duplicates: 0 })
    const state = await control(harness.url, 'GET', 'state?records=false')
    expect(state.body.faultsInjected).toEqual({ http500: 1 })
    expect(state.body.requests.applyOfflineConversions).toEqual({ 500: 1 })
  })

  it('http500 on CAPI and on the token endpoint, in their own dialects', async () => {
    await faults(harness.url, { rate: 1, kinds: ['http500'] })
    const events = await capi(harness.url, { data: [capiEvent()] })
    expect(events.status).toBe(500)
    expect(events.body.error.code).toBe('InternalServerError')
    const tokens = await token(harness.url, refreshForm())
    expect(tokens.status).toBe(500)
    expect(tokens.body).toMatchObject({ error: 'server_error', error_codes: [50000] })
    expect((await control(harness.url, 'GET', 'state?records=false')).body.capiEvents.count).toBe(0)
  })

  it('http503: a plain-text 503 on every route', async () => {
    await faults(harness.url, { rate: 1, kinds: ['http503'] })
    for (const answer of [
      await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] }),
      await capi(harness.url, { data: [capiEvent()] }),
      await token(harness.url, refreshForm())
    ]) {
      expect(answer.status).toBe(503)
      expect(answer.text).toBe('Service Unavailable')
    }
    expect(await storedCount(harness.url)).toEqual({ count: 0, duplicates: 0 })
  })

  it('throttle: 429 with AdApiFault 117 on Campaign, without Retry-After unless configured', async () => {
    await faults(harness.url, { rate: 1, kinds: ['throttle'] })
    const plain = await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })
    expect(plain.status).toBe(429)
    expect(plain.body.Errors[0]).toMatchObject({ Code: 117, ErrorCode: 'CallRateExceeded' })
    expect(plain.headers.get('retry-after')).toBeNull()
    await faults(harness.url, { rate: 1, kinds: ['throttle'], retryAfterSeconds: 7 })
    const withHeader = await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })
    expect(withHeader.headers.get('retry-after')).toBe('7')
    expect(await storedCount(harness.url)).toEqual({ count: 0, duplicates: 0 })
  })

  it('throttle: a plain 429 on CAPI, with Retry-After when configured', async () => {
    await faults(harness.url, { rate: 1, kinds: ['throttle'], retryAfterSeconds: 3 })
    const answer = await capi(harness.url, { data: [capiEvent()] })
    expect(answer.status).toBe(429)
    expect(answer.body).toBeUndefined()
    expect(answer.headers.get('retry-after')).toBe('3')
  })

  it('slow: holds the request past the client timeout and records nothing', async () => {
    await faults(harness.url, { rate: 1, kinds: ['slow'], delayMs: 10_000 })
    const request = fetch(`${harness.url}/CampaignManagement/v13/${APPLY}`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer emulator-demo-access-token',
        DeveloperToken: 'EMULATORDEVTOKEN',
        CustomerId: '100000001',
        CustomerAccountId: ACCOUNT_ID,
        'Content-Type': 'application/json'
      },
      body: JSON.stringify({ OfflineConversions: [conversion()] }),
      signal: AbortSignal.timeout(200)
    })
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' })
    await control(harness.url, 'DELETE', 'faults')
    expect(await storedCount(harness.url)).toEqual({ count: 0, duplicates: 0 })
    expect((await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })).body).toEqual({
      PartialErrors: []
    })
    expect(await storedCount(harness.url)).toEqual({ count: 1, duplicates: 0 })
  })

  it('slow: a client that waits longer gets a 503 and nothing is recorded', async () => {
    await faults(harness.url, { rate: 1, kinds: ['slow'], delayMs: 50 })
    const answer = await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })
    expect(answer.status).toBe(503)
    expect(await storedCount(harness.url)).toEqual({ count: 0, duplicates: 0 })
  })

  it('drop: the connection is destroyed without an answer and nothing is recorded', async () => {
    await faults(harness.url, { rate: 1, kinds: ['drop'] })
    await expect(campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })).rejects.toThrow()
    await expect(capi(harness.url, { data: [capiEvent()] })).rejects.toThrow()
    await control(harness.url, 'DELETE', 'faults')
    const state = await control(harness.url, 'GET', 'state?records=false')
    expect(state.body.offlineConversions.count).toBe(0)
    expect(state.body.capiEvents.count).toBe(0)
    expect(state.body.requests.applyOfflineConversions).toEqual({ dropped: 1 })
  })

  it('tokenExpiry: a valid issued token is answered 109 and stays expired until refreshed', async () => {
    const issued = await token(harness.url, refreshForm())
    const headers = { Authorization: `Bearer ${issued.body.access_token}` }
    await faults(harness.url, { rate: 1, kinds: ['tokenExpiry'] })
    const answer = await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] }, headers)
    expect(answer.status).toBe(401)
    expect(answer.body.Errors[0].Code).toBe(109)
    await control(harness.url, 'DELETE', 'faults')
    expect(
      (await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] }, headers)).body.Errors[0].Code
    ).toBe(109)
    const fresh = await token(harness.url, refreshForm({ refresh_token: issued.body.refresh_token }))
    expect(
      (
        await campaign(
          harness.url,
          APPLY,
          { OfflineConversions: [conversion()] },
          { Authorization: `Bearer ${fresh.body.access_token}` }
        )
      ).status
    ).toBe(200)
    expect(await storedCount(harness.url)).toEqual({ count: 1, duplicates: 0 })
  })

  it('tokenExpiry applies to Campaign routes only: CAPI and the token endpoint are untouched', async () => {
    await faults(harness.url, { rate: 1, kinds: ['tokenExpiry'] })
    expect((await capi(harness.url, { data: [capiEvent()] })).status).toBe(200)
    expect((await token(harness.url, refreshForm())).status).toBe(200)
  })

  it('partialErrors: some items get 5612 and are not recorded, so resending only them loses and duplicates nothing', async () => {
    await faults(harness.url, { rate: 1, kinds: ['partialErrors'], itemRate: 0.3, seed: 11 })
    const items = Array.from({ length: 100 }, (_, i) => conversion({ MicrosoftClickId: clickId(i) }))
    const answer = await campaign(harness.url, APPLY, { OfflineConversions: items })
    expect(answer.status).toBe(200)
    const failed: number[] = answer.body.PartialErrors.map(
      (error: { Index: number; Code: number; ErrorCode: string }) => {
        expect(error).toMatchObject({ Code: 5612, ErrorCode: 'OfflineConversionsApplyFailed' })
        return error.Index
      }
    )
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.length).toBeLessThan(100)
    expect(await storedCount(harness.url)).toEqual({ count: 100 - failed.length, duplicates: 0 })
    await control(harness.url, 'DELETE', 'faults')
    expect(
      (await campaign(harness.url, APPLY, { OfflineConversions: failed.map((index) => items[index]) })).body
        .PartialErrors
    ).toEqual([])
    expect(await storedCount(harness.url)).toEqual({ count: 100, duplicates: 0 })
  })

  it('partialErrors never hides an item error: invalid items keep their own code', async () => {
    await faults(harness.url, { rate: 1, kinds: ['partialErrors'], itemRate: 1 })
    const answer = await campaign(harness.url, APPLY, {
      OfflineConversions: [conversion({ ConversionName: 'Nope' }), conversion()]
    })
    expect(
      answer.body.PartialErrors.map((error: { Index: number; Code: number }) => [error.Index, error.Code])
    ).toEqual([
      [0, 5606],
      [1, 5612]
    ])
  })

  it('limits faults to the routes asked for', async () => {
    await faults(harness.url, { rate: 1, kinds: ['http500'], routes: ['capi'] })
    expect((await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })).status).toBe(200)
    expect((await token(harness.url, refreshForm())).status).toBe(200)
    expect((await capi(harness.url, { data: [capiEvent()] })).status).toBe(500)
  })

  it('is deterministic: the same seed and request sequence give the same faults', async () => {
    const run = async (): Promise<number[]> => {
      await faults(harness.url, { rate: 0.5, kinds: ['http500', 'http503', 'throttle'], seed: 42 })
      const statuses: number[] = []
      for (let i = 0; i < 30; i++)
        statuses.push(
          (await campaign(harness.url, APPLY, { OfflineConversions: [conversion({ MicrosoftClickId: clickId(i) })] }))
            .status
        )
      return statuses
    }
    const first = await run()
    const second = await run()
    expect(second).toEqual(first)
    expect(new Set(first).size).toBeGreaterThan(1)
    await faults(harness.url, { rate: 0.5, kinds: ['http500', 'http503', 'throttle'], seed: 43 })
    const other: number[] = []
    for (let i = 0; i < 30; i++)
      other.push(
        (await campaign(harness.url, APPLY, { OfflineConversions: [conversion({ MicrosoftClickId: clickId(i) })] }))
          .status
      )
    expect(other).not.toEqual(first)
  })

  it('refuses an invalid fault configuration with the problems listed', async () => {
    const answer = await control(harness.url, 'POST', 'faults', { rate: 2, kinds: ['meteor'], routes: ['moon'] })
    expect(answer.status).toBe(400)
    expect(answer.body.problems).toHaveLength(3)
    expect((await control(harness.url, 'GET', 'faults')).body).toEqual({ rate: 0, kinds: [] })
  })

  it('loses nothing and duplicates nothing for a client that retries correctly under every fault at once', async () => {
    await faults(harness.url, {
      rate: 0.5,
      kinds: ['http500', 'http503', 'throttle', 'drop', 'partialErrors', 'tokenExpiry'],
      seed: 7,
      routes: ['campaign', 'identity']
    })
    let accessToken = ''
    const refresh = async (): Promise<void> => {
      for (;;) {
        const answer = await token(harness.url, refreshForm()).catch(() => undefined)
        if (answer?.status === 200) {
          accessToken = answer.body.access_token
          return
        }
      }
    }
    await refresh()
    const all = Array.from({ length: 4000 }, (_, i) => conversion({ MicrosoftClickId: clickId(i + 1) }))
    let pending = all
    for (let attempt = 0; pending.length > 0 && attempt < 200; attempt++) {
      const next: Array<Record<string, unknown>> = []
      for (let start = 0; start < pending.length; start += 100) {
        const batch = pending.slice(start, start + 100)
        const answer = await campaign(
          harness.url,
          APPLY,
          { OfflineConversions: batch },
          { Authorization: `Bearer ${accessToken}` }
        ).catch(() => undefined)
        if (!answer || answer.status !== 200) {
          if (answer?.status === 401) await refresh()
          next.push(...batch)
          continue
        }
        for (const error of answer.body.PartialErrors as Array<{ Index: number; Code: number }>) {
          expect(error.Code).toBe(5612)
          next.push(batch[error.Index])
        }
      }
      pending = next
    }
    expect(pending).toEqual([])
    expect(await storedCount(harness.url)).toEqual({ count: 4000, duplicates: 0 })
    const injected = (await control(harness.url, 'GET', 'state?records=false')).body.faultsInjected
    expect(Object.keys(injected).sort()).toEqual([
      'drop',
      'http500',
      'http503',
      'partialErrors',
      'throttle',
      'tokenExpiry'
    ])
  })

  it('puts a GUID TrackingId on fault answers too', async () => {
    await faults(harness.url, { rate: 1, kinds: ['throttle'] })
    const answer = await campaign(harness.url, APPLY, { OfflineConversions: [conversion()] })
    expect(answer.headers.get('trackingid')).toMatch(GUID)
    expect(answer.body.TrackingId).toBe(answer.headers.get('trackingid'))
  })
})
