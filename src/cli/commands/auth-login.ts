import { createInterface } from 'readline'
import {
  authorizeUrl,
  codeFromRedirect,
  exchangeAuthorizationCode,
  newAuthorizationRequest
} from '../../microsoft/oauth'
import { loadSettings } from '../config/load-settings'
import { reportFailure } from '../errors'
import { EXIT, type CliIo } from '../io'

/** The first line the user types (or pipes) on stdin. */
function readLine(io: CliIo): Promise<string | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: io.stdin, terminal: false })
    let answered = false
    lines.once('line', (line) => {
      answered = true
      lines.close()
      resolve(line)
    })
    lines.once('close', () => {
      if (!answered) resolve(undefined)
    })
  })
}

/**
 * `msads auth login`: prints the consent URL of the app, takes the code (or the whole redirect URL) the user
 * pastes, redeems it, and stores the refresh token in the token file (0600). The token is never printed.
 */
export async function runAuthLogin(options: { config?: string; redirectUri?: string }, io: CliIo): Promise<number> {
  try {
    const loaded = await loadSettings({ configFile: options.config, env: io.env })
    const { client_id: clientId, client_secret: clientSecret } = loaded.settings
    if (!clientId) {
      io.stderr.write(
        'msads auth login: set MSADS_CLIENT_ID (and MSADS_CLIENT_SECRET) or client_id in the config file: the Application (client) ID of your app registration.\n'
      )
      return EXIT.usage
    }
    const environment = loaded.settings.environment === 'sandbox' ? 'sandbox' : 'production'
    const request = newAuthorizationRequest(
      clientId,
      options.redirectUri ?? 'http://localhost:8765/callback',
      environment
    )
    io.stdout.write(
      [
        'Open this URL in a browser and sign in with a Microsoft Advertising user who can access the account:',
        '',
        `  ${authorizeUrl(request)}`,
        '',
        `After consenting, the browser goes to ${request.redirectUri}?code=… (the page may fail to load; that is fine).`,
        'Paste the code, or the whole address from the address bar, then press Enter:',
        ''
      ].join('\n')
    )
    const pasted = await readLine(io)
    if (pasted === undefined) {
      io.stderr.write('msads auth login: no code was given.\n')
      return EXIT.failed
    }
    const code = codeFromRedirect(pasted, request.state)
    const tokens = await exchangeAuthorizationCode({ ...request, clientSecret, code })
    await loaded.tokenFile.saveSignedIn(environment, clientId, tokens.refreshToken)
    io.stdout.write(
      `Signed in. The refresh token is stored in ${loaded.tokenFile.path} (readable by you only); it is not shown.\n`
    )
    if (loaded.sources.refresh_token === 'environment' || loaded.sources.refresh_token === 'config file') {
      io.stdout.write(
        `Note: refresh_token is also set in the ${loaded.sources.refresh_token}, which takes precedence; remove it to use the stored one.\n`
      )
    }
    return EXIT.ok
  } catch (error) {
    return reportFailure('auth login', error, io)
  }
}
