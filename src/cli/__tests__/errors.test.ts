import { CommanderError } from 'commander'
import {
  AccountError,
  CallerAuthError,
  ConfigError,
  exitCodeOf,
  InputError,
  reportFailure,
  RequestError,
  SubscriptionError
} from '../errors'
import { EXIT } from '../io'
import { memoryIo } from './helpers'

describe('the exit code of a failed command', () => {
  it.each([
    ['InputError', new InputError('--format must be ndjson or csv'), EXIT.usage],
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
    expect(io.err()).toBe('msads goals list: [105 invalid_credentials] Sign-in for [email] failed. (TrackingId abc)\n')
  })

  it('prints a usage error by its message and exits 2', () => {
    const io = memoryIo()
    expect(reportFailure('send', new InputError('Cannot read events.csv: ENOENT.'), io)).toBe(EXIT.usage)
    expect(io.err()).toBe('msads send: Cannot read events.csv: ENOENT.\n')
  })
})
