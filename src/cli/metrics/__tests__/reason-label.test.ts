import { outcomeForCode } from '../../../microsoft/classify'
import { CliMetrics } from '../cli-metrics'
import { OTHER_LABEL, reasonLabel, warningLabel } from '../reason-label'

/** The number of series of one metric in the registry's text. */
async function seriesOf(metrics: CliMetrics, name: string): Promise<string[]> {
  const text = await metrics.registry.metrics()
  return text.split('\n').filter((line) => line.startsWith(`${name}{`))
}

describe('the reason label of the metrics', () => {
  it('keeps known reasons by name: the package’s, Microsoft’s codes by ErrorCode, CAPI’s, HTTP statuses', () => {
    for (const reason of ['accepted', 'invalid_input', 'invalid_settings', 'OfflineConversionNameInvalid', 'http_404'])
      expect(reasonLabel(reason)).toBe(reason)
    expect(reasonLabel(outcomeForCode(5606).reason)).toBe('OfflineConversionNameInvalid')
    expect(reasonLabel('InvalidSha256')).toBe('InvalidSha256')
  })

  it('turns any other reason into other', () => {
    expect(reasonLabel(outcomeForCode(987654, { errorCode: 'SomethingNew' }).reason)).toBe(OTHER_LABEL)
    expect(reasonLabel('Code987654')).toBe(OTHER_LABEL)
    expect(reasonLabel('http_999')).toBe(OTHER_LABEL)
  })

  it('10,000 random Microsoft codes make a handful of series, not 10,000', async () => {
    const metrics = new CliMetrics()
    for (let index = 0; index < 10_000; index++) {
      const code = 100_000 + index
      const outcome = outcomeForCode(code, { errorCode: `Random${code.toString(36)}`, httpStatus: 400 })
      metrics.recordOutcome('trackConversion', outcome.outcome, outcome.reason, 1, undefined, [
        { field: `userData.x${index}`, rule: `Random${index}`, message: 'dropped' }
      ])
    }
    const events = await seriesOf(metrics, 'msads_events_total')
    expect(events).toEqual(['msads_events_total{action="trackConversion",outcome="rejected",reason="other"} 10000'])
    expect(await seriesOf(metrics, 'msads_warnings_total')).toHaveLength(1)
  })

  it('takes at most 200 warning labels even when an answer names snake_case fields and rules', async () => {
    const metrics = new CliMetrics()
    for (let index = 0; index < 1_000; index++)
      metrics.recordOutcome('uetCapiEvent', 'delivered', 'accepted', 1, undefined, [
        { field: `f${index}`, rule: `r${index}`, message: 'dropped' }
      ])
    expect(await seriesOf(metrics, 'msads_warnings_total')).toHaveLength(201)
  })

  it('keeps the warnings the package and Microsoft name', () => {
    expect(warningLabel({ field: 'phone', rule: 'e164', message: '' })).toBe('phone:e164')
    expect(warningLabel({ field: 'userData.em', rule: 'InvalidSha256', message: '' })).toBe('userData.em:InvalidSha256')
    expect(warningLabel({ field: 'userData.em', rule: 'NotACode', message: '' })).toBe(OTHER_LABEL)
  })
})
