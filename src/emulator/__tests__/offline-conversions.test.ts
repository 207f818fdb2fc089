import {
  ACCOUNT_ID,
  CLICK_ID,
  DAY,
  GUID,
  HOUR,
  SHA_EMAIL,
  SHA_PHONE,
  campaign,
  clickId,
  codesByIndex,
  control,
  conversion,
  isoAgo,
  useEmulator
} from './helpers'

const APPLY = 'OfflineConversions/Apply'

async function apply(url: string, items: unknown[]) {
  return campaign(url, APPLY, { OfflineConversions: items })
}

/** The code of the only PartialError of a one-item request. */
async function codeOf(url: string, item: unknown): Promise<number | undefined> {
  const answer = await apply(url, [item])
  expect(answer.status).toBe(200)
  return answer.body.PartialErrors[0]?.Code
}

describe('ApplyOfflineConversions', () => {
  const harness = useEmulator()

  it('accepts a valid conversion with an empty PartialErrors list and stores it for the account', async () => {
    const answer = await apply(harness.url, [conversion()])
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ PartialErrors: [] })
    const state = await control(harness.url, 'GET', 'state')
    expect(state.body.offlineConversions.count).toBe(1)
    expect(state.body.offlineConversions.records[ACCOUNT_ID][0].item.MicrosoftClickId).toBe(CLICK_ID)
  })

  it('answers item errors as BatchErrors by index, in Microsoft shape', async () => {
    const answer = await apply(harness.url, [
      conversion({ MicrosoftClickId: clickId(1) }),
      conversion({ ConversionName: 'Unknown goal' }),
      null
    ])
    expect(answer.body.PartialErrors).toEqual([
      {
        Code: 5606,
        Details: null,
        ErrorCode: 'OfflineConversionNameInvalid',
        FieldPath: 'ConversionName',
        ForwardCompatibilityMap: [],
        Index: 1,
        Message: 'The conversion name do not match an existing offline conversion goal.',
        Type: 'BatchError'
      },
      expect.objectContaining({ Code: 5602, ErrorCode: 'OfflineConversionIsNull', Index: 2, FieldPath: null })
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions.count).toBe(1)
  })

  it('5600: a null or empty list is a request-level fault', async () => {
    for (const body of [{ OfflineConversions: [] }, { OfflineConversions: null }, {}]) {
      const answer = await campaign(harness.url, APPLY, body)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({
        TrackingId: expect.stringMatching(GUID),
        Type: 'ApiFaultDetail',
        BatchErrors: [],
        OperationErrors: [
          {
            Code: 5600,
            Details: expect.any(String),
            ErrorCode: 'OfflineConversionsNullOrEmpty',
            Message: expect.any(String)
          }
        ]
      })
    }
  })

  it('5601: more than 1,000 items is a request-level fault', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => conversion({ MicrosoftClickId: clickId(i) }))
    const answer = await apply(harness.url, items)
    expect(answer.status).toBe(400)
    expect(answer.body.OperationErrors[0].Code).toBe(5601)
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions.count).toBe(0)
  })

  it('accepts exactly 1,000 items', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => conversion({ MicrosoftClickId: clickId(i) }))
    expect((await apply(harness.url, items)).body.PartialErrors).toEqual([])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions.count).toBe(1000)
  })

  it('5603: no click id and no hash', async () => {
    expect(await codeOf(harness.url, conversion({ MicrosoftClickId: undefined }))).toBe(5603)
    expect(await codeOf(harness.url, conversion({ MicrosoftClickId: '' }))).toBe(5603)
  })

  it('accepts a hashed email or phone instead of the click id (enhanced conversions)', async () => {
    expect(
      await codeOf(harness.url, conversion({ MicrosoftClickId: undefined, HashedEmailAddress: SHA_EMAIL }))
    ).toBeUndefined()
    expect(
      await codeOf(harness.url, conversion({ MicrosoftClickId: null, HashedPhoneNumber: SHA_PHONE }))
    ).toBeUndefined()
  })

  it('ConversionEmailAddressIsNotHashed / ConversionPhoneNumberIsNotHashed: a hash that is not lowercase SHA-256 hex', async () => {
    const email = await apply(harness.url, [conversion({ HashedEmailAddress: 'john@contoso.com' })])
    expect(email.body.PartialErrors[0]).toMatchObject({
      ErrorCode: 'ConversionEmailAddressIsNotHashed',
      FieldPath: 'HashedEmailAddress'
    })
    const phone = await apply(harness.url, [
      conversion({ MicrosoftClickId: undefined, HashedPhoneNumber: SHA_PHONE.toUpperCase() })
    ])
    expect(phone.body.PartialErrors[0]).toMatchObject({ ErrorCode: 'ConversionPhoneNumberIsNotHashed' })
  })

  it('5604: a click id that is not 32 hex digits; the dashed GUID form is accepted', async () => {
    expect(await codeOf(harness.url, conversion({ MicrosoftClickId: 'not-a-click-id' }))).toBe(5604)
    expect(await codeOf(harness.url, conversion({ MicrosoftClickId: CLICK_ID.slice(1) }))).toBe(5604)
    expect(
      await codeOf(harness.url, conversion({ MicrosoftClickId: 'f894f652-ea33-4e73-9002-f7167ab8f8e3' }))
    ).toBeUndefined()
  })

  it('5605: missing conversion name; 5606: a name that is no offline goal of the account', async () => {
    expect(await codeOf(harness.url, conversion({ ConversionName: '' }))).toBe(5605)
    expect(await codeOf(harness.url, conversion({ ConversionName: undefined }))).toBe(5605)
    expect(await codeOf(harness.url, conversion({ ConversionName: 'purchase' }))).toBe(5606)
  })

  it('5606: a goal that is not an offline goal, or belongs to another account, does not match', async () => {
    await control(harness.url, 'POST', 'seed', {
      customers: [{ id: '100000001', accounts: [{ id: ACCOUNT_ID }, { id: '200000002' }] }],
      goals: [
        {
          id: '300000001',
          name: 'Purchase',
          customerId: '100000001',
          accountId: ACCOUNT_ID,
          goalCategory: 'Purchase',
          ageMinutes: 600
        },
        {
          id: '300000009',
          name: 'Other account',
          customerId: '100000001',
          accountId: '200000002',
          goalCategory: 'Purchase',
          ageMinutes: 600
        },
        {
          id: '300000010',
          name: 'Shared',
          customerId: '100000001',
          accountId: '200000002',
          scope: 'Customer',
          goalCategory: 'Purchase',
          ageMinutes: 600
        },
        {
          id: '300000011',
          name: 'Web visit',
          type: 'Url',
          customerId: '100000001',
          accountId: ACCOUNT_ID,
          tagId: '400000001',
          goalCategory: 'PageView',
          ageMinutes: 600
        }
      ]
    })
    expect(await codeOf(harness.url, conversion({ ConversionName: 'Other account' }))).toBe(5606)
    expect(await codeOf(harness.url, conversion({ ConversionName: 'Web visit' }))).toBe(5606)
    expect(await codeOf(harness.url, conversion({ ConversionName: 'Shared' }))).toBeUndefined()
  })

  it('5607: an unparsable time, or one older than 90 days', async () => {
    expect(await codeOf(harness.url, conversion({ ConversionTime: 'yesterday' }))).toBe(5607)
    expect(await codeOf(harness.url, conversion({ ConversionTime: '2024-02-30T10:00:00Z' }))).toBe(5607)
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(91 * DAY) }))).toBe(5607)
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(89 * DAY) }))).toBeUndefined()
  })

  it('reads a time without an offset as UTC, and converts an offset', async () => {
    const utc = isoAgo(2 * HOUR).slice(0, 19)
    expect(await codeOf(harness.url, conversion({ ConversionTime: utc, MicrosoftClickId: clickId(7) }))).toBeUndefined()
    expect(
      await codeOf(harness.url, conversion({ ConversionTime: `${utc}+01:00`, MicrosoftClickId: clickId(8) }))
    ).toBeUndefined()
  })

  it('5608: missing time', async () => {
    expect(await codeOf(harness.url, conversion({ ConversionTime: undefined }))).toBe(5608)
    expect(await codeOf(harness.url, conversion({ ConversionTime: '' }))).toBe(5608)
  })

  it('5614 FutureConversionTimeCannotBeSet: any future time, with no allowance', async () => {
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(-HOUR) }))).toBe(5614)
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(-60_000) }))).toBe(5614)
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(-2000) }))).toBe(5614)
    const answer = await apply(harness.url, [conversion({ ConversionTime: isoAgo(-2000) })])
    expect(answer.body.PartialErrors[0]).toMatchObject({ ErrorCode: 'FutureConversionTimeCannotBeSet' })
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(1000) }))).toBeUndefined()
  })

  it('5610: a negative value', async () => {
    expect(await codeOf(harness.url, conversion({ ConversionValue: -1 }))).toBe(5610)
    expect(await codeOf(harness.url, conversion({ ConversionValue: 0, MicrosoftClickId: clickId(3) }))).toBeUndefined()
  })

  it('5611: a currency that is not ISO 4217', async () => {
    expect(await codeOf(harness.url, conversion({ ConversionCurrencyCode: 'usd' }))).toBe(5611)
    expect(await codeOf(harness.url, conversion({ ConversionCurrencyCode: 'DOLLARS' }))).toBe(5611)
    expect(await codeOf(harness.url, conversion({ ConversionCurrencyCode: 'EUR' }))).toBeUndefined()
  })

  it('GoalNotEligibleForExternalAttribution/4405: external attribution only for externally attributed goals, with a credit in (0, 1]', async () => {
    const refused = await apply(harness.url, [conversion({ ExternalAttributionCredit: 0.5 })])
    expect(refused.body.PartialErrors[0]).toMatchObject({
      ErrorCode: 'GoalNotEligibleForExternalAttribution',
      Message: 'The goal is not eligible for external attribution.',
      FieldPath: 'ExternalAttributionCredit'
    })
    await control(harness.url, 'POST', 'seed', {
      goals: [
        {
          id: '300000001',
          name: 'Purchase',
          customerId: '100000001',
          accountId: ACCOUNT_ID,
          isExternallyAttributed: true,
          ageMinutes: 600
        }
      ]
    })
    expect(await codeOf(harness.url, conversion({ ExternalAttributionCredit: 1.5 }))).toBe(4405)
    expect(
      await codeOf(harness.url, conversion({ ExternalAttributionCredit: 0.5, ExternalAttributionModel: 'Linear' }))
    ).toBeUndefined()
  })

  it('5613: a customer without offline conversions', async () => {
    await control(harness.url, 'POST', 'seed', {
      customers: [{ id: '100000001', offlineConversionsEnabled: false, accounts: [{ id: ACCOUNT_ID }] }]
    })
    expect(await codeOf(harness.url, conversion())).toBe(5613)
  })

  it('5615: a goal younger than goalReadyAfterMinutes, created through the API', async () => {
    harness.emulator.setOptions({ goalReadyAfterMinutes: 120 })
    const added = await campaign(harness.url, 'ConversionGoals', {
      ConversionGoals: [{ Type: 'OfflineConversion', Name: 'Fresh', GoalCategory: 'Purchase' }]
    })
    expect(added.body.PartialErrors).toEqual([])
    expect(await codeOf(harness.url, conversion({ ConversionName: 'Fresh' }))).toBe(5615)
    expect(await codeOf(harness.url, conversion({ ConversionName: 'Purchase' }))).toBeUndefined()
  })

  it('5616 and 5617: checked against seeded clicks; unknown click ids are accepted', async () => {
    const clickTime = isoAgo(40 * DAY)
    await control(harness.url, 'POST', 'clicks', [{ msclkid: CLICK_ID, clickTime }])
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(41 * DAY) }))).toBe(5616)
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(HOUR) }))).toBe(5617)
    expect(await codeOf(harness.url, conversion({ ConversionTime: isoAgo(20 * DAY) }))).toBeUndefined()
    expect(await codeOf(harness.url, conversion({ MicrosoftClickId: clickId(99) }))).toBeUndefined()
  })

  it('reports one error per item, the first rule that fails', async () => {
    const answer = await apply(harness.url, [
      conversion({ ConversionName: '', MicrosoftClickId: 'bad' }),
      conversion({ MicrosoftClickId: 'bad', ConversionTime: 'bad' }),
      conversion({ ConversionTime: 'bad', ConversionValue: -5 })
    ])
    expect(codesByIndex(answer.body.PartialErrors)).toEqual({ 0: 5605, 1: 5604, 2: 5607 })
  })
})

describe('ApplyOfflineConversions dedupe', () => {
  const harness = useEmulator()

  it('keeps the first of name + click id + time, answers later ones as success and counts them', async () => {
    const time = isoAgo(HOUR)
    const first = conversion({ ConversionTime: time, ConversionValue: 1 })
    const again = conversion({ ConversionTime: time, ConversionValue: 2, MicrosoftClickId: CLICK_ID.toUpperCase() })
    expect((await apply(harness.url, [first, again])).body.PartialErrors).toEqual([])
    expect((await apply(harness.url, [first])).body.PartialErrors).toEqual([])
    const state = await control(harness.url, 'GET', 'state')
    const book = state.body.offlineConversions
    expect(book.count).toBe(1)
    expect(book.duplicates).toBe(2)
    expect(book.records[ACCOUNT_ID][0].item.ConversionValue).toBe(1)
    expect(book.duplicatesSeen).toEqual([
      { scope: ACCOUNT_ID, key: expect.stringContaining(`Purchase|clk:${CLICK_ID}|`), count: 2 }
    ])
  })

  it('counts the same instant written differently as the same time', async () => {
    const instant = new Date(Date.now() - HOUR)
    instant.setUTCMilliseconds(0)
    await apply(harness.url, [
      conversion({ ConversionTime: instant.toISOString() }),
      conversion({ ConversionTime: instant.toISOString().replace('.000Z', 'Z') })
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions.duplicates).toBe(1)
  })

  it('keeps conversions that differ in time, goal or click id', async () => {
    await apply(harness.url, [
      conversion({ ConversionTime: isoAgo(HOUR) }),
      conversion({ ConversionTime: isoAgo(2 * HOUR) }),
      conversion({ ConversionTime: isoAgo(HOUR), ConversionName: 'Lead' }),
      conversion({ ConversionTime: isoAgo(HOUR), MicrosoftClickId: clickId(5) })
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions).toMatchObject({
      count: 4,
      duplicates: 0
    })
  })

  it('keeps conversions on the same click 35 s or 1 ms apart: the exact ConversionTime, no minute rounding', async () => {
    const at = Date.now() - HOUR
    const times = [at, at + 35_000, at + 35_001].map((ms) => new Date(ms).toISOString())
    await apply(harness.url, [
      ...times.map((ConversionTime) => conversion({ ConversionTime })),
      conversion({ ConversionTime: times[1] })
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions).toMatchObject({
      count: 3,
      duplicates: 1
    })
  })

  it("keys by Microsoft's DuplicateConversionKey: click id, name, time, hashed email and hashed phone", async () => {
    const time = isoAgo(HOUR)
    await apply(harness.url, [
      conversion({ ConversionTime: time }),
      conversion({ ConversionTime: time, HashedEmailAddress: SHA_EMAIL }),
      conversion({ ConversionTime: time, HashedEmailAddress: SHA_EMAIL, HashedPhoneNumber: SHA_PHONE }),
      conversion({ ConversionTime: time, HashedEmailAddress: SHA_EMAIL })
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions).toMatchObject({
      count: 3,
      duplicates: 1
    })
  })

  it('stores a sale split across three click ids as three conversions (https://learn.microsoft.com/advertising/campaign-management-service/offlineconversion)', async () => {
    const time = isoAgo(HOUR)
    const answer = await apply(
      harness.url,
      [1, 2, 3].map((n) => conversion({ ConversionTime: time, MicrosoftClickId: clickId(n), ConversionValue: 10 }))
    )
    expect(answer.body.PartialErrors).toEqual([])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions).toMatchObject({
      count: 3,
      duplicates: 0
    })
  })

  it('keys hash-only conversions by goal + hash + time', async () => {
    const time = isoAgo(HOUR)
    const hashed = conversion({ MicrosoftClickId: undefined, HashedEmailAddress: SHA_EMAIL, ConversionTime: time })
    await apply(harness.url, [
      hashed,
      hashed,
      conversion({ MicrosoftClickId: undefined, HashedPhoneNumber: SHA_PHONE, ConversionTime: time })
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions).toMatchObject({
      count: 2,
      duplicates: 1
    })
  })
})
