import { DEFAULT_SEED, startEmulator, type RunningEmulator, type SeedGoal } from '../../emulator'
import { CampaignClient } from '../../microsoft/campaign-client'
import type { OfflineConversion, OfflineConversionAdjustment } from '../../microsoft/models'
import { UNATTRIBUTED_REASON_INFO } from '../../microsoft/unattributed-reasons'
import { runDiagnostics } from '../commands/diagnostics'
import type { Diagnostics } from '../diagnostics/collect-diagnostics'
import { SentCountsTally } from '../diagnostics/sent-counts'
import { EXIT } from '../io'
import { ForwardLog } from '../forward-log/forward-log'
import { demoEnv, memoryIo, temporaryDirectory, useEmulatorEndpoints } from './helpers'

const NOW = Date.parse('2026-06-10T12:00:00Z')
const TODAY = '2026-06-10'
const HOUR = 3_600_000
const DAY = 86_400_000
const at = (ago: number) => new Date(NOW - ago).toISOString()
const click = (n: number) => n.toString(16).padStart(32, '0')
const SHA_EMAIL = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'

const PAUSED: SeedGoal = {
  ...DEFAULT_SEED.goals[0],
  id: '300000009',
  name: 'Paused Goal',
  status: 'Paused'
}

/** A click the seed knows from the start, and two that the emulator learns only after the upload. */
const KNOWN = { msclkid: click(1), clickTime: at(2 * DAY) }
const LATE_AFTER_CONVERSION = { msclkid: click(3), clickTime: at(2 * DAY) }
const LATE_TOO_OLD = { msclkid: click(4), clickTime: at(40 * DAY) }

function conversion(overrides: Partial<OfflineConversion>): OfflineConversion {
  return {
    ConversionName: 'Purchase',
    ConversionTime: at(DAY),
    ConversionValue: 10,
    ConversionCurrencyCode: 'USD',
    ...overrides
  }
}

/** Each item sent, with the reason Microsoft should give (null: attributed). */
const CONVERSIONS: Array<{ item: OfflineConversion; expect: string | null }> = [
  { item: conversion({ MicrosoftClickId: KNOWN.msclkid }), expect: null },
  { item: conversion({ MicrosoftClickId: KNOWN.msclkid, ConversionTime: at(HOUR) }), expect: null },
  { item: conversion({ MicrosoftClickId: click(2) }), expect: 'NoMatchingClickFound' },
  { item: conversion({ MicrosoftClickId: click(5), ConversionTime: at(2 * HOUR) }), expect: 'NoMatchingClickFound' },
  {
    item: conversion({ MicrosoftClickId: LATE_AFTER_CONVERSION.msclkid, ConversionTime: at(3 * DAY) }),
    expect: 'ClickTimestampAfterConversion'
  },
  { item: conversion({ MicrosoftClickId: LATE_TOO_OLD.msclkid }), expect: 'OutsideGoalLookbackWindow' },
  // The first conversion again: the same key.
  { item: conversion({ MicrosoftClickId: KNOWN.msclkid }), expect: 'DuplicateConversionKey' },
  {
    item: conversion({ ConversionName: 'Paused Goal', MicrosoftClickId: KNOWN.msclkid }),
    expect: 'GoalNotFoundOrInactive'
  },
  { item: conversion({ ConversionName: 'Lead', HashedEmailAddress: SHA_EMAIL }), expect: 'MissingMatchIdentifiers' }
]

function retract(conversionTime: string, adjustmentTime: string): OfflineConversionAdjustment {
  return {
    AdjustmentType: 'Retract',
    AdjustmentTime: adjustmentTime,
    ConversionName: 'Purchase',
    ConversionTime: conversionTime,
    MicrosoftClickId: KNOWN.msclkid
  }
}

const ADJUSTMENTS: Array<{ item: OfflineConversionAdjustment; expect: string | null }> = [
  // Of the second conversion: applies; then once more (another adjustment time): already retracted.
  { item: retract(at(HOUR), at(HOUR / 2)), expect: null },
  { item: retract(at(HOUR), at(HOUR / 4)), expect: 'ConversionAlreadyRetracted' },
  // Of a conversion never sent.
  { item: retract(at(5 * HOUR), at(4 * HOUR)), expect: 'AdjustmentOriginalNotFound' }
]

/** The rows the diagnostics must show, counted from what was sent. */
function expectedRows(sent: SentCountsTally | undefined) {
  const byGoal = new Map<string, Array<string | null>>()
  for (const { item, expect: reason } of [...CONVERSIONS, ...ADJUSTMENTS]) {
    const list = byGoal.get(item.ConversionName as string) ?? []
    list.push(reason)
    byGoal.set(item.ConversionName as string, list)
  }
  const ids = new Map([...DEFAULT_SEED.goals, PAUSED].map((goal) => [goal.name, goal.id]))
  return [...byGoal]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([goal, reasons]) => {
      const counts = new Map<string, number>()
      for (const reason of reasons) if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1)
      const attributed = reasons.filter((reason) => reason === null).length
      return {
        goal,
        goalId: ids.get(goal),
        date: TODAY,
        accepted: reasons.length,
        attributed,
        unattributed: reasons.length - attributed,
        reasons: [...counts]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([reason, count]) => ({
            reason,
            count,
            action: UNATTRIBUTED_REASON_INFO.find((info) => info.reason === reason)?.action
          })),
        sent: sent ? (sent.sentCounts({ start: TODAY, end: TODAY }).find((row) => row.goal === goal)?.sent ?? 0) : null
      }
    })
}

describe('msads diagnostics after a seeded run on the emulator', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  const sent = new SentCountsTally()

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      now: () => NOW,
      seed: { goals: [...DEFAULT_SEED.goals, PAUSED], clicks: [KNOWN] }
    })
  })
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })
  useEmulatorEndpoints(() => emulator)

  it('sends conversions and adjustments covering every reason, each accepted by Apply', async () => {
    const { credentials } = DEFAULT_SEED
    const client = new CampaignClient({
      auth: {
        developerToken: credentials.developerToken,
        customerId: DEFAULT_SEED.customers[0].id,
        accountId: DEFAULT_SEED.customers[0].accounts[0].id,
        accessToken: credentials.accessToken
      }
    })
    const outcomes = [
      ...(await client.applyOfflineConversions(CONVERSIONS.map((entry) => entry.item))),
      ...(await client.applyOfflineConversionAdjustments(ADJUSTMENTS.map((entry) => entry.item)))
    ]
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(outcomes.map(() => 'delivered'))
    for (const [index, entry] of [...CONVERSIONS, ...ADJUSTMENTS].entries())
      if (outcomes[index].outcome === 'delivered') sent.add(entry.item.ConversionName as string, NOW)
    // Microsoft's click log learns these two after the upload, so Apply could not refuse them (5616, 5617).
    emulator.addClicks([LATE_AFTER_CONVERSION, LATE_TOO_OLD])
  })

  it('--json reports every reason with the count that was sent, per goal and day', async () => {
    const io = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ json: true, now: () => NOW }, io)).toBe(EXIT.ok)
    const report = JSON.parse(io.out()) as Diagnostics
    expect(report.goals).toEqual(expectedRows(undefined))
    const reasons = new Set(report.goals.flatMap((row) => row.reasons.map((reason) => reason.reason)))
    expect([...reasons].sort()).toEqual(
      [
        'AdjustmentOriginalNotFound',
        'ClickTimestampAfterConversion',
        'ConversionAlreadyRetracted',
        'DuplicateConversionKey',
        'GoalNotFoundOrInactive',
        'MissingMatchIdentifiers',
        'NoMatchingClickFound',
        'OutsideGoalLookbackWindow'
      ].sort()
    )
    expect(report.range).toEqual({ start: '2026-06-04', end: TODAY })
    expect(report.uploads).toEqual([
      {
        date: TODAY,
        succeeded: CONVERSIONS.length + ADJUSTMENTS.length,
        failed: 0,
        fileUrl: expect.stringContaining('/offline-conversion-reports/'),
        fileUrlExpiresAt: expect.any(String)
      }
    ])
    expect(report.totals).toEqual({
      accepted: CONVERSIONS.length + ADJUSTMENTS.length,
      attributed: 3,
      unattributed: CONVERSIONS.length + ADJUSTMENTS.length - 3,
      sent: null
    })
    expect(report.errors).toEqual([])
  })

  it('--json is stable: the same figures give the same bytes, every key sorted', async () => {
    const outputs: string[] = []
    for (let run = 0; run < 2; run += 1) {
      const io = memoryIo(demoEnv(directory.path))
      expect(await runDiagnostics({ json: true, now: () => NOW }, io)).toBe(EXIT.ok)
      outputs.push(io.out())
    }
    expect(outputs[1]).toBe(outputs[0])
    const keysSorted = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(keysSorted)
      if (!value || typeof value !== 'object') return true
      const keys = Object.keys(value)
      return keys.join() === [...keys].sort().join() && Object.values(value).every(keysSorted)
    }
    const parsed = JSON.parse(outputs[0]) as Diagnostics
    expect(keysSorted(parsed)).toBe(true)
    expect(Object.keys(parsed)).toEqual(['errors', 'goals', 'range', 'totals', 'uploads', 'version'])
    expect(Object.keys(parsed.goals[0])).toEqual([
      'accepted',
      'attributed',
      'date',
      'goal',
      'goalId',
      'reasons',
      'sent',
      'unattributed'
    ])
    expect(parsed.version).toBe(1)
  })

  it("shows what was sent beside Microsoft's counts when a record is kept", async () => {
    const io = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ json: true, now: () => NOW, sent }, io)).toBe(EXIT.ok)
    const report = JSON.parse(io.out()) as Diagnostics
    expect(report.goals).toEqual(expectedRows(sent))
    expect(report.totals.sent).toBe(CONVERSIONS.length + ADJUSTMENTS.length)
  })

  it('--goal picks goals by name; the text names each reason with what to do', async () => {
    const io = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ goal: ['Purchase'], now: () => NOW }, io)).toBe(EXIT.ok)
    const text = io.out()
    expect(text).toMatch(
      /Purchase\s+2026-06-10\s+10\s+3\s+7\n {4}not attributed: AdjustmentOriginalNotFound 1, .*NoMatchingClickFound 2/
    )
    expect(text).not.toMatch(/Paused Goal/)
    for (const reason of ['NoMatchingClickFound', 'ClickTimestampAfterConversion', 'AdjustmentOriginalNotFound']) {
      const info = UNATTRIBUTED_REASON_INFO.find((entry) => entry.reason === reason)
      expect(text).toContain(`- ${reason} (`)
      expect(text).toContain(info?.action)
    }
  })

  it('refuses an unknown goal and a bad --since, naming them', async () => {
    const unknown = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ goal: ['Nope'], now: () => NOW }, unknown)).toBe(EXIT.usage)
    expect(unknown.err()).toMatch(/--goal "Nope": the account has no offline conversion goal of that name/)
    const since = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ since: '2026-13-01', now: () => NOW }, since)).toBe(EXIT.usage)
    expect(since.err()).toMatch(/--since must be a date written YYYY-MM-DD/)
    const iso = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ since: '2026-06-09T22:00:00-04:00', json: true, now: () => NOW }, iso)).toBe(EXIT.ok)
    expect(JSON.parse(iso.out()).range).toEqual({ start: TODAY, end: TODAY })
    const old = memoryIo(demoEnv(directory.path))
    expect(await runDiagnostics({ since: '2026-01-01', now: () => NOW }, old)).toBe(EXIT.usage)
    expect(old.err()).toMatch(/more than 90 days ago/)
  })

  it("shows what the forward log recorded as delivered beside Microsoft's counts", async () => {
    const env = demoEnv(directory.path)
    const log = ForwardLog.open(env.MSADS_FORWARD_LOG as string, { now: () => NOW })
    const delivered = (goal: string, n: number, kind: 'offline' | 'adjustment' = 'offline') =>
      ({
        source: 'segment',
        account: 'default',
        action: 'trackConversion',
        target: goal,
        kind,
        goal,
        eventId: `m-${goal}-${n}`,
        outcome: 'delivered',
        reason: 'accepted'
      }) as const
    log.record([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => delivered('Purchase', n)),
      delivered('Purchase', 8, 'adjustment'),
      { ...delivered('Purchase', 9), outcome: 'rejected', reason: 'OfflineConversionNameInvalid' },
      { ...delivered('Purchase', 10), account: 'eu' },
      { ...delivered('Purchase', 11), kind: 'capi' }
    ])
    log.close()
    const io = memoryIo(env)
    expect(await runDiagnostics({ json: true, now: () => NOW }, io)).toBe(EXIT.ok)
    const report = JSON.parse(io.out()) as Diagnostics
    // Seven conversions and one adjustment of the default account's; a refusal, another account and CAPI are not.
    expect(report.totals.sent).toBe(8)
    expect(report.goals.find((row) => row.goal === 'Purchase' && row.date === TODAY)?.sent).toBe(8)
  })
})

describe('msads diagnostics without credentials', () => {
  it('runs on the embedded emulator, says so, and finds nothing processed yet', async () => {
    const directory = temporaryDirectory()
    try {
      const io = memoryIo({ MSADS_TOKEN_FILE: `${directory.path}/tokens.json` })
      expect(await runDiagnostics({}, io)).toBe(EXIT.ok)
      expect(io.err()).toMatch(/running on the embedded emulator/)
      expect(io.out()).toMatch(/Microsoft reports no offline conversions for these goals and days\./)
    } finally {
      directory.remove()
    }
  })
})
