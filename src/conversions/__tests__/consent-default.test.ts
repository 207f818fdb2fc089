import { buildContext } from '../build-context'
import { buildOfflineConversion } from '../build-offline'
import { CONSENT_DEFAULT, CONSENT_DEFAULT_CHOICES, parseConsentDefault } from '../consent-default'

describe('the consent default rule', () => {
  it('offers granted and denied, and is granted when not set', () => {
    expect(CONSENT_DEFAULT_CHOICES).toEqual(['granted', 'denied'])
    expect(CONSENT_DEFAULT).toBe('granted')
  })

  it.each([undefined, null, '', '   '])('reads %j as the default, granted', (value) => {
    expect(parseConsentDefault(value)).toEqual({ consentDefault: 'granted' })
  })

  it.each([
    ['granted', 'granted'],
    ['denied', 'denied'],
    [' Denied ', 'denied'],
    ['GRANTED', 'granted']
  ])('reads %j as %s', (value, expected) => {
    expect(parseConsentDefault(value)).toEqual({ consentDefault: expected })
  })

  it.each(['maybe', 'deny', 'no', 'false', true, false, 0, 1, {}, ['denied']])(
    'refuses %j as a problem to show, never as either choice',
    (value) => {
      expect(parseConsentDefault(value)).toEqual({ problem: 'must be granted or denied' })
    }
  )

  it('is what the core assumes for an event without a consent signal when a host passes no default', () => {
    const input = {
      conversionName: 'Purchase',
      conversionTime: '2026-11-21T09:30:00Z',
      clickId: { mapped: 'f894f652ea334e739002f7167ab8f8e3' }
    }
    const context = (consentDefault?: 'granted' | 'denied') =>
      buildContext({ now: () => Date.UTC(2026, 10, 22), ...(consentDefault ? { consentDefault } : {}) })
    const unset = buildOfflineConversion(input, context())
    expect(unset.ok).toBe(true)
    expect(unset).toEqual(buildOfflineConversion(input, context(CONSENT_DEFAULT)))
    expect(unset).not.toEqual(buildOfflineConversion(input, context('denied')))
  })
})
