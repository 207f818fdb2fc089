import { outcomeForCode } from '../classify'
import { MICROSOFT_CODES, MICROSOFT_NAMED_ERRORS } from '../error-codes'
import { outcomeForIdentityError } from '../oauth/identity-errors'
import { interpretApplyResponse } from '../responses'

// Numeric codes and symbolic names as https://learn.microsoft.com/advertising/guides/operation-error-codes lists them (MicrosoftDocs/Advertising).
const DOCUMENTED: Record<number, string> = {
  113: 'InvalidDateObject',
  122: 'PersonalIdentityNotAvailable',
  123: 'WorkIdentityNotAvailable',
  124: 'PersonalIdentityMigratedToWork',
  125: 'PersonalIdentityNotAllowedByCustomer',
  126: 'IdentityTypeMismatch',
  202: 'ApiExecutionError',
  203: 'NullParameter',
  204: 'OperationNotSupported',
  205: 'InvalidVersion',
  206: 'NullArrayArgument',
  210: 'EntityNotExistent',
  1008: 'CampaignServiceInvalidAccountStatus',
  1102: 'CampaignServiceInvalidAccountId',
  3217: 'BulkServiceFormatVersionNotSupported',
  3219: 'BulkServiceFormatVersionRequired',
  4403: 'ValueTooShort',
  4404: 'ValueTooLong',
  4415: 'ValueImmutable',
  5301: 'DuplicateUetTagId',
  5307: 'InvalidUetTagDescription',
  5313: 'TotalUetTagsExceedLimit',
  5315: 'DuplicateConversionGoalId',
  5325: 'ConversionGoalIdIsNull',
  5326: 'TotalConversionGoalsExceedAccountLimit',
  5327: 'TotalConversionGoalsExceedCustomerLimit',
  5352: 'GoalCurrencyCodeNotSupported',
  5356: 'GoalTypeCannotBeChanged',
  5614: 'FutureConversionTimeCannotBeSet'
}

describe("Microsoft's documented codes", () => {
  it.each(Object.entries(DOCUMENTED))('knows %s as %s', (code, name) => {
    expect(MICROSOFT_CODES.get(Number(code))?.errorCode).toBe(name)
    expect(outcomeForCode(Number(code)).reason).toBe(name)
  })

  it('has no code Microsoft does not list (119, 3347)', () => {
    expect(MICROSOFT_CODES.has(119)).toBe(false)
    expect(MICROSOFT_CODES.has(3347)).toBe(false)
  })

  it('never refreshes the token for the identity-type codes 122-126: a person must sign in with the right account', () => {
    for (const code of [122, 123, 124, 125, 126]) {
      expect(outcomeForCode(code, { httpStatus: 401 })).toMatchObject({ outcome: 'auth', authAction: 'inactive' })
    }
  })

  it('retries 202 ApiExecutionError, rejects the request bugs, stops on a bad account status', () => {
    expect(outcomeForCode(202).outcome).toBe('retry')
    for (const code of [113, 203, 205, 206, 1102, 3217, 3219, 4403, 4404, 4415]) {
      expect(outcomeForCode(code).outcome).toBe('rejected')
    }
    expect(outcomeForCode(1008)).toMatchObject({ outcome: 'auth', authAction: 'inactive' })
  })
})

describe('errors Microsoft documents by name only (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary, https://learn.microsoft.com/advertising/campaign-management-service/offlineconversion)', () => {
  it.each([
    ['NotEligibleForEnhancedConversions', 'rejected'],
    ['ConversionEmailAddressIsNotHashed', 'rejected'],
    ['ConversionPhoneNumberIsNotHashed', 'rejected'],
    ['ExternalAttributionRequiredFieldEmpty', 'rejected'],
    ['ExternalAttributionModelTooLong', 'rejected'],
    ['ExternalAttributionCreditValueInvalid', 'rejected'],
    ['GoalNotEligibleForExternalAttribution', 'rejected'],
    ['OfflineConversionGoalTooRecent', 'retry']
  ])('classifies %s by name when its number is unknown', (name, outcome) => {
    expect(MICROSOFT_NAMED_ERRORS.has(name)).toBe(true)
    expect(outcomeForCode(999_001, { errorCode: name, httpStatus: 400 })).toMatchObject({ outcome, reason: name })
  })

  it('says what to change in Microsoft Advertising for NotEligibleForEnhancedConversions', () => {
    expect(MICROSOFT_NAMED_ERRORS.get('NotEligibleForEnhancedConversions')?.action).toMatch(
      /turn on enhanced conversions/
    )
  })

  it('reads an item error by name inside PartialErrors', () => {
    const [outcome] = interpretApplyResponse(
      {
        status: 200,
        headers: {},
        body: JSON.stringify({
          PartialErrors: [{ Code: 999_002, ErrorCode: 'GoalNotEligibleForExternalAttribution', Index: 0, Message: 'x' }]
        })
      },
      1
    )
    expect(outcome).toMatchObject({ outcome: 'rejected', reason: 'GoalNotEligibleForExternalAttribution' })
  })
})

describe('EditorialApiFaultDetail', () => {
  it('is read like an ApiFaultDetail: BatchErrors by index, the rest not processed', () => {
    const outcomes = interpretApplyResponse(
      {
        status: 400,
        headers: {},
        body: JSON.stringify({
          TrackingId: 'trk-e',
          Type: 'EditorialApiFaultDetail',
          BatchErrors: [{ Code: 5606, ErrorCode: 'OfflineConversionNameInvalid', Index: 1, Message: 'm' }],
          EditorialErrors: [{ Appealable: false, DisapprovedText: 'x', Location: 'y', ReasonCode: 3 }],
          OperationErrors: []
        })
      },
      2
    )
    expect(outcomes[1]).toMatchObject({
      outcome: 'rejected',
      reason: 'OfflineConversionNameInvalid',
      trackingId: 'trk-e'
    })
    expect(outcomes[0]).toMatchObject({ outcome: 'retry', reason: 'batch_not_processed' })
  })
})

describe('AADSTS50011', () => {
  it('names the redirect URI mismatch, not a refused client id or secret', () => {
    const outcome = outcomeForIdentityError(400, {
      error: 'invalid_request',
      error_description:
        "AADSTS50011: The redirect URI 'http://localhost:8080/' specified in the request does not match the redirect URIs configured for the application."
    })
    expect(outcome.message).toMatch(/redirect URI/)
    expect(outcome.message).toMatch(/Redirect URIs/)
    expect(outcome.message).not.toMatch(/client id or client secret was refused/)
  })
})
