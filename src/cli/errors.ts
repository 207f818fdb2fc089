import { CommanderError } from 'commander'
import { describeOutcome, type Outcome } from '../outcome'
import { redactText } from '../support/redact'
import { FileWriteError, fileWriteError, isWriteFailureCode } from '../support/write-all'
import { EXIT, type CliIo } from './io'

/**
 * The errors the command line throws on purpose, and the exit code each one ends a command with: 2 when the
 * command line was wrong (a flag, the input, the mapping, the caller token), 1 for everything else.
 */

/**
 * A flag, the input file or one of its lines cannot be used as given (exit 2). Not the core's InputError, which is
 * a field of one event breaking a rule (an outcome, never an exit code).
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The mapping file's subscriptions cannot be used (exit 2). */
export class SubscriptionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SubscriptionError'
  }
}

/** The token file or MSADS_SERVE_TOKEN could not give a usable token, or the address needs one (exit 2). */
export class CallerAuthError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CallerAuthError'
  }
}

/** The settings cannot be used: the config file, its accounts, a setting's format (exit 1). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** A setting whose value the core's rules refuse: the command line was wrong (exit 2), and the message names it. */
export class SettingsError extends ConfigError {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsError'
  }
}

/** The config file's accounts cannot be read; settings resolution reports it as a ConfigError. */
export class AccountError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AccountError'
  }
}

/** A request to `msads serve` that cannot be served: answered with its HTTP status and code, never an exit code. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'RequestError'
  }
}

/** The shared body budget of `msads serve` is spent: a 503 with Retry-After, the caller retries. */
export class ServerBusyError extends RequestError {
  constructor() {
    super(503, 'server_busy', 'The server holds as many request bodies as it may; retry shortly.')
  }
}

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version'])

/** The exit code of a command that ended with this error. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return HELP_CODES.has(error.code) ? EXIT.ok : EXIT.usage
  if (
    error instanceof UsageError ||
    error instanceof SubscriptionError ||
    error instanceof CallerAuthError ||
    error instanceof SettingsError
  ) {
    return EXIT.usage
  }
  return EXIT.failed
}

/** The system calls that only write: their failure is a write that did not happen, whatever its code. */
const WRITE_CALLS = new Set(['write', 'writev', 'rename', 'mkdir', 'fsync', 'fdatasync', 'ftruncate', 'close'])

/**
 * A write the disk refused (ENOSPC, EIO, SQLITE_FULL…) as one sentence naming the file when the error knows it: a
 * bare `ENOSPC: no space left on device, write` says neither which file nor what to do.
 */
export function writeFailureText(error: unknown): string | undefined {
  if (error instanceof FileWriteError) return `${error.message} Free space or fix the permissions, then run again.`
  const { code, syscall, path } = (error ?? {}) as NodeJS.ErrnoException
  const diskFull =
    code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' || code === 'EROFS' || code === 'SQLITE_FULL'
  if (!isWriteFailureCode(code) || !(diskFull || (syscall !== undefined && WRITE_CALLS.has(syscall)))) return undefined
  const failure = fileWriteError(path ?? 'a file', error)
  return `${failure.message} Free space or fix the permissions, then run again.`
}

/** What a failed command prints after its name: a classified Microsoft outcome with its code, or the message. */
export function failureText(error: unknown): string {
  const write = writeFailureText(error)
  if (write) return redactText(write)
  const outcome = (error as { outcome?: Outcome } | undefined)?.outcome
  if (outcome && typeof outcome.message === 'string') return redactText(describeOutcome(outcome))
  return redactText((error as Error | undefined)?.message ?? String(error))
}

/** Prints `msads COMMAND: …` for a failed command and returns its exit code. */
export function reportFailure(command: string, error: unknown, io: CliIo): number {
  io.stderr.write(`msads ${command}: ${failureText(error)}\n`)
  return exitCodeOf(error)
}
