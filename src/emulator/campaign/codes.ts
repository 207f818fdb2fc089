import { MICROSOFT_CODES, MICROSOFT_NAMED_ERRORS } from '../../microsoft/error-codes'

interface CodeText {
  errorCode: string
  message: string
}

/** ErrorCode and Message of an error Microsoft documents by name only, from the core's table. */
export function namedText(name: string): CodeText {
  const known = MICROSOFT_NAMED_ERRORS.get(name)
  if (!known) throw new Error(`The emulator has no text for Microsoft error ${name}.`)
  return { errorCode: known.errorCode, message: known.message }
}

/** ErrorCode and Message of a numeric code, from the core's table. */
export function codeText(code: number): CodeText {
  const known = MICROSOFT_CODES.get(code)
  if (!known) throw new Error(`The emulator has no text for Microsoft code ${code}.`)
  return { errorCode: known.errorCode, message: known.message }
}
/** The HTTP status of a request-level fault (Microsoft's fault documentation): 401 for 105/109, 403 for 106, 429 for 117, 500 for 0. */
export function httpStatusOf(code: number): number {
  return MICROSOFT_CODES.get(code)?.httpStatus ?? 400
}
