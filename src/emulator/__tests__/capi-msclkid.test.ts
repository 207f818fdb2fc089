import { buildCapiEvent } from '../../conversions/build-capi'
import { buildContext } from '../../conversions/build-context'
import { SHA_EMAIL, TAG_ID, capi, capiEvent, control, useEmulator } from './helpers'

// https://learn.microsoft.com/advertising/guides/uet-conversion-api-integration, "Send MSCLKID whenever possible": the format is a UUID, "for example,
// dd4afccc-b1c9-4a4c-ad95-44dd7e5006ab".
const EXAMPLE = 'dd4afccc-b1c9-4a4c-ad95-44dd7e5006ab'

describe('CAPI msclkid in UUID form', () => {
  const harness = useEmulator()

  it("is sent as Microsoft's UUID: the same 32 hex digits, dashed 8-4-4-4-12, lower case", () => {
    for (const captured of ['dd4afcccb1c94a4cad9544dd7e5006ab', 'DD4AFCCCB1C94A4CAD9544DD7E5006AB', EXAMPLE]) {
      const built = buildCapiEvent({ eventType: 'custom', userData: { clickId: { mapped: captured } } }, buildContext())
      expect(built.ok && built.record.userData.msclkid).toBe(EXAMPLE)
    }
  })

  it("is accepted by the emulator in Microsoft's example form", async () => {
    const answer = await capi(harness.url, { data: [capiEvent({ userData: { msclkid: EXAMPLE } })] })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ eventsReceived: 1 })
  })

  it('draws a warning in any other form: the field dropped, the event processed', async () => {
    const answer = await capi(harness.url, {
      data: [capiEvent({ userData: { em: SHA_EMAIL, msclkid: 'dd4afcccb1c94a4cad9544dd7e5006ab' } })]
    })
    expect(answer.status).toBe(200)
    expect(answer.body.eventsReceived).toBe(1)
    expect(answer.body.error.details).toEqual([
      expect.objectContaining({ propertyName: 'data[0].userData.msclkid', errorCode: 'InvalidValue', isWarning: true })
    ])
    const kept = (await control(harness.url, 'GET', 'state')).body.capiEvents.records[TAG_ID][0].item
    expect(kept.userData).toEqual({ em: SHA_EMAIL })
  })
})
