import type { MockHttpCallsData, ProxyV1TestData } from '../../harness/test-types'
import {
  applyHeaders,
  batchError,
  capiHeaders,
  CLICK_ID,
  ENDPOINTS,
  generateProxyMetadata,
  jobOutcome,
  microsoft
} from '../common'
import type { ProxyMetadata } from '../../../contracts/rudder-types'

/**
 * Delivery through the v1 proxy: Microsoft answers per item, and each job gets its own status.
 * Each case uses its own minute of conversion time, so that its mocked request body is unique.
 */

export function offlineItem(minute: number, name = 'Purchase', clickId = CLICK_ID) {
  return {
    ConversionName: name,
    ConversionTime: `2026-11-22T10:${String(minute).padStart(2, '0')}:00.000Z`,
    MicrosoftClickId: clickId
  }
}

const CLICK_2 = '0123456789abcdef0123456789abcdef'
const CLICK_3 = 'abcdefabcdefabcdefabcdefabcdef12'

export function generateProxyV1Payload(
  endpoint: string,
  endpointPath: string,
  headers: Record<string, string>,
  json: Record<string, unknown>,
  metadata: ProxyMetadata[]
) {
  return {
    version: 'v1',
    type: 'REST',
    userId: 'default-userId',
    method: 'POST',
    endpoint,
    endpointPath,
    headers,
    params: {},
    body: { JSON: json, JSON_ARRAY: {}, XML: {}, FORM: {}, GZIP: {} },
    files: {},
    metadata,
    destinationConfig: {}
  }
}

/** One job per item, as the router writes it. */
export function oneItemEach(jobIds: number[], listKey: string): ProxyMetadata[] {
  return jobIds.map((jobId, index) =>
    generateProxyMetadata(jobId, { destInfo: { recordIndexes: { [listKey]: [index] } } })
  )
}

export function accepted(trackingId?: string) {
  return `Accepted by Microsoft Advertising. (accepted)${trackingId ? ` TrackingId ${trackingId}.` : ''}`
}

/** The outcome a job carries beside its status when Microsoft accepted its items. */
export function acceptedOutcome(trackingId?: string) {
  return {
    outcome: 'delivered',
    reason: 'accepted',
    message: 'Accepted by Microsoft Advertising.',
    status: 200,
    ...(trackingId ? { trackingId } : {})
  }
}

/** The outcome a job carries for a Microsoft item error: Microsoft's code and name, the field at fault. */
export function itemRejectedOutcome(
  errorCode: string,
  subject: string,
  extra: { field?: string; trackingId?: string; outcome?: string; status?: number; retryAfterSeconds?: number } = {}
) {
  const { code, message } = microsoft(errorCode)
  return { outcome: 'rejected', reason: errorCode, code, message: `${message} (${subject})`, status: 400, ...extra }
}

const notProcessedOutcome = {
  outcome: 'retry',
  reason: 'batch_not_processed',
  message: 'Not processed because another item of the same request was invalid; it will be sent again.',
  status: 503,
  trackingId: 'tracking-5'
}

/** The text a job records for a Microsoft item error, as the core words it. */
export function itemRejected(errorCode: string, subject: string, trackingId?: string) {
  const { code, message } = microsoft(errorCode)
  return `${message} (${subject}) (${errorCode} ${code})${trackingId ? ` TrackingId ${trackingId}.` : ''}`
}

const applyCase = (
  id: string,
  description: string,
  successCriteria: string,
  json: Record<string, unknown>,
  metadata: ProxyMetadata[],
  output: ProxyV1TestData['output']['response']
): ProxyV1TestData => ({
  id,
  name: 'bingads_conversions',
  description,
  scenario: 'Business',
  successCriteria,
  feature: 'dataDelivery',
  module: 'destination',
  version: 'v1',
  input: {
    request: {
      method: 'POST',
      body: generateProxyV1Payload(ENDPOINTS.offline, 'OfflineConversions/Apply', applyHeaders, json, metadata)
    }
  },
  output: { response: output }
})

const threeJobs = oneItemEach([1, 2, 3], 'OfflineConversions')
const multiGoal = [
  generateProxyMetadata(1, { destInfo: { recordIndexes: { OfflineConversions: [0, 1] } } }),
  generateProxyMetadata(2, {
    destInfo: {
      recordIndexes: { OfflineConversions: [2] },
      notes: [
        'UET Conversions API event not sent: Skipped: the same conversion as job 1 of this batch was sent once. (duplicate_in_batch)'
      ]
    }
  })
]
const capiJobs = oneItemEach([1, 2, 3], 'data')

const capiEvent = (eventId: string) => ({
  eventType: 'custom',
  eventTime: 1795341600,
  eventId,
  eventName: 'Lead Submitted',
  adStorageConsent: 'G',
  userData: { msclkid: CLICK_ID }
})

const capiPartialAnswer = {
  eventsReceived: 2,
  error: {
    code: 'ValidationError',
    message: 'One or multiple parameters did not pass validation checks, see details.',
    details: [
      {
        index: 1,
        propertyName: 'data[1].eventTime',
        attemptedValue: 1795341600,
        errorMessage: "'eventTime' must be a valid UNIX UTC timestamp in seconds within last 7 days.",
        errorCode: 'InvalidEventTime',
        isWarning: false
      },
      {
        index: 2,
        propertyName: 'data[2].referrerUrl',
        errorMessage: "'referrerUrl' is not a valid URL.",
        errorCode: 'InvalidUrl',
        isWarning: true
      }
    ]
  },
  traceId: 'trace-7'
}

/** Microsoft answers in JSON; the mock gives the headers as a server would send them. */
const JSON_ANSWER = { 'content-type': 'application/json' }

export const businessNetwork: MockHttpCallsData[] = [
  {
    httpReq: {
      url: ENDPOINTS.offline,
      method: 'POST',
      data: { OfflineConversions: [offlineItem(1), offlineItem(1, 'Lead'), offlineItem(1, 'Revenue')] }
    },
    httpRes: { status: 200, data: { PartialErrors: [] }, headers: { ...JSON_ANSWER, trackingid: 'tracking-1' } }
  },
  {
    httpReq: {
      url: ENDPOINTS.offline,
      method: 'POST',
      data: { OfflineConversions: [offlineItem(2), offlineItem(2, 'Purchse'), offlineItem(2, 'Lead')] }
    },
    httpRes: {
      status: 200,
      data: { PartialErrors: [batchError('OfflineConversionNameInvalid', 1, 'ConversionName')] },
      headers: { ...JSON_ANSWER, trackingid: 'tracking-2' }
    }
  },
  {
    httpReq: {
      url: ENDPOINTS.offline,
      method: 'POST',
      data: { OfflineConversions: [offlineItem(3), offlineItem(3, 'Revenue'), offlineItem(3, 'Lead', CLICK_2)] }
    },
    httpRes: {
      status: 200,
      data: { PartialErrors: [batchError('FutureConversionTimeCannotBeSet', 1)] },
      headers: JSON_ANSWER
    }
  },
  {
    httpReq: {
      url: ENDPOINTS.offline,
      method: 'POST',
      data: { OfflineConversions: [offlineItem(4), offlineItem(4, 'Lead'), offlineItem(4, 'Retired Goal')] }
    },
    httpRes: {
      status: 200,
      data: {
        PartialErrors: [batchError('OfflineConversionsApplyFailed', 0), batchError('OfflineConversionNameInvalid', 2)]
      },
      headers: JSON_ANSWER
    }
  },
  {
    httpReq: {
      url: ENDPOINTS.offline,
      method: 'POST',
      data: {
        OfflineConversions: [
          { ConversionName: 'Purchase', ConversionTime: '2026-11-22T10:05:00.000Z' },
          offlineItem(5, 'Lead', CLICK_2),
          offlineItem(5, 'Lead', CLICK_3)
        ]
      }
    },
    httpRes: {
      status: 400,
      data: {
        TrackingId: 'tracking-5',
        Type: 'ApiFaultDetail',
        BatchErrors: [batchError('OfflineConversionMicrosoftClickIdNullOrEmpty', 0)],
        OperationErrors: []
      },
      headers: JSON_ANSWER
    }
  },
  {
    httpReq: {
      url: ENDPOINTS.offline,
      method: 'POST',
      data: { OfflineConversions: [offlineItem(6), offlineItem(6, 'Revenue')] }
    },
    httpRes: {
      status: 200,
      data: { PartialErrors: [batchError('OfflineConversionNameInvalid', 1)] },
      headers: JSON_ANSWER
    }
  },
  {
    httpReq: {
      url: ENDPOINTS.capi,
      method: 'POST',
      data: {
        data: [capiEvent('e-1'), capiEvent('e-2'), capiEvent('e-3')],
        continueOnValidationError: true,
        dataProvider: 'RudderStack'
      }
    },
    httpRes: { status: 200, data: capiPartialAnswer, headers: JSON_ANSWER }
  }
]

export const businessScenarios: ProxyV1TestData[] = [
  applyCase(
    'bingads_conversions_v1_business_all_accepted',
    '[Proxy v1 API] :: three jobs, Microsoft accepts every item',
    'Every job gets 200',
    { OfflineConversions: [offlineItem(1), offlineItem(1, 'Lead'), offlineItem(1, 'Revenue')] },
    threeJobs,
    {
      status: 200,
      body: {
        output: {
          status: 200,
          message: 'Request for BINGADS_CONVERSIONS processed: 3 × 200.',
          destinationResponse: {
            response: { PartialErrors: [] },
            status: 200,
            headers: { 'content-type': 'application/json', trackingid: 'tracking-1' }
          },
          response: threeJobs.map((metadata) => ({
            statusCode: 200,
            metadata,
            error: accepted('tracking-1'),
            ...jobOutcome(acceptedOutcome('tracking-1'))
          }))
        }
      }
    }
  ),
  applyCase(
    'bingads_conversions_v1_business_partial_error',
    '[Proxy v1 API] :: PartialErrors names the item at Index 1 (goal name does not exist)',
    "Only the job that owns item 1 is aborted (400) with Microsoft's code and the goal name; the others get 200",
    { OfflineConversions: [offlineItem(2), offlineItem(2, 'Purchse'), offlineItem(2, 'Lead')] },
    threeJobs,
    {
      status: 200,
      body: {
        output: {
          status: 200,
          message: 'Request for BINGADS_CONVERSIONS processed: 2 × 200, 1 × 400.',
          destinationResponse: {
            response: { PartialErrors: [batchError('OfflineConversionNameInvalid', 1, 'ConversionName')] },
            status: 200,
            headers: { 'content-type': 'application/json', trackingid: 'tracking-2' }
          },
          response: [
            {
              statusCode: 200,
              metadata: threeJobs[0],
              error: accepted('tracking-2'),
              ...jobOutcome(acceptedOutcome('tracking-2'))
            },
            {
              statusCode: 400,
              metadata: threeJobs[1],
              error: itemRejected('OfflineConversionNameInvalid', 'conversion name "Purchse"', 'tracking-2'),
              ...jobOutcome(
                itemRejectedOutcome('OfflineConversionNameInvalid', 'conversion name "Purchse"', {
                  field: 'conversion_name',
                  trackingId: 'tracking-2'
                })
              )
            },
            {
              statusCode: 200,
              metadata: threeJobs[2],
              error: accepted('tracking-2'),
              ...jobOutcome(acceptedOutcome('tracking-2'))
            }
          ]
        }
      }
    }
  ),
  applyCase(
    'bingads_conversions_v1_business_multi_goal_job',
    '[Proxy v1 API] :: job 1 owns items 0 and 1 (one event, two goals); item 1 is refused',
    'destInfo maps items to jobs: job 1 is aborted, job 2 gets 200 and its note',
    { OfflineConversions: [offlineItem(3), offlineItem(3, 'Revenue'), offlineItem(3, 'Lead', CLICK_2)] },
    multiGoal,
    {
      status: 200,
      body: {
        output: {
          status: 200,
          message: 'Request for BINGADS_CONVERSIONS processed: 1 × 200, 1 × 400.',
          destinationResponse: {
            response: { PartialErrors: [batchError('FutureConversionTimeCannotBeSet', 1)] },
            status: 200,
            headers: { 'content-type': 'application/json' }
          },
          response: [
            {
              statusCode: 400,
              metadata: multiGoal[0],
              error: itemRejected('FutureConversionTimeCannotBeSet', 'conversion name "Revenue"'),
              ...jobOutcome(
                itemRejectedOutcome('FutureConversionTimeCannotBeSet', 'conversion name "Revenue"', {
                  field: 'conversion_time'
                })
              )
            },
            {
              statusCode: 200,
              metadata: multiGoal[1],
              error: `${accepted()} Notes: UET Conversions API event not sent: Skipped: the same conversion as job 1 of this batch was sent once. (duplicate_in_batch)`,
              ...jobOutcome(acceptedOutcome())
            }
          ]
        }
      }
    }
  ),
  applyCase(
    'bingads_conversions_v1_business_item_retry',
    "[Proxy v1 API] :: item 0 failed on Microsoft's side (retryable), item 2 names a goal that does not exist",
    'Job 1 is retried (500), job 2 gets 200, job 3 is aborted (400)',
    { OfflineConversions: [offlineItem(4), offlineItem(4, 'Lead'), offlineItem(4, 'Retired Goal')] },
    threeJobs,
    {
      status: 200,
      body: {
        output: {
          status: 200,
          message: 'Request for BINGADS_CONVERSIONS processed: 1 × 200, 1 × 400, 1 × 500.',
          destinationResponse: {
            response: {
              PartialErrors: [
                batchError('OfflineConversionsApplyFailed', 0),
                batchError('OfflineConversionNameInvalid', 2)
              ]
            },
            status: 200,
            headers: { 'content-type': 'application/json' }
          },
          response: [
            {
              statusCode: 500,
              metadata: threeJobs[0],
              error: itemRejected('OfflineConversionsApplyFailed', 'conversion name "Purchase"'),
              ...jobOutcome(
                itemRejectedOutcome('OfflineConversionsApplyFailed', 'conversion name "Purchase"', {
                  outcome: 'retry',
                  status: 503,
                  retryAfterSeconds: 60
                })
              )
            },
            { statusCode: 200, metadata: threeJobs[1], error: accepted(), ...jobOutcome(acceptedOutcome()) },
            {
              statusCode: 400,
              metadata: threeJobs[2],
              error: itemRejected('OfflineConversionNameInvalid', 'conversion name "Retired Goal"'),
              ...jobOutcome(
                itemRejectedOutcome('OfflineConversionNameInvalid', 'conversion name "Retired Goal"', {
                  field: 'conversion_name'
                })
              )
            }
          ]
        }
      }
    }
  ),
  applyCase(
    'bingads_conversions_v1_business_batch_fault',
    '[Proxy v1 API] :: an ApiFaultDetail (HTTP 400) refuses item 0; Microsoft processed none of the items',
    'Job 1 is aborted (400); jobs 2 and 3 are retried (500) alone (dontBatch), since only another item was wrong',
    {
      OfflineConversions: [
        { ConversionName: 'Purchase', ConversionTime: '2026-11-22T10:05:00.000Z' },
        offlineItem(5, 'Lead', CLICK_2),
        offlineItem(5, 'Lead', CLICK_3)
      ]
    },
    threeJobs,
    {
      status: 200,
      body: {
        output: {
          status: 400,
          message: 'Request for BINGADS_CONVERSIONS processed: 1 × 400, 2 × 500.',
          statTags: { errorCategory: 'network', errorType: 'aborted' },
          destinationResponse: {
            response: {
              TrackingId: 'tracking-5',
              Type: 'ApiFaultDetail',
              BatchErrors: [batchError('OfflineConversionMicrosoftClickIdNullOrEmpty', 0)],
              OperationErrors: []
            },
            status: 400,
            headers: { 'content-type': 'application/json' }
          },
          response: [
            {
              statusCode: 400,
              metadata: threeJobs[0],
              error: itemRejected(
                'OfflineConversionMicrosoftClickIdNullOrEmpty',
                'conversion name "Purchase"',
                'tracking-5'
              ),
              ...jobOutcome(
                itemRejectedOutcome('OfflineConversionMicrosoftClickIdNullOrEmpty', 'conversion name "Purchase"', {
                  field: 'microsoft_click_id',
                  trackingId: 'tracking-5'
                })
              )
            },
            {
              statusCode: 500,
              metadata: { ...threeJobs[1], dontBatch: true },
              error:
                'Not processed because another item of the same request was invalid; it will be sent again. (batch_not_processed) TrackingId tracking-5.',
              ...jobOutcome(notProcessedOutcome)
            },
            {
              statusCode: 500,
              metadata: { ...threeJobs[2], dontBatch: true },
              error:
                'Not processed because another item of the same request was invalid; it will be sent again. (batch_not_processed) TrackingId tracking-5.',
              ...jobOutcome(notProcessedOutcome)
            }
          ]
        }
      }
    }
  ),
  applyCase(
    'bingads_conversions_v1_business_processor_request',
    '[Proxy v1 API] :: a request built by the processor transform (one job, two goals, no destInfo)',
    'The single job owns every item: one refused goal aborts it',
    { OfflineConversions: [offlineItem(6), offlineItem(6, 'Revenue')] },
    [generateProxyMetadata(1)],
    {
      status: 200,
      body: {
        output: {
          status: 200,
          message: 'Request for BINGADS_CONVERSIONS processed: 1 × 400.',
          destinationResponse: {
            response: { PartialErrors: [batchError('OfflineConversionNameInvalid', 1)] },
            status: 200,
            headers: { 'content-type': 'application/json' }
          },
          response: [
            {
              statusCode: 400,
              metadata: generateProxyMetadata(1),
              error: itemRejected('OfflineConversionNameInvalid', 'conversion name "Revenue"'),
              ...jobOutcome(
                itemRejectedOutcome('OfflineConversionNameInvalid', 'conversion name "Revenue"', {
                  field: 'conversion_name'
                })
              )
            }
          ]
        }
      }
    }
  ),
  {
    id: 'bingads_conversions_v1_business_capi_partial',
    name: 'bingads_conversions',
    description:
      '[Proxy v1 API] :: the UET Conversions API takes 2 of 3 events and names event 1 as invalid, event 2 with a warning',
    scenario: 'Business',
    successCriteria: 'Job 2 is aborted with the CAPI error; jobs 1 and 3 get 200, job 3 with the warning',
    feature: 'dataDelivery',
    module: 'destination',
    version: 'v1',
    input: {
      request: {
        method: 'POST',
        body: generateProxyV1Payload(
          ENDPOINTS.capi,
          'capi/events',
          capiHeaders,
          {
            data: [capiEvent('e-1'), capiEvent('e-2'), capiEvent('e-3')],
            continueOnValidationError: true,
            dataProvider: 'RudderStack'
          },
          capiJobs
        )
      }
    },
    output: {
      response: {
        status: 200,
        body: {
          output: {
            status: 200,
            message: 'Request for BINGADS_CONVERSIONS processed: 2 × 200, 1 × 400.',
            destinationResponse: {
              // Microsoft's documented fields, redacted: the attempted values (which can be a person's data) dropped.
              response: {
                ...capiPartialAnswer,
                error: {
                  ...capiPartialAnswer.error,
                  details: capiPartialAnswer.error.details.map(({ attemptedValue: _dropped, ...detail }) => detail)
                }
              },
              status: 200,
              headers: { 'content-type': 'application/json' }
            },
            response: [
              {
                statusCode: 200,
                metadata: capiJobs[0],
                error: 'Accepted by Microsoft Advertising. (accepted) TrackingId trace-7.',
                ...jobOutcome(acceptedOutcome('trace-7'))
              },
              {
                statusCode: 400,
                metadata: capiJobs[1],
                error:
                  "data[1].eventTime: 'eventTime' must be a valid UNIX UTC timestamp in seconds within last 7 days. (InvalidEventTime) TrackingId trace-7.",
                ...jobOutcome({
                  outcome: 'rejected',
                  reason: 'InvalidEventTime',
                  code: 'InvalidEventTime',
                  message:
                    "data[1].eventTime: 'eventTime' must be a valid UNIX UTC timestamp in seconds within last 7 days.",
                  status: 400,
                  trackingId: 'trace-7'
                })
              },
              {
                statusCode: 200,
                metadata: capiJobs[2],
                error:
                  "Accepted by Microsoft Advertising. (accepted) TrackingId trace-7. Warnings: referrerUrl was dropped by Microsoft: 'referrerUrl' is not a valid URL.",
                ...jobOutcome({
                  ...acceptedOutcome('trace-7'),
                  warnings: [
                    {
                      field: 'referrerUrl',
                      rule: 'InvalidUrl',
                      message: "referrerUrl was dropped by Microsoft: 'referrerUrl' is not a valid URL."
                    }
                  ]
                })
              }
            ]
          }
        }
      }
    }
  }
]
