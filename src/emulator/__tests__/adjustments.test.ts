import {
  ACCOUNT_ID,
  CLICK_ID,
  DAY,
  HOUR,
  SHA_EMAIL,
  campaign,
  capi,
  capiEvent,
  control,
  conversion,
  isoAgo,
  useEmulator
} from './helpers'

const OFFLINE = 'OfflineConversionAdjustments/Apply'
const ONLINE = 'OnlineConversionAdjustments/Apply'
const CONVERSION_TIME = isoAgo(2 * DAY)

function offline(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AdjustmentCurrencyCode: 'USD',
    AdjustmentTime: isoAgo(HOUR),
    AdjustmentType: 'Restate',
    AdjustmentValue: 10,
    ConversionName: 'Purchase',
    ConversionTime: CONVERSION_TIME,
    MicrosoftClickId: CLICK_ID,
    ...overrides
  }
}

function online(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AdjustmentCurrencyCode: 'USD',
    AdjustmentTime: isoAgo(HOUR),
    AdjustmentType: 'Restate',
    AdjustmentValue: 10,
    ConversionName: 'Purchase',
    TransactionId: 'T-1',
    ...overrides
  }
}

async function offlineCode(url: string, item: unknown): Promise<number | undefined> {
  const answer = await campaign(url, OFFLINE, { OfflineConversionAdjustments: [item] })
  expect(answer.status).toBe(200)
  return answer.body.PartialErrors[0]?.Code
}

async function onlineCode(url: string, item: unknown): Promise<number | undefined> {
  const answer = await campaign(url, ONLINE, { OnlineConversionAdjustments: [item] })
  expect(answer.status).toBe(200)
  return answer.body.PartialErrors[0]?.Code
}

describe('ApplyOfflineConversionAdjustments', () => {
  const harness = useEmulator()

  it('accepts a restatement and a retraction and stores them', async () => {
    const answer = await campaign(harness.url, OFFLINE, {
      OfflineConversionAdjustments: [
        offline(),
        offline({ AdjustmentType: 'Retract', AdjustmentValue: null, AdjustmentCurrencyCode: null })
      ]
    })
    expect(answer.body).toEqual({ PartialErrors: [] })
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversionAdjustments.count).toBe(2)
  })

  it('5600/5601: an empty list or more than 1,000 items is a request-level fault', async () => {
    expect(
      (await campaign(harness.url, OFFLINE, { OfflineConversionAdjustments: [] })).body.OperationErrors[0].Code
    ).toBe(5600)
    const many = Array.from({ length: 1001 }, () => offline())
    expect(
      (await campaign(harness.url, OFFLINE, { OfflineConversionAdjustments: many })).body.OperationErrors[0].Code
    ).toBe(5601)
  })

  it('5602: a null adjustment', async () => {
    expect(await offlineCode(harness.url, null)).toBe(5602)
  })

  it('5618: a type other than Restate or Retract', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentType: 'Cancel' }))).toBe(5618)
    expect(await offlineCode(harness.url, offline({ AdjustmentType: undefined }))).toBe(5618)
  })

  it('5605/5606: the goal name', async () => {
    expect(await offlineCode(harness.url, offline({ ConversionName: '' }))).toBe(5605)
    expect(await offlineCode(harness.url, offline({ ConversionName: 'Nope' }))).toBe(5606)
  })

  it('5603/5604: the click id, which a hash may replace', async () => {
    expect(await offlineCode(harness.url, offline({ MicrosoftClickId: undefined }))).toBe(5603)
    expect(await offlineCode(harness.url, offline({ MicrosoftClickId: 'zz' }))).toBe(5604)
    expect(
      await offlineCode(harness.url, offline({ MicrosoftClickId: undefined, HashedEmailAddress: SHA_EMAIL }))
    ).toBeUndefined()
  })

  it('5608/5607/5614/5623: the conversion time that names the original', async () => {
    expect(await offlineCode(harness.url, offline({ ConversionTime: undefined }))).toBe(5608)
    expect(await offlineCode(harness.url, offline({ ConversionTime: 'later' }))).toBe(5607)
    expect(await offlineCode(harness.url, offline({ ConversionTime: isoAgo(-DAY) }))).toBe(5614)
    expect(
      await offlineCode(harness.url, offline({ ConversionTime: isoAgo(91 * DAY), AdjustmentTime: isoAgo(90 * DAY) }))
    ).toBe(5623)
  })

  it('5619: missing adjustment time', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentTime: undefined }))).toBe(5619)
  })

  it('5620: an adjustment before the conversion', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentTime: isoAgo(3 * DAY) }))).toBe(5620)
  })

  it('5621: an unparsable adjustment time', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentTime: '31/12/2025' }))).toBe(5621)
  })

  it('5622: an adjustment time in the future', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentTime: isoAgo(-DAY) }))).toBe(5622)
  })

  it('5624: a value on a Retract', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentType: 'Retract', AdjustmentValue: 5 }))).toBe(5624)
  })

  it('5625: no value on a Restate', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentValue: null }))).toBe(5625)
  })

  it('5610/5611: a negative value or a bad currency on a Restate', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentValue: -3 }))).toBe(5610)
    expect(await offlineCode(harness.url, offline({ AdjustmentCurrencyCode: 'XYZ' }))).toBe(5611)
  })

  it('5626: a Restate without currency for a goal that has none', async () => {
    expect(await offlineCode(harness.url, offline({ AdjustmentCurrencyCode: null }))).toBeUndefined()
    await control(harness.url, 'POST', 'seed', {
      goals: [{ id: '300000001', name: 'Purchase', customerId: '100000001', accountId: ACCOUNT_ID, ageMinutes: 600 }]
    })
    expect(await offlineCode(harness.url, offline({ AdjustmentCurrencyCode: null }))).toBe(5626)
  })

  it('5627: with requireOriginalConversion, an adjustment of a conversion never received', async () => {
    harness.emulator.setOptions({ requireOriginalConversion: true })
    expect(await offlineCode(harness.url, offline())).toBe(5627)
    await campaign(harness.url, 'OfflineConversions/Apply', {
      OfflineConversions: [conversion({ ConversionTime: CONVERSION_TIME })]
    })
    expect(await offlineCode(harness.url, offline())).toBeUndefined()
  })

  it('5627: with requireOriginalConversion, the original must match by goal, click id (or hash) and exact time', async () => {
    harness.emulator.setOptions({ requireOriginalConversion: true })
    await campaign(harness.url, 'OfflineConversions/Apply', {
      OfflineConversions: [
        conversion({ ConversionTime: CONVERSION_TIME }),
        conversion({ ConversionTime: CONVERSION_TIME, MicrosoftClickId: null, HashedEmailAddress: SHA_EMAIL })
      ]
    })
    const oneSecondLater = new Date(Date.parse(CONVERSION_TIME) + 1000).toISOString()
    const retract = (overrides: Record<string, unknown>) =>
      offline({ AdjustmentType: 'Retract', AdjustmentValue: null, AdjustmentCurrencyCode: null, ...overrides })
    expect(await offlineCode(harness.url, retract({}))).toBeUndefined()
    expect(await offlineCode(harness.url, retract({ ConversionTime: oneSecondLater }))).toBe(5627)
    expect(await offlineCode(harness.url, retract({ ConversionName: 'Sign Up' }))).toBe(5627)
    expect(await offlineCode(harness.url, retract({ MicrosoftClickId: 'f'.repeat(32) }))).toBe(5627)
    expect(
      await offlineCode(harness.url, retract({ MicrosoftClickId: null, HashedEmailAddress: SHA_EMAIL }))
    ).toBeUndefined()
  })

  it('dedupes identical adjustments, first wins', async () => {
    await campaign(harness.url, OFFLINE, {
      OfflineConversionAdjustments: [offline({ AdjustmentValue: 1 }), offline({ AdjustmentValue: 2 })]
    })
    const book = (await control(harness.url, 'GET', 'state')).body.offlineConversionAdjustments
    expect(book).toMatchObject({ count: 1, duplicates: 1 })
    expect(book.records[ACCOUNT_ID][0].item.AdjustmentValue).toBe(1)
  })
})

describe('ApplyOnlineConversionAdjustments', () => {
  const harness = useEmulator()

  it('accepts an adjustment by transaction id', async () => {
    const answer = await campaign(harness.url, ONLINE, {
      OnlineConversionAdjustments: [
        online(),
        online({ TransactionId: 'T-2', AdjustmentType: 'Retract', AdjustmentValue: null })
      ]
    })
    expect(answer.body).toEqual({ PartialErrors: [] })
    expect((await control(harness.url, 'GET', 'state?records=false')).body.onlineConversionAdjustments.count).toBe(2)
  })

  it('reuses the offline codes: 5602, 5618, 5605, 5606, 5619, 5621, 5622, 5623, 5624, 5625, 5610, 5611', async () => {
    const cases: Array<[unknown, number]> = [
      [null, 5602],
      [online({ AdjustmentType: 'Refund' }), 5618],
      [online({ ConversionName: null }), 5605],
      [online({ ConversionName: 'Nope' }), 5606],
      [online({ AdjustmentTime: null }), 5619],
      [online({ AdjustmentTime: 'soon' }), 5621],
      [online({ AdjustmentTime: isoAgo(-DAY) }), 5622],
      [online({ AdjustmentTime: isoAgo(91 * DAY) }), 5623],
      [online({ AdjustmentType: 'Retract' }), 5624],
      [online({ AdjustmentValue: undefined }), 5625],
      [online({ AdjustmentValue: -1 }), 5610],
      [online({ AdjustmentCurrencyCode: 'EURO' }), 5611]
    ]
    for (const [item, code] of cases) expect([item, await onlineCode(harness.url, item)]).toEqual([item, code])
  })

  it('4406: a missing TransactionId', async () => {
    expect(await onlineCode(harness.url, online({ TransactionId: '' }))).toBe(4406)
  })

  it('accepts any goal type by name', async () => {
    await control(harness.url, 'POST', 'seed', {
      goals: [
        {
          id: '300000020',
          name: 'Web purchase',
          type: 'Event',
          customerId: '100000001',
          accountId: ACCOUNT_ID,
          tagId: '400000001',
          goalCategory: 'Purchase',
          revenue: { type: 'VariableValue', currencyCode: 'USD' }
        }
      ]
    })
    expect(await onlineCode(harness.url, online({ ConversionName: 'Web purchase' }))).toBeUndefined()
  })

  it('5626: a Restate without currency for a goal that has none', async () => {
    await control(harness.url, 'POST', 'seed', {
      goals: [{ id: '300000001', name: 'Purchase', customerId: '100000001', accountId: ACCOUNT_ID }]
    })
    expect(await onlineCode(harness.url, online({ AdjustmentCurrencyCode: undefined }))).toBe(5626)
  })

  it('5627 with requireOriginalConversion until CAPI received the transaction; then 5620 before its event time', async () => {
    harness.emulator.setOptions({ requireOriginalConversion: true })
    expect(await onlineCode(harness.url, online({ TransactionId: 'ORDER-9' }))).toBe(5627)
    const sent = await capi(harness.url, {
      data: [
        capiEvent({
          eventTime: Math.floor((Date.now() - 2 * HOUR) / 1000),
          customData: { transactionId: 'ORDER-9', value: 20, currency: 'USD' }
        })
      ]
    })
    expect(sent.status).toBe(200)
    expect(await onlineCode(harness.url, online({ TransactionId: 'ORDER-9' }))).toBeUndefined()
    expect(await onlineCode(harness.url, online({ TransactionId: 'ORDER-9', AdjustmentTime: isoAgo(3 * HOUR) }))).toBe(
      5620
    )
  })

  it('dedupes identical adjustments', async () => {
    await campaign(harness.url, ONLINE, { OnlineConversionAdjustments: [online(), online()] })
    expect((await control(harness.url, 'GET', 'state?records=false')).body.onlineConversionAdjustments).toMatchObject({
      count: 1,
      duplicates: 1
    })
  })
})
