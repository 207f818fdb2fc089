import nock from 'nock'
import { CapiClient } from '../capi-client'
import type { CapiEvent } from '../models'

const BASE = 'https://capi.uet.microsoft.com'
const events = (n: number): CapiEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    eventType: 'custom',
    eventId: `e${i}`,
    eventTime: 1_790_000_000,
    userData: { anonymousId: `a${i}` }
  }))

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('CapiClient', () => {
  it('fetches the tag token again once after the Conversions API refused it, and leaves a pasted one refused', async () => {
    const unauthorized = { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } }
    nock(BASE).post('/v1/123/events').matchHeader('authorization', 'Bearer old-key').times(2).reply(401, unauthorized)
    nock(BASE).post('/v1/123/events').matchHeader('authorization', 'Bearer new-key').reply(200, { eventsReceived: 2 })
    const keys = ['old-key', 'new-key']
    const fetched: string[] = []
    let current = keys[0]
    const token = {
      get: async () => current,
      refreshAfterRefusal: async (refused: string) => {
        fetched.push(refused)
        current = keys[keys.indexOf(refused) + 1]
        return current
      }
    }
    const outcomes = await new CapiClient({ tagId: '123', token }).send(events(2))
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'delivered'])
    expect(fetched).toEqual(['old-key'])

    const pasted = await new CapiClient({ tagId: '123', token: 'old-key' }).send(events(1))
    expect(pasted.map((o) => [o.outcome, o.reason])).toEqual([['auth', 'capi_token_rejected']])
  })

  it('puts continueOnValidationError and dataProvider at the request level and uses the tag token', async () => {
    let body: Record<string, unknown> = {}
    nock(BASE)
      .post('/v1/123/events', (b) => {
        body = b
        return true
      })
      .matchHeader('authorization', 'Bearer tag-token')
      .reply(200, { eventsReceived: 2 })
    const outcomes = await new CapiClient({ tagId: '123', token: 'tag-token' }).send(events(2))
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'delivered'])
    expect(body.continueOnValidationError).toBe(true)
    expect(body.dataProvider).toBe('msads-conversions')
    expect((body.data as Array<Record<string, unknown>>)[0]).not.toHaveProperty('continueOnValidationError')
  })

  it('maps error.details by index; warnings keep the event delivered', async () => {
    nock(BASE)
      .post('/v1/123/events')
      .reply(200, {
        eventsReceived: 2,
        error: {
          code: 'ValidationError',
          message: 'see details',
          details: [
            {
              index: 1,
              propertyName: 'data[1].eventTime',
              errorMessage: "'eventTime' must be a valid UNIX UTC timestamp in seconds within last 7 days.",
              errorCode: 'InvalidEventTime',
              isWarning: false
            },
            {
              index: 2,
              propertyName: 'data[2].userData.em',
              errorMessage: "'em' must be a valid SHA256 string.",
              errorCode: 'InvalidSha256',
              isWarning: true
            }
          ]
        }
      })
    const outcomes = await new CapiClient({ tagId: '123', token: 't' }).send(events(3))
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'rejected', 'delivered'])
    expect(outcomes[1]).toMatchObject({ reason: 'InvalidEventTime', code: 'InvalidEventTime' })
    expect(outcomes[2].warnings).toEqual([
      {
        field: 'userData.em',
        rule: 'InvalidSha256',
        message: "userData.em was dropped by Microsoft: 'em' must be a valid SHA256 string."
      }
    ])
  })

  it('with the flag off, a 400 rejects the named events and retries the rest', async () => {
    nock(BASE)
      .post('/v1/123/events')
      .reply(400, {
        error: {
          code: 'ValidationError',
          message: 'm',
          details: [
            {
              index: 0,
              propertyName: 'data[0].eventType',
              errorMessage: 'bad',
              errorCode: 'InvalidEnumValue',
              isWarning: false
            }
          ]
        }
      })
    const outcomes = await new CapiClient({ tagId: '123', token: 't', continueOnValidationError: false }).send(
      events(2)
    )
    expect(outcomes.map((o) => [o.outcome, o.reason])).toEqual([
      ['rejected', 'InvalidEnumValue'],
      ['retry', 'batch_not_processed']
    ])
  })

  it('retries events Microsoft neither counted nor named (only 10 details are shown)', async () => {
    nock(BASE).post('/v1/123/events').reply(200, { eventsReceived: 1 })
    const outcomes = await new CapiClient({ tagId: '123', token: 't' }).send(events(2))
    expect(outcomes.every((o) => o.outcome === 'retry' && o.reason === 'not_confirmed')).toBe(true)
  })

  it('gives an event without an eventId a stable derived one, so that a resend is deduplicated', async () => {
    const bodies: Array<{ data: CapiEvent[] }> = []
    nock(BASE)
      .post('/v1/123/events', (b) => Boolean(bodies.push(b)))
      .twice()
      .reply(200, { eventsReceived: 0 })
    const anonymous = events(2).map(({ eventId: _unused, ...event }) => event as CapiEvent)
    const client = new CapiClient({ tagId: '123', token: 't' })
    const first = await client.send(anonymous)
    expect(first.map((o) => o.reason)).toEqual(['not_confirmed', 'not_confirmed'])
    await client.send(anonymous)
    const ids = bodies.map((body) => body.data.map((event) => event.eventId))
    expect(ids[0][0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[0][0]).not.toBe(ids[0][1])
    expect(ids[1]).toEqual(ids[0])
  })

  it('turns the 401 body into an auth outcome that names the token setting', async () => {
    nock(BASE)
      .post('/v1/123/events')
      .reply(401, { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } })
    const [outcome] = await new CapiClient({ tagId: '123', token: 't' }).send(events(1))
    expect(outcome).toMatchObject({ outcome: 'auth', status: 401, reason: 'capi_token_rejected' })
    expect(outcome.message).toContain('uet_capi_token')
  })

  it('splits 2,500 events into requests of at most 1,000', async () => {
    const sizes: number[] = []
    nock(BASE)
      .post('/v1/9/events', (b: { data: unknown[] }) => {
        sizes.push(b.data.length)
        return true
      })
      .times(3)
      .reply(200, (_uri, b) => ({ eventsReceived: (b as { data: unknown[] }).data.length }))
    const outcomes = await new CapiClient({ tagId: '9', token: 't', concurrency: 1 }).send(events(2500))
    expect(sizes).toEqual([1000, 1000, 500])
    expect(outcomes.filter((o) => o.outcome === 'delivered')).toHaveLength(2500)
  })
})
