import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import { fields } from '../fields'
import {
  AUTH,
  CAMPAIGN,
  CLICK_ID,
  OFFLINE_ADJUST,
  ONLINE_ADJUST,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const EVENT_TIME = '2026-11-21T09:00:00.000Z'
const CONVERSION_TIME = '2026-11-10T08:30:00.000Z'

function orderEvent(event: string, properties: Record<string, unknown> = {}): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event,
    timestamp: EVENT_TIME,
    properties: { order_id: 'order-1', revenue: 30, currency: 'EUR', ...properties },
    context: { traits: {} }
  })
}

function capture(path: string, bodies: unknown[], reply: object = { PartialErrors: [] }) {
  return nock(CAMPAIGN)
    .post(path, (body) => {
      bodies.push(body)
      return true
    })
    .reply(200, reply)
}

describe('adjustConversion', () => {
  it('restates an online conversion by transaction id when no conversion time is mapped', async () => {
    const bodies: unknown[] = []
    capture(ONLINE_ADJUST, bodies)
    await testDestination.testAction('adjustConversion', {
      event: orderEvent('Order Updated'),
      settings: SETTINGS,
      auth: AUTH,
      mapping: { adjustment_type: 'Restate', conversion_name: 'Purchase' },
      useDefaultMappings: true
    })
    expect(bodies).toEqual([
      {
        OnlineConversionAdjustments: [
          {
            AdjustmentCurrencyCode: 'EUR',
            AdjustmentTime: EVENT_TIME,
            AdjustmentType: 'Restate',
            AdjustmentValue: 30,
            ConversionName: 'Purchase',
            TransactionId: 'order-1'
          }
        ]
      }
    ])
  })

  it('retracts an offline conversion by click id and conversion time, without a value', async () => {
    const bodies: unknown[] = []
    capture(OFFLINE_ADJUST, bodies)
    await testDestination.testAction('adjustConversion', {
      event: orderEvent('Order Refunded', { msclkid: CLICK_ID, converted_at: CONVERSION_TIME }),
      settings: SETTINGS,
      auth: AUTH,
      mapping: {
        adjustment_type: 'Retract',
        conversion_name: 'Purchase',
        conversion_time: { '@path': '$.properties.converted_at' }
      },
      useDefaultMappings: true
    })
    expect(bodies).toEqual([
      {
        OfflineConversionAdjustments: [
          {
            AdjustmentTime: EVENT_TIME,
            AdjustmentType: 'Retract',
            ConversionName: 'Purchase',
            ConversionTime: CONVERSION_TIME,
            MicrosoftClickId: CLICK_ID
          }
        ]
      }
    ])
    expect(testDestination.results.at(-1)?.data).toMatchObject({
      outcome: 'delivered',
      warnings: [
        {
          field: 'adjustment_value',
          rule: 'retract_no_value',
          message: 'adjustment_value was dropped: a Retract carries no value or currency'
        }
      ]
    })
  })

  it('hides the value fields for a Retract', () => {
    const restateOnly = { conditions: [{ fieldKey: 'adjustment_type', operator: 'is', value: 'Restate' }] }
    expect(fields.adjustment_value.depends_on).toEqual(restateOnly)
    expect(fields.currency.depends_on).toEqual(restateOnly)
    // The original's time, which a refund carries as properties.conversion_time; without it, an online adjustment.
    expect(fields.conversion_time.default).toEqual({ '@path': '$.properties.conversion_time' })
  })

  it('sends offline and online adjustments of one batch to their own operations, each event with its status', async () => {
    const offline: unknown[] = []
    const online: unknown[] = []
    capture(OFFLINE_ADJUST, offline)
    capture(ONLINE_ADJUST, online, {
      PartialErrors: [
        { Code: 5627, ErrorCode: 'OfflineConversionRestateRetractNotSupported', Index: 0, Message: 'Not supported.' }
      ]
    })
    await testDestination.testBatchAction('adjustConversion', {
      events: [
        orderEvent('Order Refunded', { msclkid: CLICK_ID, converted_at: CONVERSION_TIME }),
        orderEvent('Order Refunded', { order_id: 'order-2' }),
        orderEvent('Order Refunded', { order_id: undefined })
      ],
      settings: SETTINGS,
      auth: AUTH,
      mapping: {
        adjustment_type: 'Retract',
        conversion_name: 'Purchase',
        conversion_time: { '@path': '$.properties.converted_at' }
      },
      useDefaultMappings: true
    })
    expect(offline).toHaveLength(1)
    expect(online).toEqual([
      {
        OnlineConversionAdjustments: [
          {
            AdjustmentTime: EVENT_TIME,
            AdjustmentType: 'Retract',
            ConversionName: 'Purchase',
            TransactionId: 'order-2'
          }
        ]
      }
    ])
    const [first, second, third] = testDestination.results[0].multistatus ?? []
    expect(first).toMatchObject({ status: 200, sent: expect.objectContaining({ ConversionName: expect.any(String) }) })
    expect(second).toMatchObject({
      status: 400,
      body: expect.objectContaining({ Code: 5627, ErrorCode: 'OfflineConversionRestateRetractNotSupported' })
    })
    expect(third).toMatchObject({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: expect.stringContaining('transaction_id is required: an adjustment needs transaction_id')
    })
  })

  it('requires a value for a Restate', async () => {
    await expect(
      testDestination.testAction('adjustConversion', {
        event: orderEvent('Order Updated', { revenue: undefined }),
        settings: SETTINGS,
        auth: AUTH,
        mapping: { adjustment_type: 'Restate', conversion_name: 'Purchase' },
        useDefaultMappings: true
      })
    ).rejects.toThrow('adjustment_value is required for a Restate adjustment.')
  })
})
