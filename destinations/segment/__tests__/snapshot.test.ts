import destination from '../index'
import { DESTINATION_SLUG } from '../constants'
import { snapshotRequest } from './snapshot-support'
import { useTestEnvironment } from './support'

useTestEnvironment()

describe(`Testing snapshot for ${DESTINATION_SLUG} destination:`, () => {
  for (const actionSlug in destination.actions) {
    it(`${actionSlug} action - required fields`, async () => {
      const request = await snapshotRequest(`${DESTINATION_SLUG}#${actionSlug}`, actionSlug, true)
      expect(request.body).toMatchSnapshot()
      expect(request.headers).toMatchSnapshot()
    })

    it(`${actionSlug} action - all fields`, async () => {
      const request = await snapshotRequest(`${DESTINATION_SLUG}#${actionSlug}`, actionSlug, false)
      expect(request.body).toMatchSnapshot()
      expect(request.headers).toMatchSnapshot()
    })
  }
})
