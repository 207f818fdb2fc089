import { tallyWarnings, type OutcomeWarning } from '../../outcome'
import { reportedOutcome } from '../output/reported-outcome'
import { CliMetrics } from '../metrics/cli-metrics'
import { OutcomeTable } from '../send/outcome-table'
import { formatSummary } from '../send/summary'
import type { SendSummary } from '../send/send-run'

const PHONE: OutcomeWarning = {
  field: 'phone',
  rule: 'e164',
  message: 'phone cannot be read as a phone number; it was dropped'
}
const EM: OutcomeWarning = {
  field: 'userData.em',
  rule: 'InvalidSha256',
  message: "userData.em was dropped by Microsoft: 'em' must be a valid SHA256 string."
}

describe('warnings are counted by reason', () => {
  it('in the core tally, the send summary and its table', () => {
    const outcomes = [
      { outcome: 'delivered' as const, reason: 'accepted', warnings: [PHONE] },
      {
        outcome: 'delivered' as const,
        reason: 'accepted',
        warnings: [PHONE, EM]
      },
      { outcome: 'delivered' as const, reason: 'accepted' }
    ]
    expect(tallyWarnings(outcomes)).toEqual({
      'phone:e164': 2,
      'userData.em:InvalidSha256': 1
    })
    const table = new OutcomeTable()
    for (const outcome of outcomes) table.add(outcome)
    expect(table.warnings()).toEqual({
      'phone:e164': 2,
      'userData.em:InvalidSha256': 1
    })
    expect(table.total).toBe(3)

    const summary = {
      input: 'events.ndjson',
      format: 'ndjson',
      mode: 'embedded',
      total: 3,
      outcomes: table.toJSON(),
      warnings: table.warnings(),
      totals: { delivered: 3 },
      notDelivered: 0,
      resent: 0,
      requests: { total: 1, byOperation: {} },
      durationMs: 10,
      eventsPerSecond: 300,
      peakRssBytes: 1,
      complete: true,
      unsettled: 0
    } as SendSummary
    expect(formatSummary(summary)).toContain(
      'Warnings (a field dropped, the event still sent): phone:e164 2, userData.em:InvalidSha256 1'
    )
  })

  it('in /metrics, as msads_warnings_total by action and reason', async () => {
    const metrics = new CliMetrics()
    metrics.recordOutcome('trackConversion', 'delivered', 'accepted', 1, undefined, [PHONE])
    metrics.recordOutcome('trackConversion', 'delivered', 'accepted', 1, undefined, [PHONE])
    const text = await metrics.registry.metrics()
    expect(text).toContain('msads_warnings_total{action="trackConversion",reason="phone:e164"} 2')
  })

  it('reported as structured warnings, redacted', () => {
    const outcome = reportedOutcome({
      status: 200,
      outcome: 'delivered',
      reason: 'accepted',
      message: 'Accepted.',
      warnings: [{ field: 'email', rule: 'format', message: 'email jane@example.com is not an email address' }]
    })
    expect(outcome.warnings).toEqual([
      {
        field: 'email',
        rule: 'format',
        message: 'email [email] is not an email address'
      }
    ])
  })
})
