import { Destination } from '@segment/actions-core'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import { redactText } from '../../support/redact'
import { segmentDefinition, toSegmentSettings, withCliSettingNames } from '../host/segment-host'
import { observeMicrosoftRequests, type MicrosoftRequest } from '../metrics/microsoft-requests'
import { reportFailure } from '../errors'
import { EXIT, type CliIo } from '../io'
import { withAccountSession } from './account-session'

const STEP_NAMES: Record<string, string> = {
  token: `token refresh (${requiredCredentials('token_refresh').join(', ')})`,
  getConversionGoalsByIds: 'developer token, customer and account (a goals query)',
  getUetTagsByIds: 'UET tag (uet_tag_id)',
  getUetTagAuthKey: 'Conversions API key of the tag'
}

/** The credential a failed check names first ("Check client_secret: …"). */
export function credentialAtFault(message: string): string | undefined {
  return /Check ([a-z_]+(?: or [a-z_]+)*)[:.]/.exec(message)?.[1]
}

/** Each check once, in the order it ran, with its result: the last check to run is the one that failed, if any. */
export function checkLines(calls: readonly MicrosoftRequest[], failed: boolean): string[] {
  const steps: Array<{ operation: string; status: number }> = []
  for (const call of calls) {
    const step = steps.find((candidate) => candidate.operation === call.operation)
    if (step) step.status = call.status
    else steps.push({ operation: call.operation, status: call.status })
  }
  return steps.map(({ operation, status }, index) => {
    const ok = status >= 200 && status < 300 && !(failed && index === steps.length - 1)
    return `  ${ok ? 'ok  ' : 'FAIL'} ${STEP_NAMES[operation] ?? operation} (HTTP ${status || 'no answer'})`
  })
}

/**
 * `msads auth test`: the Segment destination's testAuthentication chain (formats, token refresh, developer token
 * and account, UET tag and key), with each check shown once it ran and the credential at fault named. Without
 * credentials it proves the chain on the embedded emulator.
 */
export async function runAuthTest(options: { config?: string; emulatorPort?: number }, io: CliIo): Promise<number> {
  try {
    return await withAccountSession(options, io, async (session) => {
      const settings = { environment: 'production', consent_default: 'denied', ...session.settings }
      const calls: MicrosoftRequest[] = []
      const stop = observeMicrosoftRequests((request) => calls.push(request))
      let failure: string | undefined
      try {
        await new Destination(segmentDefinition as never).testAuthentication(toSegmentSettings(settings))
      } catch (error) {
        failure = withCliSettingNames(redactText((error as Error).message)).replace(
          /^Credentials are invalid:\s*\d*\s*/,
          ''
        )
      } finally {
        stop()
      }
      for (const line of checkLines(calls, failure !== undefined)) io.stdout.write(`${line}\n`)
      if (failure) {
        const fault = credentialAtFault(failure)
        io.stderr.write(`msads auth test: ${failure}\n`)
        if (fault) io.stderr.write(`Credential at fault: ${fault}\n`)
        return EXIT.failed
      }
      const tag = settings.uet_tag_id ? `, UET tag ${settings.uet_tag_id}` : ''
      const where = session.mode === 'embedded' ? ' on the embedded emulator' : ''
      const ids = `customer ${settings.customer_id}, account ${settings.account_id}${tag}`
      io.stdout.write(`Credentials work${where} (${settings.environment}): ${ids}.\n`)
      return EXIT.ok
    })
  } catch (error) {
    return reportFailure('auth test', error, io)
  }
}
