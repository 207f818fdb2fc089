import { randomBytes, randomUUID } from 'crypto'
import type { IncomingMessage } from 'http'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { readBody, type ByteBudget } from '../../../support/read-body'
import { redactText } from '../../../support/redact'
import type { CliSettings } from '../../config/settings'
import { RequestError, ServerBusyError } from '../../errors'
import type { ForwardLog } from '../../forward-log/forward-log'
import { logFilter } from '../../forward-log/log-filter'
import { segmentEventDetails } from '../../forward-log/segment-details'
import { CampaignSession } from '../../host/campaign-session'
import type { HostTokens } from '../../host/host-tokens'
import { defaultMapping, type SegmentHost } from '../../host/segment-host'
import type { HealthMonitor } from '../health'
import { outcomeFields } from '../webhooks/event-ledger'
import { renderAdminPage, type AdminView } from './admin-page'
import { sameOrigin } from './admin-auth'

export interface AdminContext {
  version: string
  startedAt: number
  health: HealthMonitor
  segment: SegmentHost
  tokens: HostTokens
  forwardLog?: ForwardLog
}

interface Account {
  name: string
  settings: CliSettings
}

const FILTER_KEYS = ['order_id', 'click_id', 'goal', 'outcome', 'since'] as const

function healthView(health: HealthMonitor): AdminView['health'] {
  const report = health.report()
  const { events, ok, retry, microsoft_reject: rejects, auth } = report.window
  const token = report.token === 'refused' ? 'Microsoft refuses the server’s token. ' : ''
  const counts = `${events} recent events: ${ok} fine, ${retry} to retry, ${rejects} refused by Microsoft, ${auth} auth failures.`
  if (report.status === 'live' && events < report.thresholds.minEvents)
    return { status: 'live', why: `${token}Too few recent events to judge (${counts})` }
  return { status: report.status, why: `${token}${counts}` }
}

async function goalNames(account: Account, tokens: HostTokens): Promise<AdminView['goals']> {
  try {
    const goals = await new CampaignSession(account.settings, tokens).call((client) =>
      client.getConversionGoals({ types: ['OfflineConversion'] })
    )
    return { names: goals.flatMap((goal) => (goal.Name ? [goal.Name] : [])).sort() }
  } catch (error) {
    return { names: [], error: redactText(String((error as Error)?.message ?? error)).slice(0, 300) }
  }
}

async function formOf(request: IncomingMessage, budget: ByteBudget): Promise<URLSearchParams> {
  const body = await readBody(request, { limit: 16 * 1024, budget })
  if (body.kind === 'busy') throw new ServerBusyError()
  if (body.kind !== 'ok') throw new RequestError(400, 'invalid_form', 'The form could not be read.')
  return new URLSearchParams(body.text)
}

/** A test conversion to the chosen goal, through trackConversion, as a Segment event would go. */
async function testConversion(
  context: AdminContext,
  account: Account,
  form: URLSearchParams
): Promise<AdminView['test']> {
  const goal = form.get('goal')?.trim()
  if (!goal) throw new RequestError(400, 'invalid_form', 'goal: choose the goal to send the test conversion to.')
  const value = Number(form.get('value') ?? '1')
  const event = {
    type: 'track',
    event: 'msads test conversion',
    messageId: `admin-test-${randomUUID()}`,
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    properties: {
      order_id: `test-${Date.now()}`,
      revenue: Number.isFinite(value) ? value : 1,
      currency: form.get('currency')?.trim() || 'USD',
      msclkid: randomBytes(16).toString('hex')
    }
  } as unknown as SegmentEvent
  const mapping: JSONObject = { ...defaultMapping('trackConversion'), conversion_name: goal }
  const [outcome] = await context.segment.run({
    action: 'trackConversion',
    events: [event],
    mode: 'single',
    settings: account.settings,
    mapping,
    account: account.name
  })
  context.health.record([outcome], true)
  context.forwardLog?.record([
    {
      ...segmentEventDetails('trackConversion', mapping, event, account.settings),
      source: 'segment',
      account: account.name,
      action: 'trackConversion',
      target: 'admin test',
      eventId: (event as unknown as { messageId: string }).messageId,
      ...outcomeFields(outcome)
    }
  ])
  return {
    goal,
    outcome: outcome.outcome,
    reason: outcome.reason,
    message: outcome.message,
    ...(outcome.code !== undefined ? { code: String(outcome.code) } : {}),
    ...(outcome.trackingId ? { trackingId: outcome.trackingId } : {})
  }
}

/** GET [/accounts/NAME]/ (the page) and POST [/accounts/NAME]/admin/test-conversion (the page with the answer). */
export async function answerAdmin(
  context: AdminContext,
  exchange: { request: IncomingMessage; budget: ByteBudget; account: Account; base: string; path: string }
): Promise<string> {
  const { request, account } = exchange
  const method = request.method ?? 'GET'
  let test: AdminView['test']
  if (exchange.path === '/admin/test-conversion') {
    if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', 'Use the form of the admin page.')
    if (!sameOrigin(request))
      throw new RequestError(403, 'cross_origin', 'A test conversion is sent only from this server’s own page.')
    test = await testConversion(context, account, await formOf(request, exchange.budget))
  } else if (method !== 'GET' && method !== 'HEAD') {
    throw new RequestError(405, 'method_not_allowed', 'Use GET /.')
  }
  const query = new URL(request.url ?? '/', 'http://msads.invalid').searchParams
  const given = Object.fromEntries(FILTER_KEYS.flatMap((key) => (query.get(key) ? [[key, query.get(key)!]] : [])))
  const filter = logFilter({
    orderId: given.order_id,
    clickId: given.click_id,
    goal: given.goal,
    outcome: given.outcome,
    since: given.since,
    account: account.name
  })
  if (typeof filter === 'string') throw new RequestError(400, 'invalid_query', `${filter}.`)
  const log = context.forwardLog
  const view: AdminView = {
    account: account.name,
    base: exchange.base,
    version: context.version,
    uptimeSeconds: Math.floor((Date.now() - context.startedAt) / 1000),
    health: healthView(context.health),
    lastErrors: log
      ? ['rejected', 'retry', 'auth']
          .flatMap((outcome) => log.query({ outcome, account: account.name, limit: 10 }))
          .sort((a, b) => b.id - a.id)
          .slice(0, 10)
      : [],
    rows: log ? log.query({ ...filter, limit: 100 }) : [],
    filter: given,
    goals: await goalNames(account, context.tokens),
    ...(test ? { test } : {})
  }
  return renderAdminPage(view)
}
