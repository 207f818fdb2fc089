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
  /** HTTP status the REST service answers a request-level fault with, where known: Microsoft does not list it per code. */
  httpStatus?: number
}

const REQUEST_BUG = 'A bug in the request: report it with the TrackingId.'

const REQUEST_BUG_NO_ID = 'A bug in the request: report it.'

const BULK_BUG = 'A bug in the Bulk upload: report it with the TrackingId.'

const list: MicrosoftCode[] = [
  {
    code: 113,
    errorCode: 'InvalidDateObject',
    message: 'The date specified in the request is not valid.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A date in the request cannot be read: a bug in the request, report it with the TrackingId.'
  },
  {
    code: 122,
    errorCode: 'PersonalIdentityNotAvailable',
    message: 'You must use a work account to sign in to Microsoft Advertising.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 401,
    action:
      'The user signed in with a personal Microsoft account but has only a work account: sign in again with the work account.'
  },
  {
    code: 123,
    errorCode: 'WorkIdentityNotAvailable',
    message: 'You must use a personal Microsoft account to sign in to Microsoft Advertising.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 401,
    action:
      'The user signed in with a work account (Microsoft Entra ID) but has only a personal account: sign in again with the personal Microsoft account.'
  },
  {
    code: 124,
    errorCode: 'PersonalIdentityMigratedToWork',
    message: 'You can no longer use this personal Microsoft account to access Microsoft Advertising.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 401,
    action:
      'The personal account was migrated to a work account: sign in again with the work account (Microsoft Entra ID).'
  },
  {
    code: 125,
    errorCode: 'PersonalIdentityNotAllowedByCustomer',
    message: 'Your organization requires you to use your work email address to access Microsoft Advertising.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 401,
    action: 'The organization allows only work accounts: sign in again with the work account.'
  },
  {
    code: 126,
    errorCode: 'IdentityTypeMismatch',
    message: "The identity type you used doesn't match the account previously registered for this email.",
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 401,
    action:
      'Sign in again with the kind of account registered for this email (personal, work or Google), as the message says.'
  },
  {
    code: 202,
    errorCode: 'ApiExecutionError',
    message: 'The operation cannot be completed.',
    outcome: 'retry',
    retryAfterSeconds: 30,
    action:
      'Microsoft could not complete the call; it is retried. If it persists, contact Microsoft Advertising support with the TrackingId.'
  },
  {
    code: 203,
    errorCode: 'NullParameter',
    message: 'The parameter cannot be null.',
    outcome: 'rejected',
    httpStatus: 400,
    action: REQUEST_BUG
  },
  {
    code: 204,
    errorCode: 'OperationNotSupported',
    message: 'The operation is not supported.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'The account or environment does not offer this operation; check environment (sandbox or production).'
  },
  {
    code: 205,
    errorCode: 'InvalidVersion',
    message: 'The specified version is not valid.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'A bug in the request (the API version): report it with the TrackingId.'
  },
  {
    code: 206,
    errorCode: 'NullArrayArgument',
    message: 'A null array argument is not allowed.',
    outcome: 'rejected',
    httpStatus: 400,
    action: REQUEST_BUG
  },
  {
    code: 210,
    errorCode: 'EntityNotExistent',
    message: 'The entity does not exist.',
    outcome: 'rejected',
    action: 'The goal, tag or account named does not exist (any more): check the ids in the settings.'
  },
  {
    code: 1008,
    errorCode: 'CampaignServiceInvalidAccountStatus',
    message: 'The account status is not valid for the requested operation.',
    outcome: 'auth',
    authAction: 'inactive',
    httpStatus: 400,
    action:
      'The ad account is paused, inactive or pending: fix its status in Microsoft Advertising (Accounts summary), then send again.'
  },
  {
    code: 1102,
    errorCode: 'CampaignServiceInvalidAccountId',
    message: 'The account identifier is not valid.',
    outcome: 'rejected',
    httpStatus: 400,
    action: 'Check account_id: the numeric id of the ad account (not the account number).'
  },
  {
    code: 3217,
    errorCode: 'BulkServiceFormatVersionNotSupported',
    message: 'One or more bulk download entities are not supported with the specified format version.',
    outcome: 'rejected',
    action: 'A bug in the Bulk file (its Format Version row): report it.'
  },
  {
    code: 3219,
    errorCode: 'BulkServiceFormatVersionRequired',
    message: 'The format version is required.',
    outcome: 'rejected',
    action: 'A bug in the Bulk file (its Format Version row is missing): report it.'
  },
  {
    code: 4403,
    errorCode: 'ValueTooShort',
    message: 'Value is too short.',
    outcome: 'rejected',
    action: 'A value is too short: check the field named in Details.'
  },
  {
    code: 4404,
    errorCode: 'ValueTooLong',
    message: 'Value is too long.',
    outcome: 'rejected',
    action: 'A value is too long: check the field named in Details (names are at most 100 characters).'
  },
  {
    code: 4415,
    errorCode: 'ValueImmutable',
    message: 'Value cannot be updated.',
    outcome: 'rejected',
    action: "The field cannot be changed once set (a goal's Scope or Type, for example): create a new goal instead."
  },
  {
    code: 5301,
    errorCode: 'DuplicateUetTagId',
    message: 'Duplicate UET Tag IDs are not allowed.',
    outcome: 'rejected',
    action: 'Name each UET tag once per request.'
  },
  {
    code: 5307,
    errorCode: 'InvalidUetTagDescription',
    message: 'The UET Tag description is empty or exceeds the length limit.',
    outcome: 'rejected',
    action: 'Shorten the UET tag description.'
  },
  {
    code: 5313,
    errorCode: 'TotalUetTagsExceedLimit',
    message: 'The total UET Tag count would exceed the limit.',
    outcome: 'rejected',
    action: 'The customer has as many UET tags as Microsoft allows: reuse an existing tag.'
  },
  {
    code: 5315,
    errorCode: 'DuplicateConversionGoalId',
    message: 'Duplicate Conversion Goal IDs are not allowed.',
    outcome: 'rejected',
    action: 'Name each goal once per request.'
  },
  {
    code: 5325,
    errorCode: 'ConversionGoalIdIsNull',
    message: 'The Conversion Goal ID is required.',
    outcome: 'rejected',
    action: 'Give the goal id (msads goals list shows it).'
  },
  {
    code: 5326,
    errorCode: 'TotalConversionGoalsExceedAccountLimit',
    message: 'The total Conversion Goal count would exceed the account level limit.',
    outcome: 'rejected',
    action: 'The account has as many goals as Microsoft allows: reuse or delete a goal.'
  },
  {
    code: 5327,
    errorCode: 'TotalConversionGoalsExceedCustomerLimit',
    message: 'The total Conversion Goal count would exceed the customer level limit.',
    outcome: 'rejected',
    action: 'The customer has as many goals as Microsoft allows: reuse or delete a goal.'
  },
  {
    code: 5352,
    errorCode: 'GoalCurrencyCodeNotSupported',
    message: 'The currency code is not supported for this goal type.',
    outcome: 'rejected',
    action: "Use one of Microsoft's goal currencies, or leave the goal's currency out."
  },
  {
    code: 5356,
    errorCode: 'GoalTypeCannotBeChanged',
    message: "The goal type can't be changed for In-Store Transaction Goal or Offline Conversion Goal.",
    outcome: 'rejected',
    action: 'An offline goal stays offline: create a new goal of the other type instead.'
  },
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
    action: REQUEST_BUG
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
    action: REQUEST_BUG
  },
  {
    code: 5308,
    errorCode: 'UetTagsNotPassed',
    message: 'The UET Tags are required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5309,
    errorCode: 'UetTagArrayExceedsLimit',
    message: 'The list of UET Tags exceeds the limit.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5310,
    errorCode: 'UetTagIsNull',
    message: 'The UET Tag is required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5311,
    errorCode: 'UetTagIdIsNotNull',
    message: 'The UET Tag ID should be null.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5312,
    errorCode: 'UetTagIdIsNull',
    message: 'The UET Tag ID is required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5318,
    errorCode: 'ConversionGoalIdArrayExceedsLimit',
    message: 'The list of Conversion Goal IDs exceeds the limit for the current operation.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5321,
    errorCode: 'ConversionGoalsNotPassed',
    message: 'The Conversion Goals are required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5323,
    errorCode: 'ConversionGoalIsNull',
    message: 'The Conversion Goal is required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5324,
    errorCode: 'ConversionGoalIdIsNotNull',
    message: 'The Conversion Goal ID must be null.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5328,
    errorCode: 'InvalidConversionGoalStatus',
    message: 'The Conversion Goal status is invalid.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5330,
    errorCode: 'UetTagIdsNotPassed',
    message: 'The UET Tag IDs are required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5334,
    errorCode: 'UrlGoalUrlExpressionNotPassed',
    message: 'The Url Expression for Url Goal is required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5335,
    errorCode: 'AppInstallGoalStoreIdNotPassed',
    message: 'The Store ID for App Install Goal is required.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5336,
    errorCode: 'EventGoalExpressionWithOperatorNotPassed',
    message: 'At least one expression and operator pair is required for an Event Goal.',
    outcome: 'rejected',
    action: REQUEST_BUG
  },
  {
    code: 5347,
    errorCode: 'ConversionGoalTypesDoNotMatchExistingValue',
    message: 'The requested conversion goal types do not match the existing conversion goal type.',
    outcome: 'rejected',
    action: REQUEST_BUG
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
    action: REQUEST_BUG_NO_ID
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
    action: REQUEST_BUG_NO_ID
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
    action: REQUEST_BUG_NO_ID
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
    action: BULK_BUG
  },
  {
    code: 3221,
    errorCode: 'BulkServiceNoFileFound',
    message: 'No file uploaded.',
    outcome: 'rejected',
    httpStatus: 400,
    action: BULK_BUG
  },
  {
    code: 3222,
    errorCode: 'BulkServiceMultipleFilesFound',
    message: 'More than one file uploaded.',
    outcome: 'rejected',
    httpStatus: 400,
    action: BULK_BUG
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

const MICROSOFT_CODES_BY_NAME: ReadonlyMap<string, MicrosoftCode> = new Map(
  list.map((entry) => [entry.errorCode, entry])
)

export function microsoftCode(code: number): MicrosoftCode | undefined {
  return MICROSOFT_CODES.get(code)
}

/**
 * Errors Microsoft documents by name without a number (the Status values of campaign-management-service/
 * https://learn.microsoft.com/advertising/campaign-management-service/dailysummary, GoalNotEligibleForExternalAttribution in https://learn.microsoft.com/advertising/campaign-management-service/offlineconversion): classified by ErrorCode when a
 * code's number is not in the table above.
 */
export type MicrosoftNamedError = Omit<MicrosoftCode, 'code' | 'httpStatus'>

const named: MicrosoftNamedError[] = [
  {
    errorCode: 'OfflineConversionGoalTooRecent',
    message: 'The offline conversion goal was created less than two hours before the import.',
    outcome: 'retry',
    retryAfterSeconds: 900,
    field: 'conversion_name',
    action: 'The goal is younger than two hours. Events are retried; nothing to do but wait.'
  },
  {
    errorCode: 'NotEligibleForEnhancedConversions',
    message: 'The conversion goal is not eligible for enhanced conversions.',
    outcome: 'rejected',
    field: 'conversion_name',
    action:
      'A conversion with only a hashed email or phone (no click id) needs enhanced conversions: in Microsoft Advertising, open Conversions > Conversion goals, edit the goal and turn on enhanced conversions (accepting the customer data terms), or send the click id (msclkid).'
  },
  {
    errorCode: 'ConversionEmailAddressIsNotHashed',
    message: 'The provided email address is not hashed as required.',
    outcome: 'rejected',
    field: 'email',
    action: 'Send the raw email to this destination and let it hash it, or send lowercase SHA-256 hex.'
  },
  {
    errorCode: 'ConversionPhoneNumberIsNotHashed',
    message: 'The provided phone number is not hashed as required.',
    outcome: 'rejected',
    field: 'phone',
    action: 'Send the raw phone to this destination and let it hash it (E.164), or send lowercase SHA-256 hex.'
  },
  {
    errorCode: 'ExternalAttributionRequiredFieldEmpty',
    message: 'One of the required external attribution fields is empty.',
    outcome: 'rejected',
    field: 'external_attribution_model',
    action: 'Send both external_attribution_model and external_attribution_credit, or neither.'
  },
  {
    errorCode: 'ExternalAttributionModelTooLong',
    message: 'The external attribution model exceeds the maximum allowed length.',
    outcome: 'rejected',
    field: 'external_attribution_model',
    action: 'Shorten the external attribution model name.'
  },
  {
    errorCode: 'ExternalAttributionCreditValueInvalid',
    message: 'The external attribution credit value is invalid (e.g., not between 0 and 1).',
    outcome: 'rejected',
    field: 'external_attribution_credit',
    action: 'Send a credit greater than 0 and at most 1.'
  },
  {
    errorCode: 'GoalNotEligibleForExternalAttribution',
    message: 'The goal is not eligible for external attribution.',
    outcome: 'rejected',
    field: 'external_attribution_model',
    action:
      'The goal does not use external attribution: create the offline goal with IsExternallyAttributed (API only), or send the conversion without attribution model and credit.'
  }
]

export const MICROSOFT_NAMED_ERRORS: ReadonlyMap<string, MicrosoftNamedError> = new Map(
  named.map((entry) => [entry.errorCode, entry])
)

/** A documented error by its ErrorCode: a numbered code of the table, else one Microsoft names without a number. */
export function microsoftErrorNamed(errorCode: string): MicrosoftCode | MicrosoftNamedError | undefined {
  return MICROSOFT_CODES_BY_NAME.get(errorCode) ?? MICROSOFT_NAMED_ERRORS.get(errorCode)
}
