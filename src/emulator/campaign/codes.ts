import { MICROSOFT_CODES } from '../../microsoft/error-codes'

interface CodeText {
  errorCode: string
  message: string
}

/**
 * Codes the emulator answers that the core's table (src/microsoft/error-codes.ts) does not list, with Microsoft's
 * ErrorCode and description from operation-error-codes.md. 3347 is not in that page; it was seen live for a goal
 * added without GoalCategory.
 */
const EMULATOR_ONLY_CODES: ReadonlyMap<number, CodeText> = new Map([
  [201, { errorCode: 'ApiInputValidationError', message: 'One or more input elements failed validation.' }],
  [3347, { errorCode: 'InvalidGoalCategory', message: 'The Goal Category is invalid.' }],
  [4405, { errorCode: 'ValueOutOfRange', message: 'Value is out of valid range.' }],
  [4406, { errorCode: 'ValueIsMissing', message: 'Required value is missing.' }],
  [4407, { errorCode: 'InvalidValue', message: 'Value is invalid.' }],
  [5304, { errorCode: 'UetTagIdsExceedsLimit', message: 'The list of UET Tag IDs exceeds the limit.' }],
  [5308, { errorCode: 'UetTagsNotPassed', message: 'The UET Tags are required.' }],
  [5309, { errorCode: 'UetTagArrayExceedsLimit', message: 'The list of UET Tags exceeds the limit.' }],
  [5310, { errorCode: 'UetTagIsNull', message: 'The UET Tag is required.' }],
  [5311, { errorCode: 'UetTagIdIsNotNull', message: 'The UET Tag ID should be null.' }],
  [5312, { errorCode: 'UetTagIdIsNull', message: 'The UET Tag ID is required.' }],
  [5318, { errorCode: 'ConversionGoalIdArrayExceedsLimit', message: 'The list of Conversion Goal IDs exceeds the limit for the current operation.' }],
  [5321, { errorCode: 'ConversionGoalsNotPassed', message: 'The Conversion Goals are required.' }],
  [5323, { errorCode: 'ConversionGoalIsNull', message: 'The Conversion Goal is required.' }],
  [5324, { errorCode: 'ConversionGoalIdIsNotNull', message: 'The Conversion Goal ID must be null.' }],
  [5328, { errorCode: 'InvalidConversionGoalStatus', message: 'The Conversion Goal status is invalid.' }],
  [5330, { errorCode: 'UetTagIdsNotPassed', message: 'The UET Tag IDs are required.' }],
  [5334, { errorCode: 'UrlGoalUrlExpressionNotPassed', message: 'The Url Expression for Url Goal is required.' }],
  [5335, { errorCode: 'AppInstallGoalStoreIdNotPassed', message: 'The Store ID for App Install Goal is required.' }],
  [5336, { errorCode: 'EventGoalExpressionWithOperatorNotPassed', message: 'At least one expression and operator pair is required for an Event Goal.' }],
  [5347, { errorCode: 'ConversionGoalTypesDoNotMatchExistingValue', message: 'The requested conversion goal types do not match the existing conversion goal type.' }]
])

/** ErrorCode and Message of a numeric code, from the core's table first. */
export function codeText(code: number): CodeText {
  const known = MICROSOFT_CODES.get(code) ?? EMULATOR_ONLY_CODES.get(code)
  if (!known) throw new Error(`The emulator has no text for Microsoft code ${code}.`)
  return { errorCode: known.errorCode, message: known.message }
}

/** The HTTP status of a request-level fault (microsoft-api.md §0.1): 401 for 105/109, 403 for 106, 429 for 117, 500 for 0. */
export function httpStatusOf(code: number): number {
  return MICROSOFT_CODES.get(code)?.httpStatus ?? 400
}
