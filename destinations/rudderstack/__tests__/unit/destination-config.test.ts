import { ConfigurationError } from '@rudderstack/integrations-lib'
import { parseDestinationConfig, settingsOf } from '../../destination-config'
import { destination } from '../data/common'

describe('Destination.Config parsing', () => {
  it('applies defaults to an almost empty config', () => {
    const settings = parseDestinationConfig({ customerId: '1', customerAccountId: '2' })
    expect(settings).toMatchObject({
      environment: 'production',
      consentDefault: 'granted',
      sendTrackEventsToCapi: false,
      sendPageEventsToCapi: false,
      adStorageCategoryIds: [],
      adUserDataCategoryIds: []
    })
    expect(settings.goalsByEvent.size).toBe(0)
  })

  it('maps one event to many goals, ignoring case, spaces, blank rows and repeats', () => {
    const settings = parseDestinationConfig({
      eventsToConversionGoals: [
        { from: 'Order Completed', to: 'Purchase' },
        { from: ' order completed ', to: 'Revenue' },
        { from: 'Order Completed', to: 'Purchase' },
        { from: '', to: '' },
        { from: 'Lead', to: '' }
      ]
    })
    expect([...settings.goalsByEvent]).toEqual([['order completed', ['Purchase', 'Revenue']]])
  })

  it('reads adjustment types in any case and refuses anything else', () => {
    expect(
      parseDestinationConfig({ adjustmentEvents: [{ from: 'Refund', to: 'retract' }] }).adjustmentByEvent.get('refund')
    ).toBe('Retract')
    expect(() => parseDestinationConfig({ adjustmentEvents: [{ from: 'Refund', to: 'Cancel' }] })).toThrow(
      new ConfigurationError('adjustmentEvents: "Refund" must map to Restate or Retract.')
    )
  })

  it('accepts ids as numbers and tag inputs as objects or strings', () => {
    const settings = parseDestinationConfig({
      customerId: 123,
      customerAccountId: '456',
      adStorageConsentCategories: [{ consent: 'C0004' }, { consent: '' }],
      adUserDataConsentCategories: ['C0005'],
      capiEventNames: [{ eventName: 'Order Completed' }]
    })
    expect(settings).toMatchObject({
      customerId: '123',
      customerAccountId: '456',
      adStorageCategoryIds: ['C0004'],
      adUserDataCategoryIds: ['C0005']
    })
    expect([...settings.capiEventNames]).toEqual(['order completed'])
  })

  it.each([
    [{ customerAccountId: 'abc' }, 'customerAccountId must be a numeric id (digits only)'],
    [{ environment: 'staging' }, 'environment'],
    [{ defaultCurrency: 'dollars' }, 'defaultCurrency must be an ISO 4217 currency code such as USD.'],
    [
      { defaultPhoneCountry: 'XX' },
      'defaultPhoneCountry must be a two-letter country code with a phone numbering plan, such as US or GB.'
    ],
    [{ sendTrackEventsToCapi: true, uetTagId: '1' }, 'uetTagId and capiToken are required'],
    [{ consentDefault: 'maybe' }, 'consentDefault']
  ])('refuses %j with a ConfigurationError naming the setting', (config, message) => {
    expect(() => parseDestinationConfig(config)).toThrow(ConfigurationError)
    expect(() => parseDestinationConfig(config)).toThrow(message)
  })

  it('reads the consent default as the core does: blank is granted, any case is accepted', () => {
    expect(parseDestinationConfig({ consentDefault: '' }).consentDefault).toBe('granted')
    expect(parseDestinationConfig({ consentDefault: ' Denied ' }).consentDefault).toBe('denied')
    expect(() => parseDestinationConfig({ consentDefault: 'deny' })).toThrow(
      new ConfigurationError('consentDefault must be granted or denied.')
    )
  })

  it('parses each config object once', () => {
    const dest = destination()
    expect(settingsOf(dest)).toBe(settingsOf(dest))
  })
})
