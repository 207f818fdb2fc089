import type { ServerResponse } from 'http'
import { RequestError } from '../errors'
import { sendJson } from './http-reply'
import type { UnattributedWatch } from './unattributed-health'

/**
 * GET /diagnostics: the figures of `msads diagnostics --json` as last read in the background, with when and the
 * health verdict they give. 503 until a first read succeeded (or when the server reads none).
 */
export function diagnosticsRoute(watch: UnattributedWatch | undefined, method: string, response: ServerResponse): void {
  if (method !== 'GET') throw new RequestError(405, 'method_not_allowed', 'Use GET /diagnostics.')
  const latest = watch?.latest()
  if (!watch || !latest?.diagnostics) {
    sendJson(response, 503, {
      error: {
        status: 503,
        code: 'diagnostics_unavailable',
        message: latest?.error
          ? `Microsoft's processing results could not be read yet: ${latest.error}`
          : "Microsoft's processing results have not been read yet; retry shortly."
      }
    })
    return
  }
  const verdict = watch.verdict()
  sendJson(response, 200, {
    ...latest.diagnostics,
    checkedAt: latest.checkedAt,
    health: { status: verdict.status, threshold: verdict.threshold, lastDay: verdict.lastDay ?? null },
    ...(latest.error ? { staleBecause: latest.error } : {})
  })
}
