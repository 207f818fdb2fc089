import { DAY, HOUR, SHA_EMAIL, SHA_PHONE, TAG_ID, capi, capiEvent, control, epochSeconds, useEmulator } from './helpers'

const VALIDATION_MESSAGE =
  'One or multiple parameters did not pass validation checks, see details. Note that only the first 10 errors and warnings are shown.'
const UNAUTHORIZED = { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } }

function pageLoad(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return capiEvent({ eventType: 'pageLoad', eventSourceUrl: 'https://shop.example/thanks', ...overrides })
}

async function stored(
  url: string
): Promise<{ count: number; duplicates: number; records: Record<string, Array<{ item: Record<string, unknown> }>> }> {
  return (await control(url, 'GET', 'state')).body.capiEvents
}

/** The errorCode of the first detail of a one-event request, and the status. */
async function detailOf(url: string, event: unknown) {
  const answer = await capi(url, { data: [event] })
  return { status: answer.status, detail: answer.body?.error?.details?.[0] }
}

describe('UET Conversions API: authentication', () => {
  const harness = useEmulator()

  it('answers 401 Unauthorized without a token, with a wrong one, the OAuth token, or another tag', async () => {
    for (const options of [
      { token: null },
      { token: 'wrong' },
      { token: 'emulator-demo-access-token' },
      { tagId: '12345' }
    ]) {
      const answer = await capi(harness.url, { data: [capiEvent()] }, options)
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual(UNAUTHORIZED)
    }
    expect((await stored(harness.url)).count).toBe(0)
  })

  it('needs the Bearer prefix', async () => {
    const response = await fetch(`${harness.url}/v1/${TAG_ID}/events`, {
      method: 'POST',
      headers: { Authorization: 'emulator-demo-capi-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: [capiEvent()] })
    })
    expect(response.status).toBe(401)
  })
})

describe('UET Conversions API: events', () => {
  const harness = useEmulator()

  it('accepts valid events: 200 with eventsReceived, stored per tag', async () => {
    const answer = await capi(harness.url, {
      data: [pageLoad({ eventId: 'a' }), capiEvent({ eventId: 'b' })],
      dataProvider: 'msads-conversions'
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ eventsReceived: 2 })
    const book = await stored(harness.url)
    expect(book.count).toBe(2)
    expect(book.records[TAG_ID].map((record) => record.item.eventId)).toEqual(['a', 'b'])
  })

  it('InvalidEnumValue: an eventType other than pageLoad or custom', async () => {
    const { status, detail } = await detailOf(harness.url, capiEvent({ eventType: 'purchase' }))
    expect(status).toBe(400)
    expect(detail).toEqual({
      index: 0,
      propertyName: 'data[0].eventType',
      attemptedValue: 'purchase',
      errorMessage: "'eventType' must be one of the following: pageLoad, custom.",
      errorCode: 'InvalidEnumValue',
      isWarning: false
    })
  })

  it('Empty: no eventType, no eventTime, no userData, no eventSourceUrl on pageLoad', async () => {
    expect((await detailOf(harness.url, capiEvent({ eventType: undefined }))).detail).toMatchObject({
      propertyName: 'data[0].eventType',
      errorCode: 'Empty'
    })
    expect((await detailOf(harness.url, capiEvent({ eventTime: undefined }))).detail).toMatchObject({
      errorCode: 'Empty',
      errorMessage: "'eventTime' must not be empty."
    })
    expect((await detailOf(harness.url, capiEvent({ userData: undefined }))).detail).toMatchObject({
      propertyName: 'data[0].userData',
      errorCode: 'Empty'
    })
    expect((await detailOf(harness.url, pageLoad({ eventSourceUrl: undefined }))).detail).toMatchObject({
      propertyName: 'data[0].eventSourceUrl',
      errorCode: 'Empty'
    })
  })

  it('InvalidEventTime: older than 7 days, in the future, in milliseconds, or not an integer', async () => {
    for (const eventTime of [
      epochSeconds(8 * DAY),
      epochSeconds(-HOUR),
      Date.now(),
      epochSeconds() + 0.5,
      '1767793837'
    ]) {
      const { status, detail } = await detailOf(harness.url, capiEvent({ eventTime }))
      expect(status).toBe(400)
      expect(detail).toMatchObject({
        propertyName: 'data[0].eventTime',
        attemptedValue: eventTime,
        errorCode: 'InvalidEventTime',
        errorMessage: "'eventTime' must be a valid UNIX UTC timestamp in seconds within last 7 days."
      })
    }
    expect((await detailOf(harness.url, capiEvent({ eventTime: epochSeconds(6 * DAY) }))).status).toBe(200)
  })

  it('InvalidUrl: a bad eventSourceUrl is an error', async () => {
    const { status, detail } = await detailOf(harness.url, pageLoad({ eventSourceUrl: 'not a url' }))
    expect(status).toBe(400)
    expect(detail).toMatchObject({ propertyName: 'data[0].eventSourceUrl', errorCode: 'InvalidUrl', isWarning: false })
  })

  it('a bad referrerUrl is a warning: 200, the field dropped', async () => {
    const answer = await capi(harness.url, { data: [pageLoad({ referrerUrl: 'nope' })] })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      eventsReceived: 1,
      error: {
        code: 'ValidationError',
        message: VALIDATION_MESSAGE,
        details: [
          expect.objectContaining({ propertyName: 'data[0].referrerUrl', errorCode: 'InvalidUrl', isWarning: true })
        ]
      }
    })
    expect((await stored(harness.url)).records[TAG_ID][0].item).not.toHaveProperty('referrerUrl')
  })

  it('InvalidSha256: em or ph that is not SHA-256 is a warning and the field is dropped', async () => {
    const answer = await capi(harness.url, {
      data: [capiEvent({ userData: { em: 'john@contoso.com', ph: SHA_PHONE } })]
    })
    expect(answer.status).toBe(200)
    expect(answer.body.eventsReceived).toBe(1)
    expect(answer.body.error.details).toEqual([
      {
        index: 0,
        propertyName: 'data[0].userData.em',
        attemptedValue: 'john@contoso.com',
        errorMessage: "'em' must be a valid SHA256 string.",
        errorCode: 'InvalidSha256',
        isWarning: true
      }
    ])
    expect((await stored(harness.url)).records[TAG_ID][0].item.userData).toEqual({ ph: SHA_PHONE })
  })

  it('MissingUserIdentifier: userData without any identifier (also after a dropped hash)', async () => {
    expect((await detailOf(harness.url, capiEvent({ userData: { clientIpAddress: '1.2.3.4' } }))).detail).toMatchObject(
      { errorCode: 'MissingUserIdentifier' }
    )
    const dropped = await capi(harness.url, { data: [capiEvent({ userData: { em: 'plain@example.com' } })] })
    expect(dropped.status).toBe(400)
    expect(dropped.body.error.details.map((d: { errorCode: string }) => d.errorCode)).toEqual([
      'MissingUserIdentifier',
      'InvalidSha256'
    ])
  })

  it('InvalidEnumValue for adStorageConsent; InvalidValue for a wrong type of a field that is not dropped', async () => {
    expect((await detailOf(harness.url, capiEvent({ adStorageConsent: 'Y' }))).detail).toMatchObject({
      errorCode: 'InvalidEnumValue'
    })
    expect((await detailOf(harness.url, capiEvent({ customData: { value: 'abc' } }))).detail).toMatchObject({
      propertyName: 'data[0].customData.value',
      attemptedValue: 'abc',
      errorCode: 'InvalidValue'
    })
    expect((await detailOf(harness.url, capiEvent({ eventId: 7 }))).detail).toMatchObject({
      propertyName: 'data[0].eventId',
      errorCode: 'InvalidValue'
    })
    expect((await detailOf(harness.url, capiEvent({ userData: { em: 5 } }))).detail).toMatchObject({
      propertyName: 'data[0].userData.em',
      attemptedValue: 5,
      errorCode: 'InvalidValue'
    })
    expect((await detailOf(harness.url, capiEvent({ userData: { em: SHA_EMAIL, ph: null } }))).detail).toMatchObject({
      propertyName: 'data[0].userData.ph',
      errorCode: 'InvalidValue'
    })
  })

  it('warnings, as the guide says: an invalid currency, pageType, ecommerce or hotel field is dropped, the event kept, HTTP 200', async () => {
    const event = capiEvent({
      eventId: 'w1',
      customData: {
        value: 12,
        currency: 'dollars',
        pageType: 'checkout',
        items: [{ id: 1 }],
        ecommTotalValue: 'lots',
        hotelData: { checkinDate: '12/01/2026', totalPrice: 99 }
      }
    })
    const answer = await capi(harness.url, { data: [event] })
    expect(answer.status).toBe(200)
    expect(answer.body.eventsReceived).toBe(1)
    const details = answer.body.error.details as Array<{ propertyName: string; isWarning: boolean; index: number }>
    expect(details.every((detail) => detail.isWarning && detail.index === 0)).toBe(true)
    expect(details.map((detail) => detail.propertyName).sort()).toEqual([
      'data[0].customData.currency',
      'data[0].customData.ecommTotalValue',
      'data[0].customData.hotelData.checkinDate',
      'data[0].customData.items[0].id',
      'data[0].customData.pageType'
    ])
    const [record] = (await stored(harness.url)).records[TAG_ID]
    expect(record.item.customData).toEqual({ value: 12, hotelData: { totalPrice: 99 } })
  })

  it('UnknownProperty: a field Microsoft does not define, e.g. continueOnValidationError inside an event', async () => {
    const { status, detail } = await detailOf(harness.url, capiEvent({ continueOnValidationError: true }))
    expect(status).toBe(400)
    expect(detail).toMatchObject({ propertyName: 'data[0].continueOnValidationError', errorCode: 'UnknownProperty' })
    expect((await detailOf(harness.url, capiEvent({ userData: { em: SHA_EMAIL, email: 'x' } }))).detail).toMatchObject({
      errorCode: 'UnknownProperty'
    })
  })

  it('flag false: one invalid event rejects the request with 400 and nothing is processed', async () => {
    const answer = await capi(harness.url, {
      data: [capiEvent({ eventId: 'ok' }), capiEvent({ eventId: 'bad', eventType: 'x' })]
    })
    expect(answer.status).toBe(400)
    expect(answer.body.error).toMatchObject({ code: 'ValidationError', message: VALIDATION_MESSAGE })
    expect(answer.body.error.details).toEqual([expect.objectContaining({ index: 1, errorCode: 'InvalidEnumValue' })])
    expect((await stored(harness.url)).count).toBe(0)
  })

  it('flag true: the valid events are processed, 200 with eventsReceived and the details of the others', async () => {
    const answer = await capi(harness.url, {
      data: [capiEvent({ eventId: 'ok' }), capiEvent({ eventId: 'bad', eventType: 'x' })],
      continueOnValidationError: true
    })
    expect(answer.status).toBe(200)
    expect(answer.body.eventsReceived).toBe(1)
    expect(answer.body.error.details).toEqual([expect.objectContaining({ index: 1, errorCode: 'InvalidEnumValue' })])
    expect((await stored(harness.url)).records[TAG_ID].map((record) => record.item.eventId)).toEqual(['ok'])
  })

  it('flag true with no valid event: 400', async () => {
    const answer = await capi(harness.url, { data: [capiEvent({ eventType: 'x' })], continueOnValidationError: true })
    expect(answer.status).toBe(400)
    expect((await stored(harness.url)).count).toBe(0)
  })

  it('shows only the first 10 errors and warnings', async () => {
    const events = Array.from({ length: 15 }, (_, i) => capiEvent({ eventId: `e${i}`, eventType: 'nope' }))
    const answer = await capi(harness.url, { data: events })
    expect(answer.body.error.details).toHaveLength(10)
    expect(answer.body.error.details.map((d: { index: number }) => d.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('request-level problems: no data, empty data, more than 1,000 events, a non-boolean flag, unknown top-level fields', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => capiEvent({ eventId: `e${i}` }))
    const cases: Array<[unknown, string]> = [
      [{}, 'Empty'],
      [{ data: [] }, 'Empty'],
      [{ data: many }, 'TooManyEvents'],
      [{ data: [capiEvent()], continueOnValidationError: 'yes' }, 'InvalidValue'],
      [{ data: [capiEvent()], extra: 1 }, 'UnknownProperty']
    ]
    for (const [body, code] of cases) {
      const answer = await capi(harness.url, body)
      expect(answer.status).toBe(400)
      expect(answer.body.error.details[0]).toMatchObject({ errorCode: code, isWarning: false })
      expect(answer.body.error.details[0]).not.toHaveProperty('index')
    }
    expect(
      (await capi(harness.url, { data: Array.from({ length: 1000 }, (_, i) => capiEvent({ eventId: `e${i}` })) })).body
    ).toEqual({ eventsReceived: 1000 })
  })
})

describe('UET Conversions API: dedupe', () => {
  const harness = useEmulator()

  it('keeps the first event of a tagId + eventId + eventName and counts the others', async () => {
    const first = await capi(harness.url, {
      data: [capiEvent({ customData: { value: 1 } }), capiEvent({ customData: { value: 2 } })]
    })
    expect(first.body).toEqual({ eventsReceived: 2 })
    await capi(harness.url, { data: [capiEvent({ customData: { value: 3 } }), capiEvent({ eventName: 'other' })] })
    const book = await stored(harness.url)
    expect(book.count).toBe(2)
    expect(book.duplicates).toBe(2)
    expect(book.records[TAG_ID][0].item.customData).toEqual({ value: 1 })
    const state = await control(harness.url, 'GET', 'state')
    expect(state.body.capiEvents.duplicatesSeen).toEqual([{ scope: TAG_ID, key: 'evt-1|purchase', count: 2 }])
  })

  it('never dedupes events without an eventId', async () => {
    await capi(harness.url, { data: [capiEvent({ eventId: undefined }), capiEvent({ eventId: undefined })] })
    expect((await stored(harness.url)).count).toBe(2)
  })
})
