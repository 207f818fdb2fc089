import { redactText } from '../../support/redact'
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from '../http'
import { exchangeAuthorizationCode } from '../oauth/authorization-code'
import { refreshWithGrant } from '../oauth/token-client'
import { OAuthError, requestTokens } from '../oauth/token-endpoint'

const SCOPE = 'https://ads.microsoft.com/msads.manage offline_access'
const TOKEN_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/token'

function recordingTransport(reply: HttpResponse): { transport: Transport; requests: HttpRequest[] } {
  const requests: HttpRequest[] = []
  return {
    requests,
    transport: async (request) => {
      requests.push(request)
      return reply
    }
  }
}

const tokens = (body: Record<string, unknown>): HttpResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body)
})

const formOf = (request: HttpRequest) => Object.fromEntries(new URLSearchParams(String(request.body)))

describe('the token endpoint request', () => {
  it('is one POST for both grants: the same endpoint, headers, scope and client, each with its own grant fields', async () => {
    const refresh = recordingTransport(tokens({ access_token: 'access-a', refresh_token: 'refresh-b' }))
    await refreshWithGrant(
      { clientId: 'client-1', clientSecret: 'secret-value-1', refreshToken: 'refresh-a' },
      { transport: refresh.transport }
    )
    const code = recordingTransport(tokens({ access_token: 'access-c', refresh_token: 'refresh-c' }))
    await exchangeAuthorizationCode(
      {
        clientId: 'client-1',
        clientSecret: 'secret-value-1',
        redirectUri: 'http://localhost:8765/callback',
        state: 'state-1',
        codeVerifier: 'verifier-1',
        code: 'code-1'
      },
      { transport: code.transport }
    )

    const [refreshRequest] = refresh.requests
    const [codeRequest] = code.requests
    for (const request of [refreshRequest, codeRequest]) {
      expect(request).toMatchObject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        timeoutMs: 15_000
      })
    }
    expect(formOf(refreshRequest)).toEqual({
      client_id: 'client-1',
      client_secret: 'secret-value-1',
      grant_type: 'refresh_token',
      refresh_token: 'refresh-a',
      scope: SCOPE
    })
    expect(formOf(codeRequest)).toEqual({
      client_id: 'client-1',
      client_secret: 'secret-value-1',
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'http://localhost:8765/callback',
      code_verifier: 'verifier-1',
      scope: SCOPE
    })
  })

  it('sends no client secret for a public client', async () => {
    const { transport, requests } = recordingTransport(tokens({ access_token: 'access-d', refresh_token: 'refresh-d' }))
    await requestTokens(
      { clientId: 'client-2', grant: { grant_type: 'refresh_token', refresh_token: 'refresh-x' } },
      { transport }
    )
    expect(formOf(requests[0])).not.toHaveProperty('client_secret')
  })

  it('keeps the refresh token it sent when the answer has none, but a sign-in without one is refused', async () => {
    const answer = tokens({ access_token: 'access-e', expires_in: 60 })
    const refreshed = await requestTokens(
      { clientId: 'client-3', grant: { grant_type: 'refresh_token', refresh_token: 'refresh-kept' } },
      { transport: recordingTransport(answer).transport, now: () => 0 }
    )
    expect(refreshed).toEqual({ accessToken: 'access-e', refreshToken: 'refresh-kept', expiresAt: 60_000 })

    const signIn = requestTokens(
      {
        clientId: 'client-3',
        grant: {
          grant_type: 'authorization_code',
          code: 'code-2',
          redirect_uri: 'http://localhost/cb',
          code_verifier: 'v'
        }
      },
      { transport: recordingTransport(answer).transport }
    )
    await expect(signIn).rejects.toMatchObject({ outcome: { reason: 'unreadable_token_response' } })
  })

  it('classifies a request that got no answer as an OAuthError to retry', async () => {
    const transport: Transport = async () => {
      throw new TransportError('network', 'socket hang up')
    }
    const error = await requestTokens(
      { clientId: 'client-4', grant: { grant_type: 'refresh_token', refresh_token: 'refresh-y' } },
      { transport }
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OAuthError)
    expect((error as OAuthError).outcome.outcome).toBe('retry')
  })

  it('registers the grant secret and the client secret before anything is sent', async () => {
    const { transport } = recordingTransport(tokens({ access_token: 'access-f', refresh_token: 'refresh-f' }))
    await requestTokens(
      {
        clientId: 'client-5',
        clientSecret: 'client-secret-registered',
        grant: {
          grant_type: 'authorization_code',
          code: 'code-registered',
          redirect_uri: 'http://localhost/cb',
          code_verifier: 'v'
        }
      },
      { transport }
    )
    expect(redactText('code-registered and client-secret-registered')).toBe('[redacted] and [redacted]')
  })
})
