import { CommanderError } from 'commander'
import {
  AccountError,
  CallerAuthError,
  ConfigError,
  exitCodeOf,
  UsageError,
  reportFailure,
  RequestError,
  SubscriptionError
} from '../errors'
import { EXIT } from '../io'
import { memoryIo } from './helpers'

describe('the exit code of a failed command', () => {
  it.each([
    ['UsageError', new UsageError('--format must be ndjson or csv'), EXIT.usage],
    ['SubscriptionError', new SubscriptionError('invalid subscribe FQL'), EXIT.usage],
    ['CallerAuthError', new CallerAuthError('the token file is empty'), EXIT.usage],
    ['a usage error of commander', new CommanderError(1, 'commander.unknownOption', 'unknown option'), EXIT.usage],
    ['help', new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), EXIT.ok],
    ['ConfigError', new ConfigError('The config file is not valid JSON.'), EXIT.failed],
    ['AccountError', new AccountError('accounts must be an object'), EXIT.failed],
    ['RequestError', new RequestError(400, 'invalid_settings', 'settings must be a JSON object.'), EXIT.failed],
    ['anything else', new Error('ECONNREFUSED'), EXIT.failed]
  ])('%s ends it with %s', (_name, error, code) => {
    expect(exitCodeOf(error)).toBe(code)
  })

  it('prints a classified Microsoft outcome with its code and TrackingId, redacted', () => {
    const io = memoryIo()
    const error = Object.assign(new Error('x'), {
      outcome: {
        reason: 'invalid_credentials',
        code: 105,
        message: 'Sign-in for jane@example.org failed.',
        trackingId: 'abc'
      }
    })
    expect(reportFailure('goals list', error, io)).toBe(EXIT.failed)
    expect(io.err()).toBe('msads goals list: [105 invalid_credentials] Sign-in for [email] failed. TrackingId: abc.\n')
  })

  it('prints a usage error by its message and exits 2', () => {
    const io = memoryIo()
    expect(reportFailure('send', new UsageError('Cannot read events.csv: ENOENT.'), io)).toBe(EXIT.usage)
    expect(io.err()).toBe('msads send: Cannot read events.csv: ENOENT.\n')
  })
})

describe('a write the disk refused', () => {
  const systemError = (message: string, fields: Record<string, string>) => Object.assign(new Error(message), fields)

  it('is said with the file, what the code means and what to do, and ends the command with 1', () => {
    const io = memoryIo()
    const full = systemError('ENOSPC: no space left on device, open', {
      code: 'ENOSPC',
      syscall: 'open',
      path: '/data/out.csv'
    })
    expect(reportFailure('export-csv', full, io)).toBe(EXIT.failed)
    expect(io.err()).toBe(
      'msads export-csv: Could not write /data/out.csv (ENOSPC, no space left on the device). ' +
        'Free space or fix the permissions, then run again.\n'
    )
  })

  it('says what it can of a bare write error and of SQLite, and leaves a failed read alone', () => {
    const bare = memoryIo()
    reportFailure(
      'send',
      systemError('ENOSPC: no space left on device, write', { code: 'ENOSPC', syscall: 'write' }),
      bare
    )
    expect(bare.err()).toContain('Could not write a file (ENOSPC, no space left on the device).')
    const sqlite = memoryIo()
    reportFailure('serve', systemError('database or disk is full', { code: 'SQLITE_FULL' }), sqlite)
    expect(sqlite.err()).toContain('(SQLITE_FULL, no space left on the device)')
    const read = memoryIo()
    reportFailure(
      'send',
      systemError("ENOENT: no such file or directory, open 'in.csv'", {
        code: 'ENOENT',
        syscall: 'open',
        path: 'in.csv'
      }),
      read
    )
    expect(read.err()).toBe("msads send: ENOENT: no such file or directory, open 'in.csv'\n")
  })
})
