import type { RouterTransformationRequestData } from '../../../contracts/rudder-types'
import { destination, generateMetadata, trackEvent } from '../common'

/**
 * A router call of 2,500 jobs mixing every path: valid events (one or two goals), reverse-ETL inserts, an adjustment,
 * CAPI fan-out on a second account, unmapped events, invalid input, consent, in-batch duplicates, a missing OAuth
 * secret, unsupported types and dontBatch. Each job states the status and the reason it must end with.
 */

export const BULK_SIZE = 2500

export const accountA = destination({}, 'destination-a')
export const accountB = destination({ customerAccountId: '5550001', sendTrackEventsToCapi: true }, 'destination-b')

export interface Expected {
  status: 200 | 298 | 400 | 500
  /** A piece of the error text (or, for 200, the endpoint list key the job's items go to). */
  because: string
  goals?: string[]
  dontBatch?: boolean
  destination: 'a' | 'b'
}

export function clickIdOf(i: number): string {
  return i.toString(16).padStart(32, '0')
}

function lead(i: number, extra: Record<string, unknown> = {}) {
  return trackEvent('Lead Submitted', {
    messageId: `bulk-${i}`,
    context: { page: { url: `https://shop.example/?msclkid=${clickIdOf(i)}` } },
    properties: { order_id: `order-${i}`, revenue: i % 100, currency: 'usd' },
    ...extra
  })
}

export function bulkInputs(): { inputs: RouterTransformationRequestData[]; expected: Map<number, Expected> } {
  const inputs: RouterTransformationRequestData[] = []
  const expected = new Map<number, Expected>()
  const add = (i: number, message: Record<string, unknown>, exp: Expected, metadata = {}) => {
    const jobId = i + 1
    inputs.push({
      message: message as RouterTransformationRequestData['message'],
      metadata: generateMetadata(jobId, {
        destinationId: exp.destination === 'a' ? 'destination-a' : 'destination-b',
        messageId: `bulk-${i}`,
        ...metadata
      }),
      destination: exp.destination === 'a' ? accountA : accountB
    })
    expected.set(jobId, exp)
  }

  for (let i = 0; i < BULK_SIZE; i++) {
    switch (i % 10) {
      case 0:
        add(i, lead(i), { status: 200, because: 'OfflineConversions', goals: ['Lead'], destination: 'a' })
        break
      case 1:
        add(
          i,
          { ...lead(i), event: 'Order Completed' },
          { status: 200, because: 'OfflineConversions', goals: ['Purchase', 'Revenue'], destination: 'a' }
        )
        break
      case 2:
        add(
          i,
          {
            type: 'record' as const,
            action: 'insert',
            messageId: `bulk-${i}`,
            fields: {
              conversionName: 'Offline Purchase',
              conversionTime: '11/21/2026 3:45:00 PM',
              microsoftClickId: clickIdOf(i),
              conversionValue: '12.5'
            }
          },
          { status: 200, because: 'OfflineConversions', goals: ['Offline Purchase'], destination: 'a' }
        )
        break
      case 3:
        if (i % 20 === 3)
          add(i, { ...lead(i), event: 'Product Viewed' }, { status: 298, because: 'is not mapped', destination: 'a' })
        else
          add(
            i,
            { ...lead(i), event: 'Order Refunded' },
            { status: 200, because: 'OnlineConversionAdjustments', goals: ['Purchase'], destination: 'a' }
          )
        break
      case 4:
        if (i % 20 === 4) {
          add(i, lead(i, { context: { page: { url: 'https://shop.example/' } } }), {
            status: 400,
            because: 'properties.msclkid is required',
            destination: 'a'
          })
        } else {
          const email = `buyer.${i}@example.com`
          add(i, lead(i, { context: { page: { url: 'https://shop.example/' } }, traits: { email } }), {
            status: 200,
            because: 'OfflineConversions',
            goals: ['Lead'],
            destination: 'a'
          })
        }
        break
      case 5:
        if (i % 20 === 5) {
          add(
            i,
            lead(i, {
              context: {
                page: { url: `https://shop.example/?msclkid=${clickIdOf(i)}` },
                consentManagement: { deniedConsentIds: ['C0004'] }
              }
            }),
            {
              status: 298,
              because: 'ad_storage_consent_denied',
              destination: 'a'
            }
          )
        } else {
          add(i, lead(i, { timestamp: '2026-12-24T10:00:00Z' }), {
            status: 400,
            because: 'timestamp is in the future',
            destination: 'a'
          })
        }
        break
      case 6:
        // The same lead as job i - 6 (same goal, click id, order and minute), sent again.
        add(
          i,
          { ...lead(i - 6), messageId: `bulk-${i}` },
          { status: 298, because: `same conversion as job ${i - 6 + 1} of this batch`, destination: 'a' }
        )
        break
      case 7:
        add(
          i,
          lead(i),
          { status: 500, because: 'OAuth access token not found', destination: 'a' },
          { secret: { developer_token: 'dummy-developer-token' } }
        )
        break
      case 8:
        add(i, lead(i), { status: 200, because: 'data', goals: ['Lead'], destination: 'b' })
        break
      case 9:
        if (i % 20 === 9)
          add(
            i,
            { type: 'identify', userId: `user-${i}` },
            { status: 400, because: 'Message type "identify" is not supported', destination: 'a' }
          )
        else
          add(
            i,
            lead(i),
            { status: 200, because: 'OfflineConversions', goals: ['Lead'], dontBatch: true, destination: 'a' },
            { dontBatch: true }
          )
        break
    }
  }
  return { inputs, expected }
}
