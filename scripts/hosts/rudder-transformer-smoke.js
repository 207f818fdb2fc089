#!/usr/bin/env node
// POSTs realistic requests to a RUNNING rudder-transformer server that has bingads_conversions merged in, with
// the msads-conversions emulator standing in for Microsoft (the server must run with MSADS_API_BASE_URL=EMU).
// Checks the answers against the shapes rudder-server expects and against rudder-transformer's own zod schemas
// (RT/dist/src/types/zodTypes.js, so RT must be built).
//
//   node server-smoke.js --rt RT_DIR --server http://127.0.0.1:PORT --emulator http://127.0.0.1:PORT2 \
//        [--fixtures rudderstack-bingads-offline-records.json] [--json OUT.json]
//
// Prints one line per check and, last, `server-smoke: N passed, M failed`. Exit code 0 only when nothing failed.
'use strict'
const path = require('path')
const fs = require('fs')
const crypto = require('crypto')

const args = process.argv.slice(2)
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt)
const RT = path.resolve(arg('--rt', '.'))
const SERVER = arg('--server', 'http://127.0.0.1:50210')
const EMU = arg('--emulator', 'http://127.0.0.1:50220')
const FIXTURES = arg('--fixtures', '')
const JSON_OUT = arg('--json', '')
const NAME = 'bingads_conversions'

let Z = null
try {
  Z = require(path.join(RT, 'dist/src/types/zodTypes.js'))
} catch (e) {
  console.log(`WARN  could not load rudder-transformer's zod schemas from dist: ${e.message.split('\n')[0]}`)
}

const results = []
function check(name, ok, detail = '') {
  results.push({ name, ok: !!ok, detail })
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` :: ${detail}` : ''}`)
}
function info(name, detail) {
  results.push({ name, ok: null, detail })
  console.log(`INFO  ${name} :: ${detail}`)
}
function zodIssue(schema, value, waived = () => false) {
  if (!Z || !Z[schema]) return 'schema not loaded'
  const r = Z[schema].safeParse(value)
  const issues = r.success ? [] : r.error.issues.filter((i) => !waived(i))
  return issues.length
    ? JSON.stringify(issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).slice(0, 300)
    : ''
}

/**
 * The one rule of ProcessorTransformationResponseSchema that a processor 298 cannot meet, for any destination, and
 * that rudder-server does not ask for. rudder-server always sends `X-Feature-Filter-Code: ?1`
 * (processor/internal/transformer/destination_transformer/destination_transformer.go, doPost), puts every answer
 * whose statusCode is not 200 among the failed events (transform), and files those with 298 as filtered, reading
 * only their metadata and `error` (processor/processor.go, getNonSuccessfulMetrics). rudder-transformer's own
 * service writes a thrown FilteredEventsError as {metadata, statusCode: 298, error, statTags}, never with an output
 * (src/services/destination/postTransformation.ts, handleProcessorTransformFailureEvents). The schema's other rules
 * still apply to those answers.
 */
const FILTERED = 298
const filteredNeedsNoOutput = (answer) => (issue) => answer.statusCode === FILTERED && issue.path.join('.') === 'output'

async function post(route, body, headers = {}) {
  const res = await fetch(SERVER + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body)
  })
  const text = await res.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, body: json }
}
async function emu(route, body, method = 'POST') {
  const res = await fetch(`${EMU}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return res.json().catch(() => ({}))
}

// ---------------------------------------------------------------------------------------------------------------
// What rudder-server sends
// ---------------------------------------------------------------------------------------------------------------
const NOW = Date.now()
const iso = (ms) => new Date(ms).toISOString()
const hex = (s) => crypto.createHash('md5').update(s).digest('hex')
const FILTER = { 'X-Feature-Filter-Code': '?1' }

const destination = (over = {}) => ({
  ID: 'dest-bing-1',
  Name: 'Microsoft Ads Conversions',
  DestinationDefinition: {
    ID: 'def-bingads-conversions',
    Name: 'BINGADS_CONVERSIONS',
    DisplayName: 'Microsoft Ads Conversions',
    Config: {}
  },
  Config: {
    rudderAccountId: 'acc-1',
    customerId: '100000001',
    customerAccountId: '200000001',
    environment: 'production',
    eventsToConversionGoals: [
      { from: 'Order Completed', to: 'Purchase' },
      { from: 'Lead Submitted', to: 'Lead' },
      { from: 'Ghost Event', to: 'Ghost Goal' }
    ],
    adjustmentEvents: [{ from: 'Order Refunded', to: 'Retract' }],
    adStorageConsentCategories: [{ consent: 'C0004' }],
    adUserDataConsentCategories: [{ consent: 'C0005' }],
    isHashRequired: true,
    ...over
  },
  Enabled: true,
  WorkspaceID: 'ws-1',
  Transformations: [],
  IsProcessorEnabled: true,
  RevisionID: 'rev-1'
})
const GOOD_SECRET = {
  accessToken: 'emulator-demo-access-token',
  refreshToken: 'emulator-demo-refresh-token',
  developer_token: 'EMULATORDEVTOKEN'
}
const metadata = (jobId, over = {}) => ({
  jobId,
  attemptNum: 1,
  userId: `u${jobId}`,
  sourceId: 'src-1',
  sourceType: 'Javascript',
  sourceCategory: '',
  destinationId: 'dest-bing-1',
  destinationType: 'BINGADS_CONVERSIONS',
  workspaceId: 'ws-1',
  messageId: `m${jobId}`,
  secret: GOOD_SECRET,
  dontBatch: false,
  ...over
})
const track = (jobId, event, props = {}, extra = {}) => ({
  type: 'track',
  event,
  messageId: `m${jobId}`,
  anonymousId: `anon-${jobId}`,
  userId: `u${jobId}`,
  channel: 'web',
  timestamp: iso(NOW - 3600e3 - jobId * 1000),
  originalTimestamp: iso(NOW - 3600e3 - jobId * 1000),
  context: {
    library: { name: 'RudderLabs JavaScript SDK', version: '3.7.0' },
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
    page: { url: 'https://shop.example/checkout', title: 'Checkout' },
    traits: { email: ` User${jobId}@Example.COM ` }
  },
  properties: { revenue: 42.5, currency: 'USD', order_id: `o${jobId}`, ...props },
  ...extra
})
const CLICK = (j) => hex(`click-${j}`)

function idsOf(list) {
  return list.flatMap((e) => (Array.isArray(e.metadata) ? e.metadata : [e.metadata]).map((m) => m && m.jobId))
}

// ---------------------------------------------------------------------------------------------------------------
async function processorChecks() {
  const events = [
    { message: track(1, 'Order Completed', { msclkid: CLICK(1) }), metadata: metadata(1), destination: destination() },
    { message: track(2, 'Unmapped Thing', { msclkid: CLICK(2) }), metadata: metadata(2), destination: destination() },
    { message: track(3, 'Order Completed', {}, { context: {} }), metadata: metadata(3), destination: destination() },
    {
      message: track(4, 'Order Completed', { msclkid: CLICK(4) }),
      metadata: metadata(4, { secret: undefined }),
      destination: destination()
    },
    {
      message: track(
        5,
        'Order Completed',
        { msclkid: CLICK(5) },
        {
          context: {
            consentManagement: { provider: 'oneTrust', allowedConsentIds: ['C0005'], deniedConsentIds: ['C0004'] }
          }
        }
      ),
      metadata: metadata(5),
      destination: destination()
    },
    {
      message: { type: 'identify', userId: 'u6', traits: { email: 'a@b.example' } },
      metadata: metadata(6),
      destination: destination()
    }
  ]
  const want = { 1: 200, 2: 298, 3: 400, 4: 500, 5: 298, 6: 400 }
  const r = await post(`/v0/destinations/${NAME}`, events, FILTER)
  check('processor: HTTP 200 with an array answer', r.status === 200 && Array.isArray(r.body), `status ${r.status}`)
  if (!Array.isArray(r.body)) return
  check(
    'processor: one answer per event',
    r.body.length === events.length,
    `${r.body.length} answers for ${events.length} events`
  )
  for (const a of r.body) {
    const id = a.metadata && a.metadata.jobId
    const ok = a.statusCode === want[id]
    check(
      `processor: job ${id} status ${want[id]}`,
      ok,
      `got ${a.statusCode}${a.error ? `: ${String(a.error).slice(0, 160)}` : ''}`
    )
    if (a.statusCode === 200) {
      const o = a.output || {}
      const outs = Array.isArray(o) ? o : [o]
      const first = outs[0] || {}
      check(
        `processor: job ${id} output is a defaultRequestConfig-shaped request to the emulator`,
        first.endpoint &&
          first.endpoint.startsWith(EMU) &&
          first.method === 'POST' &&
          first.body &&
          first.body.JSON &&
          Object.keys(first.body.JSON).length > 0 &&
          first.headers &&
          /^Bearer /.test(first.headers.Authorization || ''),
        `endpoint ${first.endpoint}, body keys ${first.body ? Object.keys(first.body.JSON || {}) : '-'}`
      )
    } else {
      check(
        `processor: job ${id} non-200 carries error and statTags`,
        a.error && a.statTags && a.statTags.destType === 'BINGADS_CONVERSIONS',
        JSON.stringify(a.statTags || {}).slice(0, 200)
      )
    }
    const issue = zodIssue('ProcessorTransformationResponseSchema', a, filteredNeedsNoOutput(a))
    check(
      `processor: job ${id} passes rudder-transformer's ProcessorTransformationResponseSchema${
        a.statusCode === FILTERED ? ' (all but its 2xx-output rule, which no filtered answer meets)' : ''
      }`,
      !issue,
      issue
    )
    if (a.statusCode === FILTERED) {
      check(
        `processor: filtered job ${id} names its reason (what rudder-server files)`,
        typeof a.error === 'string' && a.error.length > 0 && a.output === undefined,
        String(a.error).slice(0, 160)
      )
    }
  }
  // the same filtered events without the feature header: 400 with the same reason, not 298 (what a caller that
  // does not understand the filter code gets); these pass the processor schema whole
  const r2 = await post(`/v0/destinations/${NAME}`, [events[1], events[4]])
  for (const a of Array.isArray(r2.body) ? r2.body : []) {
    const id = a.metadata && a.metadata.jobId
    check(
      `processor: job ${id} without X-Feature-Filter-Code -> 400 with the reason filtered answers give`,
      a.statusCode === 400 && a.error === r.body.find((b) => b.metadata.jobId === id)?.error,
      `got ${a.statusCode}: ${String(a.error).slice(0, 120)}`
    )
    const whole = zodIssue('ProcessorTransformationResponseSchema', a)
    check(
      `processor: job ${id} without the filter code passes the whole ProcessorTransformationResponseSchema`,
      !whole,
      whole
    )
  }
  if (!Array.isArray(r2.body) || r2.body.length !== 2)
    check('processor: two answers without X-Feature-Filter-Code', false, `HTTP ${r2.status}`)
}

// ---------------------------------------------------------------------------------------------------------------
function shiftTimes(fields, delta) {
  const out = { ...fields }
  for (const k of ['conversionTime', 'adjustedConversionTime']) {
    const v = out[k]
    if (typeof v !== 'string') continue
    const t = parseRudderTime(v)
    if (!Number.isNaN(t)) out[k] = iso(t + delta)
  }
  return out
}
function parseRudderTime(s) {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(s)
  if (!m) return /^\d{4}-\d{2}-\d{2}T/.test(s) ? Date.parse(s) : NaN
  let h = +m[4] % 12
  if (m[7] === 'PM') h += 12
  return Date.UTC(+m[3], +m[1] - 1, +m[2], h, +m[5], +m[6])
}
function caseNow(c) {
  if (c.now) return Date.parse(c.now)
  const ts = ['conversionTime', 'adjustedConversionTime']
    .map((k) => c.message.fields[k])
    .filter((v) => typeof v === 'string')
    .map(parseRudderTime)
    .filter((t) => !Number.isNaN(t))
  return (ts.length ? Math.max(...ts) : Date.parse('2023-05-22T00:00:00Z')) + 86400000
}

async function fixtureChecks() {
  if (!FIXTURES) return
  const cases = JSON.parse(fs.readFileSync(FIXTURES, 'utf8'))
  const events = cases.map((c, i) => ({
    message: { ...c.message, fields: shiftTimes(c.message.fields, NOW - caseNow(c)) },
    metadata: metadata(1000 + i, { sourceCategory: 'warehouse' }),
    destination: destination({ isHashRequired: c.isHashRequired !== false, eventsToConversionGoals: [] })
  }))
  const r = await post(`/v0/destinations/${NAME}`, events, FILTER)
  if (!Array.isArray(r.body)) {
    check('fixtures: processor answer', false, `HTTP ${r.status}`)
    return
  }
  const byJob = new Map(r.body.map((a) => [a.metadata.jobId, a]))
  let agree = 0
  let differ = 0
  const lines = []
  cases.forEach((c, i) => {
    const a = byJob.get(1000 + i)
    if (!a) {
      differ += 1
      lines.push(`${c.id}: no answer`)
      return
    }
    let verdict
    if (c.expect.terminal === 'aborted') verdict = 'info'
    else if (c.expect.ok === true) verdict = a.statusCode === 200 ? 'agree' : 'differ'
    else if (c.expect.ok === false)
      verdict = a.statusCode === 400 && String(a.error || '').includes(c.expect.errorMustMention) ? 'agree' : 'differ'
    else verdict = 'info'
    if (verdict === 'agree') agree += 1
    if (verdict === 'differ') differ += 1
    lines.push(
      `${c.id} ${c.message.action} rudder:${c.expect.ok === undefined ? c.expect.terminal || '-' : c.expect.ok ? 'ok' : 'error'} ours:${a.statusCode} ${verdict}${a.statusCode !== 200 ? ` (${String(a.error).slice(0, 110)})` : ''}`
    )
  })
  for (const l of lines) console.log(`      ${l}`)
  info(
    'fixtures (rudder-server BINGADS_OFFLINE_CONVERSIONS records, times shifted to now) through the real processor route',
    `${agree} agree with rudder-server, ${differ} differ, ${cases.length - agree - differ} informational`
  )
}

// ---------------------------------------------------------------------------------------------------------------
function proxyRequestOf(entry, request, dest) {
  return {
    version: '1',
    type: request.type || 'REST',
    method: request.method,
    endpoint: request.endpoint,
    userId: '',
    headers: request.headers || {},
    params: request.params || {},
    body: request.body,
    files: request.files || {},
    metadata: entry.metadata.map((m) => ({
      jobId: m.jobId,
      attemptNum: m.attemptNum,
      userId: m.userId,
      sourceId: m.sourceId,
      destinationId: m.destinationId,
      workspaceId: m.workspaceId,
      secret: m.secret,
      destInfo: m.destInfo,
      dontBatch: !!m.dontBatch
    })),
    destinationConfig: dest.Config
  }
}

async function routerAndProxyChecks() {
  const dest = destination()
  const jobs = []
  for (let j = 11; j <= 16; j += 1)
    jobs.push({ message: track(j, 'Order Completed', { msclkid: CLICK(j) }), metadata: metadata(j), destination: dest })
  // a goal the account does not have: Microsoft refuses that item alone (PartialErrors, OfflineConversionNameInvalid)
  jobs.push({ message: track(17, 'Ghost Event', { msclkid: CLICK(17) }), metadata: metadata(17), destination: dest })
  jobs.push({ message: track(18, 'Unmapped Thing', { msclkid: CLICK(18) }), metadata: metadata(18), destination: dest })
  jobs.push({
    message: track(19, 'Order Completed', { msclkid: 'not-a-click-id!' }),
    metadata: metadata(19),
    destination: dest
  })
  jobs.push({
    message: {
      type: 'record',
      action: 'insert',
      fields: {
        conversionName: 'Purchase',
        conversionTime: iso(NOW - 7200e3),
        conversionValue: '12.5',
        microsoftClickId: CLICK(20),
        email: 'rec20@example.com'
      }
    },
    metadata: metadata(20, { sourceCategory: 'warehouse' }),
    destination: dest
  })
  // ad_storage denied by the consent manager: nothing may leave, and the job is filtered with that reason
  jobs.push({
    message: track(
      21,
      'Order Completed',
      { msclkid: CLICK(21) },
      { context: { consentManagement: { provider: 'oneTrust', deniedConsentIds: ['C0004'] } } }
    ),
    metadata: metadata(21),
    destination: dest
  })
  await emu(
    'clicks',
    [11, 12, 13, 14, 15, 16, 17, 18, 20].map((j) => ({ msclkid: CLICK(j), clickTime: iso(NOW - 86400e3) }))
  )

  const r = await post('/routerTransform', { input: jobs, destType: NAME }, FILTER)
  const out = r.body && r.body.output
  check('router: HTTP 200 with {output: [...]}', r.status === 200 && Array.isArray(out), `status ${r.status}`)
  if (!Array.isArray(out)) return null
  const ids = idsOf(out)
  const missing = jobs.map((j) => j.metadata.jobId).filter((id) => !ids.includes(id))
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i)
  check(
    'router: every input job exactly once in the output',
    missing.length === 0 && dup.length === 0,
    `missing ${missing}, duplicated ${dup}`
  )
  const statusOf = (id) => out.find((e) => e.metadata.some((m) => m.jobId === id))
  check(
    'router: unmapped job 18 filtered (298)',
    statusOf(18) && statusOf(18).statusCode === 298,
    `got ${statusOf(18) && statusOf(18).statusCode}`
  )
  check(
    'router: consent-denied job 21 filtered (298) naming ad_storage_consent_denied',
    statusOf(21) && statusOf(21).statusCode === 298 && /ad_storage_consent_denied/.test(statusOf(21).error || ''),
    `got ${statusOf(21) && statusOf(21).statusCode}: ${statusOf(21) && String(statusOf(21).error).slice(0, 120)}`
  )
  check(
    'router: malformed click id job 19 -> 400',
    statusOf(19) && statusOf(19).statusCode === 400,
    `got ${statusOf(19) && statusOf(19).statusCode}`
  )
  for (const e of out) {
    const issue = zodIssue('RouterTransformationResponseSchema', e)
    check(
      `router: entry [${e.metadata.map((m) => m.jobId)}] status ${e.statusCode} passes RouterTransformationResponseSchema`,
      !issue,
      issue
    )
    if (e.statusCode >= 400) {
      check(
        `router: error entry [${e.metadata.map((m) => m.jobId)}] has statTags with destType/feature`,
        e.statTags && e.statTags.destType === 'BINGADS_CONVERSIONS' && e.statTags.feature === 'router',
        JSON.stringify(e.statTags)
      )
    }
  }
  const batches = out.filter((e) => e.statusCode === 200 && e.batched)
  check('router: at least one batched 200 entry', batches.length > 0, `${batches.length} batched entries`)
  return { batches, dest }
}

async function deliver(entry, dest, label, expectFn) {
  const requests = Array.isArray(entry.batchedRequest) ? entry.batchedRequest : [entry.batchedRequest]
  for (const request of requests) {
    const body = proxyRequestOf(entry, request, dest)
    const reqIssue = zodIssue('ProxyV1RequestSchema', body)
    check(`proxy ${label}: the request we built passes ProxyV1RequestSchema`, !reqIssue, reqIssue)
    const r = await post(`/v1/destinations/${NAME}/proxy`, body)
    const o = r.body && r.body.output
    // rudder-transformer answers HTTP 200, or output.status when output.authErrorCategory is set (rudder-server reads it)
    const httpWant = o && o.authErrorCategory ? o.status : 200
    check(
      `proxy ${label}: HTTP ${httpWant} with {output: {status, message, response[]}}`,
      r.status === httpWant && o && Array.isArray(o.response) && typeof o.message === 'string',
      `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
    )
    if (!o || !Array.isArray(o.response)) continue
    const ids = o.response.map((s) => s.metadata && s.metadata.jobId)
    const want = body.metadata.map((m) => m.jobId)
    check(
      `proxy ${label}: one state per job`,
      ids.length === want.length && want.every((id) => ids.includes(id)),
      `jobs ${want} states ${ids}`
    )
    const schema = o.authErrorCategory ? 'DeliveryV1ResponseSchemaForOauth' : 'DeliveryV1ResponseSchema'
    const issue = zodIssue(schema, o)
    check(`proxy ${label}: passes ${schema}`, !issue, issue)
    expectFn(o)
  }
}

async function proxyChecks(routed) {
  if (!routed) return
  const { batches, dest } = routed
  const main = batches.find((b) => b.metadata.some((m) => m.jobId === 17)) || batches[0]
  await emu('reset', {})
  await emu(
    'clicks',
    [11, 12, 13, 14, 15, 16, 17, 18, 20].map((j) => ({ msclkid: CLICK(j), clickTime: iso(NOW - 86400e3) }))
  )

  await deliver(main, dest, 'accepted + one item refused', (o) => {
    const by = Object.fromEntries(o.response.map((s) => [s.metadata.jobId, s.statusCode]))
    const others = Object.entries(by).filter(([id]) => id !== '17')
    info('proxy accepted + one item refused: per-job statuses', JSON.stringify(by))
    check(
      'proxy: the jobs Microsoft accepted get 200',
      others.every(([, s]) => s === 200),
      JSON.stringify(by)
    )
    check('proxy: only the job of the refused item fails (400)', by[17] === 400, `job 17 -> ${by[17]}`)
  })

  const expired = {
    ...main,
    metadata: main.metadata.map((m) => ({ ...m, secret: { ...m.secret, accessToken: 'expired-token' } }))
  }
  expired.batchedRequest = (Array.isArray(main.batchedRequest) ? main.batchedRequest : [main.batchedRequest]).map(
    (q) => ({
      ...q,
      headers: { ...q.headers, Authorization: 'Bearer expired-token' }
    })
  )
  await deliver(expired, dest, 'unknown access token', (o) => {
    check(
      'proxy: refused token -> authErrorCategory REFRESH_TOKEN, status 500',
      o.authErrorCategory === 'REFRESH_TOKEN' && o.status === 500,
      `status ${o.status} authErrorCategory ${o.authErrorCategory} message ${String(o.message).slice(0, 120)}`
    )
  })

  await emu('faults', { rate: 1, kinds: ['throttle'], routes: ['apply'] })
  await deliver(main, dest, 'throttled (117 / HTTP 429)', (o) => {
    check(
      'proxy: throttled -> 429 for every job',
      o.status === 429 && o.response.every((s) => s.statusCode === 429),
      `status ${o.status}, jobs ${o.response.map((s) => s.statusCode)}`
    )
  })
  await emu('faults', { rate: 1, kinds: ['drop'], routes: ['apply'] })
  await deliver(main, dest, 'connection dropped', (o) => {
    check(
      'proxy: no answer -> 500 (retryable) for every job',
      o.status === 500 && o.response.every((s) => s.statusCode === 500),
      `status ${o.status}, jobs ${o.response.map((s) => s.statusCode)}, message ${String(o.message).slice(0, 120)}`
    )
  })
  await emu('faults', undefined, 'DELETE')
}

;(async () => {
  try {
    await processorChecks()
    await fixtureChecks()
    const routed = await routerAndProxyChecks()
    await proxyChecks(routed)
  } catch (e) {
    check('server smoke ran to the end', false, e.stack.split('\n').slice(0, 3).join(' | '))
  }
  const passed = results.filter((r) => r.ok === true).length
  const failed = results.filter((r) => r.ok === false).length
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify(results, null, 2))
  console.log(`server-smoke: ${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
})()
