import {
  Clock,
  DEFAULT_SEED_COPY,
  conversion,
  campaign,
  capi,
  capiEvent,
  control,
  token,
  refreshForm,
  useEmulator,
  ACCOUNT_ID,
  TAG_ID
} from './helpers'

describe('control API', () => {
  const harness = useEmulator()

  it('GET seed answers the active seed with its demo credentials', async () => {
    const answer = await control(harness.url, 'GET', 'seed')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(DEFAULT_SEED_COPY)
  })

  it('POST seed merges a partial seed (credentials field by field, lists replaced) and resets state', async () => {
    await campaign(harness.url, 'OfflineConversions/Apply', { OfflineConversions: [conversion()] })
    const answer = await control(harness.url, 'POST', 'seed', {
      credentials: { developerToken: 'OTHERTOKEN' },
      goals: [
        {
          id: '700',
          name: 'Booked call',
          customerId: '100000001',
          accountId: ACCOUNT_ID,
          goalCategory: 'BookAppointment',
          ageMinutes: 300
        }
      ]
    })
    expect(answer.status).toBe(200)
    expect(answer.body.credentials).toEqual({ ...DEFAULT_SEED_COPY.credentials, developerToken: 'OTHERTOKEN' })
    expect(answer.body.goals).toEqual([
      {
        id: '700',
        name: 'Booked call',
        type: 'OfflineConversion',
        customerId: '100000001',
        accountId: ACCOUNT_ID,
        scope: 'Account',
        status: 'Active',
        countType: 'All',
        goalCategory: 'BookAppointment',
        conversionWindowInMinutes: 43200,
        revenue: { type: 'NoValue', value: null, currencyCode: null },
        tagId: null,
        isExternallyAttributed: false,
        isEnhancedConversionsEnabled: null,
        ageMinutes: 300
      }
    ])
    expect(answer.body.tags).toEqual(DEFAULT_SEED_COPY.tags)
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions.count).toBe(0)
    const old = await campaign(harness.url, 'OfflineConversions/Apply', {
      OfflineConversions: [conversion({ ConversionName: 'Booked call' })]
    })
    expect(old.status).toBe(401)
    const fresh = await campaign(
      harness.url,
      'OfflineConversions/Apply',
      { OfflineConversions: [conversion({ ConversionName: 'Booked call' })] },
      { DeveloperToken: 'OTHERTOKEN' }
    )
    expect(fresh.body).toEqual({ PartialErrors: [] })
  })

  it('POST seed refuses an invalid seed and keeps the old one', async () => {
    const answer = await control(harness.url, 'POST', 'seed', { goals: [{ id: 'abc', name: '' }], planets: [] })
    expect(answer.status).toBe(400)
    expect(answer.body.problems.length).toBeGreaterThan(1)
    expect((await control(harness.url, 'GET', 'seed')).body).toEqual(DEFAULT_SEED_COPY)
  })

  it('POST reset clears records, counters, faults, options and issued tokens, and keeps the active seed', async () => {
    await control(harness.url, 'POST', 'seed', { credentials: { developerToken: 'OTHERTOKEN' } })
    const issued = await token(harness.url, refreshForm())
    await capi(harness.url, { data: [capiEvent()] })
    await control(harness.url, 'POST', 'faults', { rate: 0.1, kinds: ['http500'] })
    await control(harness.url, 'POST', 'options', { goalReadyAfterMinutes: 120 })
    expect((await control(harness.url, 'POST', 'reset')).body).toEqual({ reset: true, seed: 'active' })
    const state = (await control(harness.url, 'GET', 'state')).body
    expect(state.capiEvents).toEqual({ count: 0, duplicates: 0, records: {}, duplicatesSeen: [] })
    expect(state.requests).toEqual({})
    expect(state.tokens).toEqual({ refreshesIssued: 0, codesRedeemed: 0 })
    expect(state.faults).toEqual({ rate: 0, kinds: [] })
    expect(state.options.goalReadyAfterMinutes).toBe(0)
    expect((await control(harness.url, 'GET', 'seed')).body.credentials.developerToken).toBe('OTHERTOKEN')
    const stale = await campaign(
      harness.url,
      'ConversionGoals/QueryByIds',
      { ConversionGoalTypes: 'OfflineConversion' },
      { Authorization: `Bearer ${issued.body.access_token}`, DeveloperToken: 'OTHERTOKEN' }
    )
    expect(stale.body.Errors[0].Code).toBe(105)
  })

  it('POST reset?to=startup goes back to the seed the emulator started with', async () => {
    await control(harness.url, 'POST', 'seed', { credentials: { developerToken: 'OTHERTOKEN' } })
    expect((await control(harness.url, 'POST', 'reset?to=startup')).body.seed).toBe('startup')
    expect((await control(harness.url, 'GET', 'seed')).body).toEqual(DEFAULT_SEED_COPY)
  })

  it('GET state counts requests by route and status, and records=false leaves the records out', async () => {
    await campaign(harness.url, 'OfflineConversions/Apply', { OfflineConversions: [conversion()] })
    await campaign(harness.url, 'OfflineConversions/Apply', '{bad')
    await campaign(
      harness.url,
      'OfflineConversions/Apply',
      { OfflineConversions: [conversion()] },
      { Authorization: undefined }
    )
    await capi(harness.url, { data: [capiEvent()] })
    await token(harness.url, refreshForm())
    const full = (await control(harness.url, 'GET', 'state')).body
    expect(full.requests).toEqual({
      applyOfflineConversions: { 200: 1, 400: 1, 401: 1 },
      capi: { 200: 1 },
      token: { 200: 1 }
    })
    expect(full.offlineConversions.records[ACCOUNT_ID]).toHaveLength(1)
    expect(full.capiEvents.records[TAG_ID]).toHaveLength(1)
    expect(full.tokens.refreshesIssued).toBe(1)
    expect(full.goals).toHaveLength(5)
    expect(full.uetTags).toEqual([
      { Id: TAG_ID, Name: 'Emulator Demo Tag', CustomerId: '100000001', CapiToken: 'emulator-demo-capi-token' }
    ])
    const lean = (await control(harness.url, 'GET', 'state?records=false')).body
    expect(lean.offlineConversions).toEqual({ count: 1, duplicates: 0, duplicatesSeen: [] })
  })

  it('GET and POST options change behaviour switches while running, and refuse unknown ones', async () => {
    expect((await control(harness.url, 'GET', 'options')).body).toMatchObject({
      goalReadyAfterMinutes: 0,
      maxBodyBytes: 10 * 1024 * 1024
    })
    expect((await control(harness.url, 'POST', 'options', { clockSkewSeconds: 0 })).body.clockSkewSeconds).toBe(0)
    expect(
      (
        await campaign(harness.url, 'OfflineConversions/Apply', {
          OfflineConversions: [conversion({ ConversionTime: new Date(Date.now() + 30_000).toISOString() })]
        })
      ).body.PartialErrors[0].Code
    ).toBe(5614)
    const bad = await control(harness.url, 'POST', 'options', { goalReadyAfterMinutes: -1, warp: true })
    expect(bad.status).toBe(400)
    expect(bad.body.problems).toHaveLength(2)
  })

  it('POST clicks adds known clicks, refusing invalid ones', async () => {
    expect(
      (
        await control(harness.url, 'POST', 'clicks', {
          clicks: [{ msclkid: 'abc', clickTime: new Date().toISOString() }]
        })
      ).body
    ).toEqual({ clicks: 1 })
    expect((await control(harness.url, 'POST', 'clicks', [{ msclkid: 'abc', clickTime: 'whenever' }])).status).toBe(400)
  })

  it('refuses a control body that is not JSON', async () => {
    expect((await control(harness.url, 'POST', 'faults', '{nope')).status).toBe(400)
  })
})

describe('control through the running emulator object', () => {
  const clock = new Clock()
  const harness = useEmulator({
    now: clock.now,
    seed: {
      clicks: [
        { msclkid: 'f894f652ea334e739002f7167ab8f8e3', clickTime: new Date(clock.time - 3_600_000).toISOString() }
      ]
    }
  })

  it('exposes seed, state, faults, options and clicks without HTTP', async () => {
    expect(harness.emulator.seed().clicks).toHaveLength(1)
    harness.emulator.setFaults({ rate: 1, kinds: ['http503'] })
    expect(
      (await campaign(harness.url, 'OfflineConversions/Apply', { OfflineConversions: [conversion()] })).status
    ).toBe(503)
    harness.emulator.clearFaults()
    harness.emulator.setOptions({ goalReadyAfterMinutes: 5 })
    harness.emulator.addClicks([{ msclkid: 'a'.repeat(32), clickTime: new Date(clock.time).toISOString() }])
    expect(harness.emulator.state({ records: false }).clicks).toHaveLength(2)
    expect(() => harness.emulator.setFaults({ rate: 5, kinds: [] })).toThrow(/rate/)
    harness.emulator.expireAccessTokens()
    expect(
      (await campaign(harness.url, 'OfflineConversions/Apply', { OfflineConversions: [conversion()] })).body.Errors[0]
        .Code
    ).toBe(109)
  })

  it('runs the time rules on the injected clock', async () => {
    clock.advance(10 * 86_400_000)
    const answer = await campaign(harness.url, 'OfflineConversions/Apply', {
      OfflineConversions: [conversion({ ConversionTime: new Date(clock.time - 60_000).toISOString() })]
    })
    expect(answer.body.PartialErrors).toEqual([])
  })
})
