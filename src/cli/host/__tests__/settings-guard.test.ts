import { RequestError } from '../../errors'
import { requestSettings } from '../settings-guard'

describe('request settings', () => {
  it('refuses request settings that are not settings', () => {
    expect(requestSettings({ customer_id: 1, consent_default: 'granted' })).toEqual({
      customer_id: '1',
      consent_default: 'granted'
    })
    expect(() => requestSettings({ MSADS_API_BASE_URL: 'http://x' })).toThrow(RequestError)
    expect(() => requestSettings({ customer_id: { nested: true } })).toThrow(/must be a string/)
  })
})
