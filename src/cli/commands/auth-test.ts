import { Destination } from '@segment/actions-core'
import { redactText } from '../../support/redact'
import { segmentDefinition, toSegmentSettings, withCliSettingNames } from '../host/segment-host'
import { observeMicrosoftRequests, type MicrosoftRequest } from '../metrics/microsoft-requests'
import { EXIT, type CliIo } from '../io'
import { credentialedContext, reportFailure } from './credentials'

const STEP_NAMES: Record<string, string> = {
  token: 'token refresh (client_id, client_secret, refresh_token)',
  getConversionGoalsByIds: 'developer token, customer and account (a goals query)',
  getUetTagsByIds: 'UET tag (uet_tag_id)',
  getUetTagAuthKey: 'Conversions API key of the tag'
}

/** The credential a failed check names first ("Check client_secret: …"). */
export function credentialAtFault(message: string): string | undefined {
  return /Check ([a-z_]+(?: or [a-z_]+)*)[:.]/.exec(message)?.[1]
}

/**
 * `msads auth test`: the Segment destination's testAuthentication chain (formats, token refresh, developer token
 * and account, UET tag and key), with each call shown and the credential at fault named.
 */
export async function runAuthTest(options: { config?: string }, io: CliIo): Promise<number> {
  let context
  try {
    context = await credentialedContext(options.config, io)
  } catch (error) {
    return reportFailure('auth test', error, io)
  }
  const settings = { environment: 'production', consent_default: 'denied', ...context.loaded.settings }
  const calls: MicrosoftRequest[] = []
  const stop = observeMicrosoftRequests((request) => calls.push(request))
  let failure: string | undefined
  try {
    await new Destination(segmentDefinition as never).testAuthentication(toSegmentSettings(settings))
  } catch (error) {
    failure = withCliSettingNames(redactText((error as Error).message)).replace(/^Credentials are invalid:\s*\d*\s*/, '')
  } finally {
    stop()
  }
  for (const call of calls) {
    const mark = call.status >= 200 && call.status < 300 ? 'ok  ' : 'FAIL'
    io.stdout.write(`  ${mark} ${STEP_NAMES[call.operation] ?? call.operation} (HTTP ${call.status || 'no answer'})\n`)
  }
  if (failure) {
    const fault = credentialAtFault(failure)
    io.stderr.write(`msads auth test: ${failure}\n`)
    if (fault) io.stderr.write(`Credential at fault: ${fault}\n`)
    return EXIT.failed
  }
  io.stdout.write(`Credentials work (${settings.environment}): customer ${settings.customer_id}, account ${settings.account_id}${settings.uet_tag_id ? `, UET tag ${settings.uet_tag_id}` : ''}.\n`)
  return EXIT.ok
}
