import { InvalidArgumentError } from 'commander'

/*
 * commander's parsers for the commands' option values: a bad value is a usage error (exit 2) whose message names
 * the option (commander adds it) and says what the value must be.
 */

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value)
    if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`)
    }
    return parsed
  }
}

/** A positive whole number (a count, bytes, milliseconds). */
export const positiveWholeNumber = wholeNumber(1, Number.MAX_SAFE_INTEGER)

/** A number above 0 (days, MiB), fractions allowed. */
export function positiveNumber(value: string): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0)
    throw new InvalidArgumentError('It must be a positive number.')
  return parsed
}

/** A share from 0 to 1, such as 0.5. */
export function share(value: string): number {
  const parsed = Number(value)
  if (!/^\s*\d*\.?\d+\s*$/.test(value) || parsed < 0 || parsed > 1)
    throw new InvalidArgumentError('It must be a share from 0 to 1, such as 0.5.')
  return parsed
}

export function positiveSeconds(value: string): number {
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new InvalidArgumentError('It must be a number of seconds above 0, at most 86400.')
  }
  return seconds
}

export function portNumber(value: string): number {
  const port = Number(value)
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('a port is a number from 0 to 65535.')
  }
  return port
}

/**
 * The same rule for a value from an environment variable, which commander does not read: the parsed value, or the
 * message naming the variable and the value.
 */
export function fromEnvironment<T>(name: string, value: string, parse: (value: string) => T): T | string {
  try {
    return parse(value)
  } catch (error) {
    return `${name} is invalid: ${(error as Error).message} Not "${value}".`
  }
}
