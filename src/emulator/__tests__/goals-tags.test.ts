import {
  ACCOUNT_ID,
  CUSTOMER_ID,
  TAG_ID,
  CAPI_TOKEN,
  campaign,
  capi,
  capiEvent,
  codesByIndex,
  control,
  useEmulator
} from './helpers'

const ADD_GOALS = 'ConversionGoals'
const BY_IDS = 'ConversionGoals/QueryByIds'
const BY_TAGS = 'ConversionGoals/QueryByTagIds'

function offlineGoal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'OfflineConversion', Name: 'Store visit', GoalCategory: 'Purchase', ...overrides }
}

async function addGoals(url: string, goals: unknown[]) {
  return campaign(url, ADD_GOALS, { ConversionGoals: goals })
}

async function goalCode(url: string, goal: unknown): Promise<number | undefined> {
  const answer = await addGoals(url, [goal])
  expect(answer.status).toBe(200)
  return answer.body.PartialErrors[0]?.Code
}

describe('AddConversionGoals', () => {
  const harness = useEmulator()

  it('adds goals and answers ids as strings, index-aligned, null where a goal failed', async () => {
    const answer = await addGoals(harness.url, [
      offlineGoal(),
      offlineGoal({ Name: 'Purchase' }),
      offlineGoal({ Name: 'Phone lead', GoalCategory: 'SubmitLeadForm' })
    ])
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      ConversionGoalIds: [expect.stringMatching(/^\d+$/), null, expect.stringMatching(/^\d+$/)],
      PartialErrors: [
        expect.objectContaining({
          Code: 5317,
          ErrorCode: 'ConversionGoalNameAlreadyExists',
          Index: 1,
          Type: 'BatchError'
        })
      ]
    })
  })

  it('accepts the SOAP type name OfflineConversionGoal', async () => {
    expect(await goalCode(harness.url, offlineGoal({ Type: 'OfflineConversionGoal' }))).toBeUndefined()
  })

  it('5321: no goals; 5322: more than 100', async () => {
    expect((await campaign(harness.url, ADD_GOALS, { ConversionGoals: [] })).body.OperationErrors[0].Code).toBe(5321)
    const many = Array.from({ length: 101 }, (_, i) => offlineGoal({ Name: `Goal ${i}` }))
    const answer = await addGoals(harness.url, many)
    expect(answer.status).toBe(400)
    expect(answer.body.OperationErrors[0].Code).toBe(5322)
  })

  it('5316: the same name twice in one request; 5317: a name that exists, in any case', async () => {
    const answer = await addGoals(harness.url, [offlineGoal(), offlineGoal({ Name: 'STORE VISIT' })])
    expect(codesByIndex(answer.body.PartialErrors)).toEqual({ 1: 5316 })
    expect(await goalCode(harness.url, offlineGoal({ Name: 'purchase' }))).toBe(5317)
  })

  it('5319/5320: a missing, blank or too long name', async () => {
    expect(await goalCode(harness.url, offlineGoal({ Name: null }))).toBe(5319)
    expect(await goalCode(harness.url, offlineGoal({ Name: '   ' }))).toBe(5320)
    expect(await goalCode(harness.url, offlineGoal({ Name: 'x'.repeat(101) }))).toBe(5320)
  })

  it('5323: a null goal; 5324: an id on add; 5328: a Deleted status', async () => {
    expect(await goalCode(harness.url, null)).toBe(5323)
    expect(await goalCode(harness.url, offlineGoal({ Id: '123' }))).toBe(5324)
    expect(await goalCode(harness.url, offlineGoal({ Status: 'Deleted' }))).toBe(5328)
  })

  it('4407 InvalidValue: GoalCategory missing, None, or not allowed for offline goals (Microsoft documents no own code)', async () => {
    expect(await goalCode(harness.url, offlineGoal({ GoalCategory: undefined }))).toBe(4407)
    expect(await goalCode(harness.url, offlineGoal({ GoalCategory: 'None' }))).toBe(4407)
    expect(await goalCode(harness.url, offlineGoal({ GoalCategory: 'Download' }))).toBe(4407)
  })

  it('5332/5333: revenue type and value', async () => {
    expect(
      await goalCode(harness.url, {
        Type: 'Duration',
        Name: 'Long visit',
        GoalCategory: 'PageView',
        TagId: TAG_ID,
        MinimumDurationInSeconds: 60,
        Revenue: { Type: 'VariableValue' }
      })
    ).toBe(5332)
    expect(await goalCode(harness.url, offlineGoal({ Revenue: { Type: 'FixedValue' } }))).toBe(5333)
    expect(
      await goalCode(
        harness.url,
        offlineGoal({ Revenue: { Type: 'FixedValue', Value: 10_000_000, CurrencyCode: 'USD' } })
      )
    ).toBe(5333)
    expect(await goalCode(harness.url, offlineGoal({ Revenue: { Type: 'FixedValue', Value: -1 } }))).toBe(5333)
  })

  it('5351/5355: revenue currency', async () => {
    expect(
      await goalCode(harness.url, offlineGoal({ Revenue: { Type: 'FixedValue', Value: 5, CurrencyCode: 'US Dollar' } }))
    ).toBe(5351)
    expect(
      await goalCode(harness.url, offlineGoal({ Scope: 'Customer', Revenue: { Type: 'VariableValue', Value: 5 } }))
    ).toBe(5355)
  })

  it('5337: a conversion window outside 1 to 129,600 minutes', async () => {
    expect(await goalCode(harness.url, offlineGoal({ ConversionWindowInMinutes: 0 }))).toBe(5337)
    expect(await goalCode(harness.url, offlineGoal({ ConversionWindowInMinutes: 129_601 }))).toBe(5337)
  })

  it('5330: a tag-based goal without TagId; 5300: with an unknown tag', async () => {
    expect(
      await goalCode(harness.url, {
        Type: 'Url',
        Name: 'Thanks page',
        GoalCategory: 'Purchase',
        UrlExpression: 'thanks',
        UrlOperator: 'Contains'
      })
    ).toBe(5330)
    expect(
      await goalCode(harness.url, {
        Type: 'Url',
        Name: 'Thanks page',
        GoalCategory: 'Purchase',
        UrlExpression: 'thanks',
        UrlOperator: 'Contains',
        TagId: '1'
      })
    ).toBe(5300)
  })

  it('5334: a Url goal without expression; 5336: an Event goal without an expression/operator pair', async () => {
    expect(
      await goalCode(harness.url, { Type: 'Url', Name: 'Thanks page', GoalCategory: 'Purchase', TagId: TAG_ID })
    ).toBe(5334)
    expect(
      await goalCode(harness.url, {
        Type: 'Event',
        Name: 'Signup event',
        GoalCategory: 'Signup',
        TagId: TAG_ID,
        ActionExpression: 'signup'
      })
    ).toBe(5336)
    expect(
      await goalCode(harness.url, {
        Type: 'Event',
        Name: 'Signup event',
        GoalCategory: 'Signup',
        TagId: TAG_ID,
        ActionExpression: 'signup',
        ActionOperator: 'Equals'
      })
    ).toBeUndefined()
  })

  it('5335: an AppInstall goal without AppStoreId', async () => {
    expect(
      await goalCode(harness.url, {
        Type: 'AppInstall',
        Name: 'Installs',
        GoalCategory: 'Download',
        Scope: 'Customer',
        AppPlatform: 'Android'
      })
    ).toBe(5335)
    expect(
      await goalCode(harness.url, {
        Type: 'AppInstall',
        Name: 'Installs',
        GoalCategory: 'Download',
        Scope: 'Customer',
        AppPlatform: 'Android',
        AppStoreId: 'com.example'
      })
    ).toBeUndefined()
  })

  it('refuses an unknown Type, an unknown enum value or an unknown field with a request-level 400', async () => {
    for (const goal of [
      offlineGoal({ Type: 'Phone' }),
      offlineGoal({ CountType: 'Some' }),
      offlineGoal({ Colour: 'red' }),
      offlineGoal({ UrlExpression: 'x' })
    ]) {
      const answer = await addGoals(harness.url, [goal])
      expect(answer.status).toBe(400)
      expect(answer.body.OperationErrors[0]).toMatchObject({ Code: 201, ErrorCode: 'ApiInputValidationError' })
    }
  })
})

describe('GetConversionGoalsByIds and ByTagIds', () => {
  const harness = useEmulator()

  it('returns every goal of the types when no ids are given, in Microsoft shape', async () => {
    const answer = await campaign(harness.url, BY_IDS, {
      ConversionGoalIds: [],
      ConversionGoalTypes: 'OfflineConversion'
    })
    expect(answer.body.PartialErrors).toEqual([])
    expect(answer.body.ConversionGoals.map((goal: { Name: string }) => goal.Name)).toEqual([
      'Purchase',
      'Lead',
      'Sign Up',
      'Subscribe',
      'Add to Cart'
    ])
    expect(answer.body.ConversionGoals[0]).toEqual({
      ConversionWindowInMinutes: 43200,
      CountType: 'All',
      ExcludeFromBidding: false,
      Id: '300000001',
      Name: 'Purchase',
      Revenue: { CurrencyCode: 'USD', Type: 'VariableValue', Value: 0 },
      Scope: 'Account',
      Status: 'Active',
      TagId: null,
      TrackingStatus: 'NoRecentConversions',
      Type: 'OfflineConversion'
    })
  })

  it('adds the additional fields only when asked for', async () => {
    const answer = await campaign(harness.url, BY_IDS, {
      ConversionGoalIds: ['300000002'],
      ConversionGoalTypes: 'OfflineConversion',
      ReturnAdditionalFields: 'IsExternallyAttributed,GoalCategory'
    })
    expect(answer.body.ConversionGoals[0]).toMatchObject({
      GoalCategory: 'SubmitLeadForm',
      IsExternallyAttributed: false
    })
    expect(answer.body.ConversionGoals[0]).not.toHaveProperty('ViewThroughConversionWindowInMinutes')
  })

  it('answers null and 5314 for an unknown id, null and 5347 for a goal of another type, aligned with the ids', async () => {
    const added = await addGoals(harness.url, [
      {
        Type: 'Url',
        Name: 'Thanks page',
        GoalCategory: 'Purchase',
        TagId: TAG_ID,
        UrlExpression: 'thanks',
        UrlOperator: 'Contains'
      }
    ])
    const urlGoalId = added.body.ConversionGoalIds[0]
    const answer = await campaign(harness.url, BY_IDS, {
      ConversionGoalIds: ['300000001', '1', urlGoalId],
      ConversionGoalTypes: 'OfflineConversion'
    })
    expect(answer.body.ConversionGoals).toEqual([expect.objectContaining({ Id: '300000001' }), null, null])
    expect(codesByIndex(answer.body.PartialErrors)).toEqual({ 1: 5314, 2: 5347 })
  })

  it('accepts "Url,Event" and "Url, Event", and numeric ids', async () => {
    await addGoals(harness.url, [
      {
        Type: 'Url',
        Name: 'Thanks page',
        GoalCategory: 'Purchase',
        TagId: TAG_ID,
        UrlExpression: 'thanks',
        UrlOperator: 'Contains'
      }
    ])
    for (const types of ['Url,Event', 'Url, Event', 'OfflineConversion, Url']) {
      const answer = await campaign(harness.url, BY_IDS, { ConversionGoalTypes: types })
      expect(answer.body.ConversionGoals.some((goal: { Type: string }) => goal.Type === 'Url')).toBe(true)
    }
    const numeric = await campaign(harness.url, BY_IDS, {
      ConversionGoalIds: [300000001],
      ConversionGoalTypes: 'OfflineConversion'
    })
    expect(numeric.body.ConversionGoals[0].Id).toBe('300000001')
  })

  it('5329: types missing; 5318: more than 100 ids; 201: an unknown type', async () => {
    expect((await campaign(harness.url, BY_IDS, { ConversionGoalIds: [] })).body.OperationErrors[0].Code).toBe(5329)
    const ids = Array.from({ length: 101 }, (_, i) => String(i + 1))
    expect(
      (await campaign(harness.url, BY_IDS, { ConversionGoalIds: ids, ConversionGoalTypes: 'Url' })).body
        .OperationErrors[0].Code
    ).toBe(5318)
    expect((await campaign(harness.url, BY_IDS, { ConversionGoalTypes: 'Offline' })).body.OperationErrors[0].Code).toBe(
      201
    )
  })

  it('ByTagIds returns the goals of the tags; 5330 without tag ids; 5300 for an unknown tag', async () => {
    await addGoals(harness.url, [
      {
        Type: 'Event',
        Name: 'Signup event',
        GoalCategory: 'Signup',
        TagId: TAG_ID,
        ActionExpression: 'signup',
        ActionOperator: 'Equals'
      }
    ])
    const answer = await campaign(harness.url, BY_TAGS, { TagIds: [TAG_ID, '42'], ConversionGoalTypes: 'Event,Url' })
    expect(answer.body.ConversionGoals).toEqual([
      expect.objectContaining({
        Name: 'Signup event',
        Type: 'Event',
        TagId: TAG_ID,
        ActionExpression: 'signup',
        ActionOperator: 'Equals'
      })
    ])
    expect(codesByIndex(answer.body.PartialErrors)).toEqual({ 1: 5300 })
    expect(
      (await campaign(harness.url, BY_TAGS, { TagIds: [], ConversionGoalTypes: 'Event' })).body.OperationErrors[0].Code
    ).toBe(5330)
  })

  it('records the creation time of an added goal', async () => {
    await addGoals(harness.url, [offlineGoal()])
    const state = await control(harness.url, 'GET', 'state?records=false')
    const goal = state.body.goals.find((entry: { Name: string }) => entry.Name === 'Store visit')
    expect(Date.now() - Date.parse(goal.CreatedAt)).toBeLessThan(60_000)
  })
})

describe('UET tags and the CAPI key', () => {
  const harness = useEmulator()

  it('AddUetTags returns the new tags, index-aligned, with tracking code', async () => {
    const answer = await campaign(
      harness.url,
      'UetTags',
      { UetTags: [{ Name: 'Shop', Description: 'the shop' }, { Name: 'Emulator Demo Tag' }] },
      { CustomerAccountId: undefined }
    )
    expect(answer.status).toBe(200)
    expect(answer.body.UetTags[0]).toEqual({
      CustomerShare: null,
      Description: 'the shop',
      Id: expect.stringMatching(/^\d+$/),
      Name: 'Shop',
      TrackingNoScript: expect.stringContaining(answer.body.UetTags[0].Id),
      TrackingScript: expect.stringContaining(answer.body.UetTags[0].Id),
      TrackingStatus: 'Unverified'
    })
    expect(answer.body.UetTags[1]).toBeNull()
    expect(codesByIndex(answer.body.PartialErrors)).toEqual({ 1: 5303 })
  })

  it('tag codes: 5308 none, 5309 over 100, 5310 null, 5311 id set, 5305 no name, 5306 too long, 5302 twice in a request', async () => {
    expect((await campaign(harness.url, 'UetTags', { UetTags: [] })).body.OperationErrors[0].Code).toBe(5308)
    const many = Array.from({ length: 101 }, (_, i) => ({ Name: `T${i}` }))
    expect((await campaign(harness.url, 'UetTags', { UetTags: many })).body.OperationErrors[0].Code).toBe(5309)
    const answer = await campaign(harness.url, 'UetTags', {
      UetTags: [
        null,
        { Id: '5', Name: 'A' },
        { Description: 'x' },
        { Name: 'y'.repeat(101) },
        { Name: 'B' },
        { Name: 'b' }
      ]
    })
    expect(codesByIndex(answer.body.PartialErrors)).toEqual({ 0: 5310, 1: 5311, 2: 5305, 3: 5306, 5: 5302 })
  })

  it('GetUetTagsByIds: all with no ids, aligned with 5300 for unknown ones, Industry on request', async () => {
    const all = await campaign(harness.url, 'UetTags/QueryByIds', { TagIds: [] })
    expect(all.body.UetTags.map((tag: { Id: string }) => tag.Id)).toEqual([TAG_ID])
    const some = await campaign(harness.url, 'UetTags/QueryByIds', {
      TagIds: ['9', TAG_ID],
      ReturnAdditionalFields: 'Industry'
    })
    expect(some.body.UetTags).toEqual([null, expect.objectContaining({ Id: TAG_ID, Industry: null })])
    expect(codesByIndex(some.body.PartialErrors)).toEqual({ 0: 5300 })
    expect(
      (await campaign(harness.url, 'UetTags/QueryByIds', { TagIds: Array.from({ length: 101 }, (_, i) => String(i)) }))
        .body.OperationErrors[0].Code
    ).toBe(5304)
  })

  it('UetTagAuthKey/Query returns the seeded key', async () => {
    const answer = await campaign(harness.url, 'UetTagAuthKey/Query', { UetTagId: TAG_ID })
    expect(answer.body).toEqual({ UetTagAuthKey: CAPI_TOKEN, PartialErrors: [] })
  })

  it('creates a key for a tag that has none, returns the same one later, and CAPI accepts it', async () => {
    const added = await campaign(harness.url, 'UetTags', { UetTags: [{ Name: 'Shop' }] })
    const tagId = added.body.UetTags[0].Id
    const first = await campaign(harness.url, 'UetTagAuthKey/Query', { UetTagId: tagId })
    const second = await campaign(harness.url, 'UetTagAuthKey/Query', { UetTagId: Number(tagId) })
    expect(first.body.UetTagAuthKey).toEqual(expect.any(String))
    expect(second.body.UetTagAuthKey).toBe(first.body.UetTagAuthKey)
    expect((await capi(harness.url, { data: [capiEvent()] }, { tagId, token: first.body.UetTagAuthKey })).status).toBe(
      200
    )
  })

  it('answers a tag the customer does not own with a null key and a 5300 PartialError; a missing id is 5312', async () => {
    const answer = await campaign(harness.url, 'UetTagAuthKey/Query', { UetTagId: '77' })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      UetTagAuthKey: null,
      PartialErrors: [expect.objectContaining({ Code: 5300, Index: 0 })]
    })
    expect((await campaign(harness.url, 'UetTagAuthKey/Query', {})).body.OperationErrors[0].Code).toBe(5312)
  })

  it('scopes tags to the customer in the header', async () => {
    await control(harness.url, 'POST', 'seed', {
      customers: [
        { id: CUSTOMER_ID, accounts: [{ id: ACCOUNT_ID }] },
        { id: '100000002', accounts: [{ id: '200000002' }] }
      ]
    })
    const other = await campaign(
      harness.url,
      'UetTags/QueryByIds',
      { TagIds: [] },
      { CustomerId: '100000002', CustomerAccountId: '200000002' }
    )
    expect(other.body.UetTags).toEqual([])
  })
})
