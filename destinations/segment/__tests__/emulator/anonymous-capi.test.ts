/** uetCapiEvent's default mapping carries Segment's anonymousId, so an anonymous visitor's event is delivered. */
import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import destination from '../../index'
import uetCapiEvent from '../../uetCapiEvent'
import { DEFAULT_SEED } from '../../../../src/emulator'
import { isoAgo, MINUTE, platformSettings, statusesOf, storedItems, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

function anonymousTrack(anonymousId: string | null) {
  return {
    type: 'track' as const,
    event: 'Product Viewed',
    messageId: 'anonymous-message-1',
    anonymousId,
    userId: null,
    timestamp: isoAgo(MINUTE),
    properties: {},
    context: { traits: {} }
  }
}

function platform() {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  const mapping = defaultValues(uetCapiEvent.fields) as JSONObject
  return platformSettings(harness.settings, { partnerAction: 'uetCapiEvent', mapping }, { accessToken, refreshToken })
}

describe('uetCapiEvent and an anonymous visitor', () => {
  it('maps anonymousId by default', () => {
    expect(uetCapiEvent.fields.userData.default).toMatchObject({ anonymousId: { '@path': '$.anonymousId' } })
  })

  it('delivers a track event that has only an anonymousId, carrying it as userData.anonymousId', async () => {
    const results = await testDestination.onBatch([anonymousTrack('anon-7f3c2a')], platform())

    expect(statusesOf(results)).toEqual([200])
    const [stored, ...others] = storedItems<{ userData: Record<string, unknown> }>(
      harness.emulator,
      'capiEvents',
      DEFAULT_SEED.tags[0].id
    )
    expect(others).toEqual([])
    expect(stored.userData).toEqual({ anonymousId: 'anon-7f3c2a' })
  })

  it('still rejects an event with no identity at all, naming userData', async () => {
    const results = await testDestination.onBatch([anonymousTrack(null)], platform())

    expect(statusesOf(results)).toEqual([400])
    expect(JSON.stringify(results)).toMatch(/userData/)
  })
})
