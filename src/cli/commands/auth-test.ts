import { Destination } from '@segment/actions-core'
import { credentialsAtFault } from '../../microsoft/credential-at-fault'
import { checkCredentialFormats, describeCredentialProblems } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import { describeOutcome } from '../../outcome'
import { outcomeForFailure } from '../../microsoft/classify'
import { redactText } from '../../support/redact'
import type { CliSettings } from '../config/settings'
import type { HostTokens } from '../host/host-tokens'
import { segmentDefinition, toSegmentSettings, withCliSettingNames } from '../host/segment-host'
import { observeMicrosoftRequests, type MicrosoftRequest } from '../metrics/microsoft-requests'
import { reportFailure } from '../errors'
import { EXIT, type CliIo } from '../io'
import { withAccountSession } from './account-session'

const STEP_NAMES: Record<string, string> = {
  token: `token refresh (${requiredCredentials('token_refresh').join(', ')})`,
  getConversionGoalsByIds: 'developer token, customer and account (a goals query)',
  getUetTagsByIds: 'UET tag (uet_tag_id)',
  getUetTagAuthKey: 'Conversions API key of the tag',
  capi: 'Conversions API token (uet_capi_token, with an empty batch that records nothing)'
}

/** The credential a failed check names first ("Check client_secret: …"). */
export function credentialAtFault(message: string): string | undefined {
  return /Check ([a-z_]+(?: or [a-z_]+)*)[:.]/.exec(message)?.[1]
}

/** Whether a check's call succeeded: the CAPI token check's empty batch is refused (400) once the token is read. */
function answered(operation: string, status: number): boolean {
  return (status >= 200 && status < 300) || (operation === 'capi' && status === 400)
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
    const ok = answered(operation, status) && !(failed && index === steps.length - 1)
    return `  ${ok ? 'ok  ' : 'FAIL'} ${STEP_NAMES[operation] ?? operation} (HTTP ${status || 'no answer'})`
  })
}

/**
 * The access token every command would call with: from the session's tokens, which start from the newest refresh
 * token in the token file (not the configured one when the file holds a newer one of its chain) and keep the one
 * Microsoft rotates. Else why not, as the check's failure.
 */
async function accessTokenOf(
  settings: CliSettings,
  tokens: HostTokens
): Promise<{ accessToken: string } | { failure: string }> {
  const problems = checkCredentialFormats(settings, requiredCredentials('token_refresh'))
  if (problems.length) return { failure: `Check the settings: ${describeCredentialProblems(problems)}` }
  try {
    return { accessToken: await tokens.accessToken(settings) }
  } catch (error) {
    const outcome = outcomeForFailure(error)
    const fields = credentialsAtFault('token', outcome)
    const detail = `the Microsoft identity platform refused the token refresh: ${describeOutcome(outcome)}`
    return {
      failure: fields.length ? `Check ${fields.join(' or ')}: ${detail}` : `Could not complete the check, ${detail}`
    }
  }
}

/** The destination's chain after the token: the settings without the refresh credentials, with that access token. */
async function testWithToken(settings: CliSettings, accessToken: string): Promise<string | undefined> {
  const { client_id: _id, client_secret: _secret, refresh_token: _refresh, ...rest } = settings
  try {
    await new Destination(segmentDefinition as never).testAuthentication({
      ...toSegmentSettings(rest),
      oauth: { access_token: accessToken }
    })
    return undefined
  } catch (error) {
    return withCliSettingNames(redactText((error as Error).message)).replace(/^Credentials are invalid:\s*\d*\s*/, '')
  }
}

/**
 * `msads auth test`: every credential the config holds, as every command uses them: the token refresh through the
 * token file, then the Segment destination's testAuthentication chain (formats, developer token and account, UET
 * tag and its Conversions API key, or a configured CAPI token with an empty batch), each check shown once it ran and
 * the credential at fault named. Without credentials it proves the chain on the embedded emulator.
 */
export async function runAuthTest(options: { config?: string; emulatorPort?: number }, io: CliIo): Promise<number> {
  try {
    return await withAccountSession(options, io, async (session) => {
      const settings = { environment: 'production', consent_default: 'denied', ...session.settings }
      const calls: MicrosoftRequest[] = []
      const stop = observeMicrosoftRequests((request) => calls.push(request))
      let failure: string | undefined
      try {
        const token = await accessTokenOf(settings, session.tokens)
        failure = 'failure' in token ? token.failure : await testWithToken(settings, token.accessToken)
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
