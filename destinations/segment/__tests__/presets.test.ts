import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../index'
import { AUTH, CAPI, CAPI_EVENTS, CLICK_ID, SETTINGS, useTestEnvironment } from './support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

function preset(name: string) {
  const found = destination.presets?.find((p) => p.name === name)
  if (!found || found.type !== 'automatic') throw new Error(`no automatic preset ${name}`)
  return found
}

describe('presets', () => {
  it.each([
    [
      'Purchase',
      'trackConversion',
      'type = "track" and (event = "Order Completed" or event = "purchase")',
      { conversion_name: 'Purchase' }
    ],
    [
      'Sign Up',
      'trackConversion',
      'type = "track" and (event = "Signed Up" or event = "sign_up")',
      { conversion_name: 'Sign Up' }
    ],
    [
      'Lead',
      'trackConversion',
      'type = "track" and (event = "Lead Generated" or event = "Form Submitted" or event = "lead" or event = "generate_lead")',
      { conversion_name: 'Lead' }
    ],
    [
      'Subscribe',
      'trackConversion',
      'type = "track" and (event = "Subscription Started" or event = "subscribe")',
      { conversion_name: 'Subscribe' }
    ],
    [
      'Add to Cart',
      'trackConversion',
      'type = "track" and (event = "Product Added" or event = "add_to_cart")',
      { conversion_name: 'Add to Cart' }
    ],
    [
      'Retract',
      'adjustConversion',
      'type = "track" and (event = "Order Refunded" or event = "Order Cancelled" or event = "refund")',
      { adjustment_type: 'Retract', conversion_name: 'Purchase' }
    ],
    [
      'Restate',
      'adjustConversion',
      'type = "track" and event = "Order Updated"',
      { adjustment_type: 'Restate', conversion_name: 'Purchase' }
    ],
    ['Page Load', 'uetCapiEvent', 'type = "page"', { eventType: 'pageLoad' }]
  ])('%s sends %s for %s, with its values in the mapping itself', (name, partnerAction, subscribe, values) => {
    const { mapping, ...rest } = preset(name)
    expect(rest).toMatchObject({ partnerAction, subscribe })
    expect(mapping).toMatchObject(values)
    // The rest of the mapping is the fields' defaults, so the preset works without editing.
    const fields = destination.actions[partnerAction].fields
    for (const [key, field] of Object.entries(fields)) {
      if (field.default !== undefined && !(key in values)) expect(mapping?.[key]).toEqual(field.default)
    }
  })

  it('has exactly the presets of the issue', () => {
    expect(destination.presets?.map((p) => p.name)).toEqual([
      'Purchase',
      'Sign Up',
      'Lead',
      'Subscribe',
      'Add to Cart',
      'Retract',
      'Restate',
      'Page Load'
    ])
  })

  it('sends a page call as a pageLoad event through the Page Load preset', async () => {
    let body: { data: Array<{ eventType: string; eventName?: string; eventSourceUrl?: string }> } | undefined
    nock(CAPI)
      .post(CAPI_EVENTS, (sent) => {
        body = sent
        return true
      })
      .reply(200, { eventsReceived: 1 })

    await testDestination.testAction('uetCapiEvent', {
      event: createTestEvent({
        type: 'page',
        event: undefined, // a page call has a name, not an event
        name: 'Home',
        timestamp: '2026-11-21T11:00:00.000Z',
        context: { page: { url: `https://shop.example/?msclkid=${CLICK_ID}`, title: 'Home' } }
      }),
      settings: SETTINGS,
      auth: AUTH,
      mapping: preset('Page Load').mapping
    })

    expect(body?.data[0]).toMatchObject({
      eventType: 'pageLoad',
      eventName: 'Home',
      eventSourceUrl: `https://shop.example/?msclkid=${CLICK_ID}`
    })
  })
})
