import type { NeutralField } from '../conversions/input-error'
import type { AuthAction, OutcomeKind } from '../outcome'

/**
 * Every Microsoft code this package knows, once: what it is called, what it means for the event, which input
 * field it points at, and what a person should do. Classification, the emulator's messages and
 * docs/troubleshooting.md all read this table.
 */
export interface MicrosoftCode {
  code: number
  errorCode: string
  message: string
  outcome: Exclude<OutcomeKind, 'delivered' | 'skipped'>
  authAction?: AuthAction
  retryAfterSeconds?: number
  field?: NeutralField
  /** What to do about it, for the troubleshooting guide. */
  action: string
  /** HTTP status the REST service answers a request-level fault with (◐ in microsoft-api.md). */
  httpStatus?: number
}

const list: MicrosoftCode[] = [
  {
    code: 0,
    errorCode: 'InternalError',
    message: 'An unidentified error has occurred.',
    outcome: 'retry',
    retryAfterSeconds: 30,
    httpStatus: 500,
    action:
      "Transient on Microsoft's side; the event is retried. If it persists, contact Microsoft Advertising support with the TrackingId."
  },
  {
    code: 100,
    errorCode: 'NullRequest',
    message: 'The request message is null.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 105,
    errorCode: 'InvalidCredentials',
    message: 'Authentication failed. Either supplied credentials are invalid or the account is inactive.',
    outcome: 'auth',
    authAction: 'refresh',
    httpStatus: 401,
    action:
      'The access token or the developer token is wrong for this environment (a production token against sandbox, or the reverse). The token is refreshed once; if it persists, check developer_token and environment.'
  },
  {
    code: 106,
    errorCode: 'UserIsNotAuthorized',
    message: 'The user is not authorized to perform this action.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 403,
    action:
      'The signed-in user has no access to this customer or account. Check customer_id and account_id, or sign in again as a user with access.'
  },
  {
    code: 108,
    errorCode: 'UserCompromised',
    message: 'Suspicious activity was detected on the Microsoft Advertising account.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 403,
    action: "Reset the user's password in Microsoft Advertising, then sign in again."
  },
  {
    code: 109,
    errorCode: 'AuthenticationTokenExpired',
    message: 'Authentication token expired. Please renew it or obtain a new token.',
    outcome: 'auth',
    authAction: 'refresh',
    httpStatus: 401,
    action: 'Handled automatically: the access token is refreshed and the event retried.'
  },
  {
    code: 116,
    errorCode: 'RequestMissingHeaders',
    message: 'One or more required header elements are missing from the request.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Check that customer_id, account_id and developer_token are set.'
  },
  {
    code: 117,
    errorCode: 'CallRateExceeded',
    message: 'You have exceeded the number of calls that you are allowed to make in a minute.',
    outcome: 'retry',
    retryAfterSeconds: 60,
    httpStatus: 429,
    action: 'Throttled: retried after the wait. Fill batches (up to 1,000 events) to make fewer calls.'
  },
  {
    code: 119,
    errorCode: 'InvalidAccountId',
    message: "The account id is not valid (seen in the wild, not in Microsoft's code list).",
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Check account_id: the numeric id of the ad account (not the account number).'
  },
  {
    code: 120,
    errorCode: 'UserLoginAccessDenied',
    message: 'The credentials are not valid for the person who attempted to log in.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 403,
    action: "Sign in again with the user's primary Microsoft Advertising login."
  },
  {
    code: 208,
    errorCode: 'InvalidAccount',
    message: 'The account is not valid.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Check account_id and that the account is active.'
  },
  {
    code: 1029,
    errorCode: 'CampaignServiceCustomerIdHasToBeSpecified',
    message: 'The CustomerId element must be specified for this operation.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Set customer_id.'
  },
  {
    code: 1030,
    errorCode: 'CampaignServiceAccountIdHasToBeSpecified',
    message: 'The CustomerAccountId element must be specified for this operation.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Set account_id.'
  },
  {
    code: 4410,
    errorCode: 'InvalidHeader',
    message: 'A request header is not valid.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Check that customer_id and account_id are numeric ids.'
  },

  {
    code: 201,
    errorCode: 'ApiInputValidationError',
    message: 'One or more input elements failed validation.',
    outcome: 'rejected',
    action: 'A request field has the wrong type or name: report it with the TrackingId.'
  },
  {
    code: 3347,
    errorCode: 'InvalidGoalCategory',
    message: 'The Goal Category is invalid.',
    outcome: 'rejected',
    action: 'Offline goals need a category other than None, Unknown or Download.'
  },
  {
    code: 4405,
    errorCode: 'ValueOutOfRange',
    message: 'Value is out of valid range.',
    outcome: 'rejected',
    action: 'A value is out of range: check the field named in Details.'
  },
  {
    code: 4406,
    errorCode: 'ValueIsMissing',
    message: 'Required value is missing.',
    outcome: 'rejected',
    action: 'A required value is missing: check the field named in Details.'
  },
  {
    code: 4407,
    errorCode: 'InvalidValue',
    message: 'Value is invalid.',
    outcome: 'rejected',
    action: 'A value is invalid: check the field named in Details (hashes must be lowercase SHA-256 hex).'
  },
  {
    code: 5304,
    errorCode: 'UetTagIdsExceedsLimit',
    message: 'The list of UET Tag IDs exceeds the limit.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5308,
    errorCode: 'UetTagsNotPassed',
    message: 'The UET Tags are required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5309,
    errorCode: 'UetTagArrayExceedsLimit',
    message: 'The list of UET Tags exceeds the limit.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5310,
    errorCode: 'UetTagIsNull',
    message: 'The UET Tag is required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5311,
    errorCode: 'UetTagIdIsNotNull',
    message: 'The UET Tag ID should be null.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5312,
    errorCode: 'UetTagIdIsNull',
    message: 'The UET Tag ID is required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5318,
    errorCode: 'ConversionGoalIdArrayExceedsLimit',
    message: 'The list of Conversion Goal IDs exceeds the limit for the current operation.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5321,
    errorCode: 'ConversionGoalsNotPassed',
    message: 'The Conversion Goals are required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5323,
    errorCode: 'ConversionGoalIsNull',
    message: 'The Conversion Goal is required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5324,
    errorCode: 'ConversionGoalIdIsNotNull',
    message: 'The Conversion Goal ID must be null.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5328,
    errorCode: 'InvalidConversionGoalStatus',
    message: 'The Conversion Goal status is invalid.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5330,
    errorCode: 'UetTagIdsNotPassed',
    message: 'The UET Tag IDs are required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5334,
    errorCode: 'UrlGoalUrlExpressionNotPassed',
    message: 'The Url Expression for Url Goal is required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5335,
    errorCode: 'AppInstallGoalStoreIdNotPassed',
    message: 'The Store ID for App Install Goal is required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5336,
    errorCode: 'EventGoalExpressionWithOperatorNotPassed',
    message: 'At least one expression and operator pair is required for an Event Goal.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5347,
    errorCode: 'ConversionGoalTypesDoNotMatchExistingValue',
    message: 'The requested conversion goal types do not match the existing conversion goal type.',
    outcome: 'rejected',
    action: 'A bug in the request: report it with the TrackingId.'
  },
  {
    code: 5300,
    errorCode: 'InvalidUetTagId',
    message: 'The UET tag id is invalid.',
    outcome: 'rejected',
    field: 'uet_tag_id',
    action: 'Check uet_tag_id: the numeric id of a UET tag of this customer.'
  },
  {
    code: 5302,
    errorCode: 'DuplicateUetTagName',
    message: 'Duplicate UET Tag names are not allowed.',
    outcome: 'rejected',
    action: 'Use each tag name once.'
  },
  {
    code: 5303,
    errorCode: 'UetTagNameAlreadyExists',
    message: 'The UET Tag with the same name already exists.',
    outcome: 'rejected',
    action: 'Choose another tag name, or use the existing tag.'
  },
  {
    code: 5305,
    errorCode: 'UetTagNameNotPassed',
    message: 'The UET tag name is missing.',
    outcome: 'rejected',
    action: 'Give the tag a name.'
  },
  {
    code: 5306,
    errorCode: 'InvalidUetTagName',
    message: 'The UET Tag name is empty or exceeds the length limit.',
    outcome: 'rejected',
    action: 'Use at most 100 characters.'
  },
  {
    code: 5314,
    errorCode: 'InvalidConversionGoalId',
    message: 'The conversion goal id is invalid.',
    outcome: 'rejected',
    action: 'Check the goal id.'
  },
  {
    code: 5316,
    errorCode: 'DuplicateConversionGoalName',
    message: 'Duplicate conversion goal names are in the request.',
    outcome: 'rejected',
    action: 'Use each goal name once.'
  },
  {
    code: 5317,
    errorCode: 'ConversionGoalNameAlreadyExists',
    message: 'A conversion goal with this name already exists.',
    outcome: 'rejected',
    field: 'conversion_name',
    action: 'The goal exists already; map to it instead of creating it.'
  },
  {
    code: 5319,
    errorCode: 'ConversionGoalNameNotPassed',
    message: 'The conversion goal name is missing.',
    outcome: 'rejected',
    field: 'conversion_name',
    action: 'Give the goal a name.'
  },
  {
    code: 5320,
    errorCode: 'InvalidConversionGoalName',
    message: 'The Conversion Goal name is invalid or exceeds the length limit.',
    outcome: 'rejected',
    field: 'conversion_name',
    action: 'Use at most 100 characters.'
  },
  {
    code: 5322,
    errorCode: 'ConversionGoalArrayExceedsLimit',
    message: 'The list of conversion goals exceeds the limit.',
    outcome: 'rejected',
    action: 'At most 100 goals a call.'
  },
  {
    code: 5329,
    errorCode: 'ConversionGoalTypesNotPassed',
    message: 'The conversion goal types are required.',
    outcome: 'rejected',
    action: 'A bug in the request: report it.'
  },
  {
    code: 5331,
    errorCode: 'ConversionGoalTypeNotMatched',
    message: 'The conversion goal type does not match.',
    outcome: 'rejected',
    action: 'Check the goal type.'
  },
  {
    code: 5332,
    errorCode: 'InvalidConversionGoalRevenueType',
    message: 'The revenue type is invalid.',
    outcome: 'rejected',
    action: 'Use NoValue, FixedValue or VariableValue.'
  },
  {
    code: 5333,
    errorCode: 'InvalidConversionGoalRevenueValue',
    message: 'The revenue value is invalid.',
    outcome: 'rejected',
    action: 'Use a value from 0 to 9,999,999.'
  },
  {
    code: 5337,
    errorCode: 'InvalidConversionGoalConversionWindow',
    message: 'The conversion window is invalid.',
    outcome: 'rejected',
    action: 'Use 1 to 129,600 minutes.'
  },
  {
    code: 5351,
    errorCode: 'InvalidGoalCurrencyCode',
    message: 'The goal currency code is invalid.',
    outcome: 'rejected',
    action: 'Use an ISO 4217 code.'
  },
  {
    code: 5355,
    errorCode: 'GoalCurrencyCodeIsNull',
    message: 'The goal currency code is required.',
    outcome: 'rejected',
    action: 'Set a currency for customer-scope goals with revenue.'
  },

  {
    code: 5600,
    errorCode: 'OfflineConversionsNullOrEmpty',
    message: 'The list of offline conversions cannot be null or empty.',
    outcome: 'rejected',
    action: 'A bug in the request: report it.'
  },
  {
    code: 5601,
    errorCode: 'OfflineConversionsLimitExceeded',
    message: 'The list of offline conversions exceeds the limit of 1,000.',
    outcome: 'rejected',
    action: 'A bug in the batching: report it.'
  },
  {
    code: 5602,
    errorCode: 'OfflineConversionIsNull',
    message: 'The offline conversion cannot be null.',
    outcome: 'rejected',
    action: 'A bug in the request: report it.'
  },
  {
    code: 5603,
    errorCode: 'OfflineConversionMicrosoftClickIdNullOrEmpty',
    message: 'The Microsoft click id cannot be null or empty.',
    outcome: 'rejected',
    field: 'microsoft_click_id',
    action: 'Map microsoft_click_id, or an email or phone for enhanced conversions.'
  },
  {
    code: 5604,
    errorCode: 'OfflineConversionMicrosoftClickIdInvalid',
    message: 'The Microsoft click id is invalid.',
    outcome: 'rejected',
    field: 'microsoft_click_id',
    action: 'Send the msclkid exactly as captured from the landing page URL.'
  },
  {
    code: 5605,
    errorCode: 'OfflineConversionNameNullOrEmpty',
    message: 'The conversion name cannot be null or empty.',
    outcome: 'rejected',
    field: 'conversion_name',
    action: 'Map conversion_name to the name of an offline conversion goal.'
  },
  {
    code: 5606,
    errorCode: 'OfflineConversionNameInvalid',
    message: 'The conversion name do not match an existing offline conversion goal.',
    outcome: 'rejected',
    field: 'conversion_name',
    action:
      'Create the offline conversion goal in Microsoft Advertising (Tools > Conversion goals) or fix the name; it must match exactly.'
  },
  {
    code: 5607,
    errorCode: 'OfflineConversionTimeInvalid',
    message: 'The conversion time is invalid.',
    outcome: 'rejected',
    field: 'conversion_time',
    action: 'Send a UTC time within the last 90 days.'
  },
  {
    code: 5608,
    errorCode: 'OfflineConversionTimeNullOrEmpty',
    message: 'The conversion time cannot be null or empty.',
    outcome: 'rejected',
    field: 'conversion_time',
    action: 'Map conversion_time.'
  },
  {
    code: 5609,
    errorCode: 'OfflineConversionTimeOutOfWindow',
    message: 'The conversion time is outside the conversion window of the goal.',
    outcome: 'rejected',
    field: 'conversion_time',
    action: "The conversion came after the goal's conversion window; it cannot be counted."
  },
  {
    code: 5610,
    errorCode: 'OfflineConversionValueInvalid',
    message: 'The conversion value is invalid.',
    outcome: 'rejected',
    field: 'conversion_value',
    action: 'Send a non-negative number.'
  },
  {
    code: 5611,
    errorCode: 'OfflineConversionCurrencyCodeInvalid',
    message: 'The conversion currency code is invalid.',
    outcome: 'rejected',
    field: 'currency',
    action: 'Send an ISO 4217 code such as USD.'
  },
  {
    code: 5612,
    errorCode: 'OfflineConversionsApplyFailed',
    message: 'The offline conversions could not be applied.',
    outcome: 'retry',
    retryAfterSeconds: 60,
    action: "Transient on Microsoft's side; the event is retried."
  },
  {
    code: 5613,
    errorCode: 'OfflineConversionPilotNotEnabledForCustomer',
    message: 'Offline conversions are not enabled for this customer.',
    outcome: 'rejected',
    action: 'Ask Microsoft Advertising support to enable offline conversion imports for the customer.'
  },
  {
    code: 5614,
    errorCode: 'FutureConversionTimeCannotBeSet',
    message: 'The conversion time cannot be in the future.',
    outcome: 'rejected',
    field: 'conversion_time',
    action: 'Check the clock and time zone of the source; times must be UTC.'
  },
  {
    code: 5615,
    errorCode: 'OfflineConversionNotAcceptedForGoal',
    message:
      'Offline conversions cannot be accepted for the conversion goal at this time. You must wait 2 hours after the goal was created before uploading offline conversions.',
    outcome: 'retry',
    retryAfterSeconds: 900,
    field: 'conversion_name',
    action: 'The goal is younger than two hours. Events are retried; nothing to do but wait.'
  },
  {
    code: 5616,
    errorCode: 'ConversionTimeEarlierThanClickTime',
    message: 'The conversion time is earlier than the click time.',
    outcome: 'rejected',
    field: 'conversion_time',
    action: 'The conversion must happen after the ad click; check the time and its time zone.'
  },
  {
    code: 5617,
    errorCode: 'ClickIdDateTimeOutsideGoalConversionWindow',
    message: 'The click happened outside the conversion window of the goal.',
    outcome: 'rejected',
    field: 'microsoft_click_id',
    action: "The click is older than the goal's conversion window; it cannot be counted."
  },
  {
    code: 5618,
    errorCode: 'OfflineConversionInvalidAdjustmentType',
    message: 'The adjustment type is invalid.',
    outcome: 'rejected',
    field: 'adjustment_type',
    action: 'Use Restate or Retract.'
  },
  {
    code: 5619,
    errorCode: 'OfflineConversionAdjustmentTimeNullOrEmpty',
    message: 'The adjustment time cannot be null or empty.',
    outcome: 'rejected',
    field: 'adjustment_time',
    action: 'Map adjustment_time, or leave it to default to the event time.'
  },
  {
    code: 5620,
    errorCode: 'OfflineConversionAdjustmentTimeEarlierThanConversionTime',
    message: 'The adjustment time is earlier than the conversion time.',
    outcome: 'rejected',
    field: 'adjustment_time',
    action: 'An adjustment must come after the conversion it adjusts.'
  },
  {
    code: 5621,
    errorCode: 'OfflineConversionAdjustmentTimeInvalid',
    message: 'The adjustment time is invalid.',
    outcome: 'rejected',
    field: 'adjustment_time',
    action: 'Send a UTC time.'
  },
  {
    code: 5622,
    errorCode: 'OfflineConversionFutureAdjustmentTimeCannotBeSet',
    message: 'The adjustment time cannot be in the future.',
    outcome: 'rejected',
    field: 'adjustment_time',
    action: 'Check the clock and time zone of the source.'
  },
  {
    code: 5623,
    errorCode: 'OfflineConversionAdjustmentTimeOutOfWindow',
    message: 'The adjustment time is outside the conversion window.',
    outcome: 'rejected',
    field: 'adjustment_time',
    action: 'Adjust conversions within 90 days.'
  },
  {
    code: 5624,
    errorCode: 'OfflineConversionAdjustmentValueNotExpected',
    message: 'An adjustment value cannot be set for a retraction.',
    outcome: 'rejected',
    field: 'adjustment_value',
    action: 'Leave the value empty for Retract.'
  },
  {
    code: 5625,
    errorCode: 'OfflineConversionAdjustmentValueRequired',
    message: 'An adjustment value is required for a restatement.',
    outcome: 'rejected',
    field: 'adjustment_value',
    action: 'Map adjustment_value for Restate.'
  },
  {
    code: 5626,
    errorCode: 'OfflineConversionCurrencyValueRequired',
    message: 'A currency value is required.',
    outcome: 'rejected',
    field: 'currency',
    action: 'Map currency with the value.'
  },
  {
    code: 5627,
    errorCode: 'OfflineConversionRestateRetractNotSupported',
    message: 'Restatements and retractions are not supported for this conversion.',
    outcome: 'rejected',
    action: 'The goal does not support adjustments.'
  },

  {
    code: 3220,
    errorCode: 'BulkServiceInvalidBulkUploadUrl',
    message: 'Invalid bulk upload URL.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the Bulk upload: report it with the TrackingId.'
  },
  {
    code: 3221,
    errorCode: 'BulkServiceNoFileFound',
    message: 'No file uploaded.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the Bulk upload: report it with the TrackingId.'
  },
  {
    code: 3222,
    errorCode: 'BulkServiceMultipleFilesFound',
    message: 'More than one file uploaded.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the Bulk upload: report it with the TrackingId.'
  },
  {
    code: 3223,
    errorCode: 'BulkServiceInvalidFileExtension',
    message: 'The file extension is not recognized.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the Bulk upload (the file must end in .csv, .tsv or .zip): report it.'
  },
  {
    code: 3224,
    errorCode: 'BulkServiceUrlAlreadyUsedForUpload',
    message: 'The URL has already been used for file upload.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the Bulk upload (each upload needs a new URL): report it.'
  },
  {
    code: 3225,
    errorCode: 'BulkServiceFileRowCountExceeded',
    message: 'The number of rows in the file has exceeded the maximum allowed value.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Files are split under 4 million rows (20,000 in sandbox); check --bulk-file-rows.'
  },
  {
    code: 3226,
    errorCode: 'BulkServiceUrlExpired',
    message: 'The URL has expired and cannot be used for uploads.',
    outcome: 'retry',
    retryAfterSeconds: 1,
    httpStatus: 400,
    action: 'Handled automatically: a new upload URL is requested and the file uploaded again.'
  },
  {
    code: 3227,
    errorCode: 'BulkServiceTooManyRequests',
    message: 'Too many requests.',
    outcome: 'retry',
    retryAfterSeconds: 60,
    httpStatus: 400,
    action: 'Throttled by the Bulk service: retried after the wait. Fewer concurrent uploads help.'
  },
  {
    code: 4200,
    errorCode: 'BulkServiceBatchOperationFailedForItems',
    message: 'The upload failed due to other items in the batch.',
    outcome: 'retry',
    retryAfterSeconds: 60,
    action: 'Not processed because another row failed; the row is sent again.'
  },
  {
    code: 4201,
    errorCode: 'BulkServiceInvalidRequestId',
    message: 'The specified RequestId is not valid.',
    outcome: 'retry',
    retryAfterSeconds: 1,
    httpStatus: 400,
    action: 'The upload request expired before the file was received; it is uploaded again with a new request.'
  },
  {
    code: 4202,
    errorCode: 'BulkServiceEntityNotFound',
    message: 'The entity specified by the row could not be found.',
    outcome: 'rejected',
    action: 'The conversion to adjust does not exist; check the original conversion.'
  },
  {
    code: 4203,
    errorCode: 'BulkServiceUnknownTypeForRow',
    message: 'The Type column of the row was not recognized and could not be inferred from the contents.',
    outcome: 'rejected',
    action: 'A bug in the Bulk file: report it.'
  },
  {
    code: 4204,
    errorCode: 'BulkServiceNoMoreCallsPermittedForTheTimePeriod',
    message: 'No more bulk upload or download calls will be permitted for this account for the current time period.',
    outcome: 'retry',
    retryAfterSeconds: 900,
    httpStatus: 400,
    action:
      'Bulk upload limit reached: wait up to 15 minutes, then the upload is tried again. Fewer, larger files help.'
  }
]

export const MICROSOFT_CODES: ReadonlyMap<number, MicrosoftCode> = new Map(
  [...list].sort((a, b) => a.code - b.code).map((entry) => [entry.code, entry])
)

export function microsoftCode(code: number): MicrosoftCode | undefined {
  return MICROSOFT_CODES.get(code)
}
