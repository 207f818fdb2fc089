import { consentSignals } from '../../consent'
import { parseDestinationConfig } from '../../destination-config'

const settings = parseDestinationConfig({
  adStorageConsentCategories: [{ consent: 'C0004' }],
  adUserDataConsentCategories: [{ consent: 'C0005' }]
})
const withContext = (context: Record<string, unknown>, integrations?: Record<string, unknown>) => ({
  type: 'track',
  context,
  ...(integrations ? { integrations } : {})
})

describe('consent signals from RudderStack events', () => {
  it('denies a signal whose configured category the consent manager denied', () => {
    expect(consentSignals(withContext({ consentManagement: { deniedConsentIds: ['C0004'] } }), settings)).toEqual({
      adStorage: 'denied',
      adUserData: 'granted'
    })
  })

  it('grants both when the consent manager reported denials that spare the configured categories', () => {
    expect(consentSignals(withContext({ consentManagement: { deniedConsentIds: [] } }), settings)).toEqual({
      adStorage: 'granted',
      adUserData: 'granted'
    })
  })

  it('reads allowed ids, as a list or a OneTrust-style object, when no denials are reported', () => {
    expect(
      consentSignals(withContext({ consentManagement: { allowedConsentIds: { C0004: 'Targeting' } } }), settings)
    ).toEqual({
      adStorage: 'granted',
      adUserData: undefined
    })
  })

  it('falls back to the integrations object, then to nothing (the core applies the admin default)', () => {
    const message = withContext(
      {},
      { BINGADS_CONVERSIONS: { consents: { ad_storage: 'granted', adUserData: 'denied' } } }
    )
    expect(consentSignals(message, settings)).toEqual({ adStorage: 'granted', adUserData: 'denied' })
    expect(consentSignals(withContext({}), settings)).toEqual({ adStorage: undefined, adUserData: undefined })
  })

  it('ignores consent ids when no category is configured', () => {
    expect(
      consentSignals(withContext({ consentManagement: { deniedConsentIds: ['C0004'] } }), parseDestinationConfig({}))
    ).toEqual({
      adStorage: undefined,
      adUserData: undefined
    })
  })
})
