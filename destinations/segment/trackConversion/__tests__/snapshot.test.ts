import { DESTINATION_NAME } from '../../constants'
import { snapshotRequest } from '../../__tests__/snapshot-support'
import { useTestEnvironment } from '../../__tests__/support'

const actionSlug = 'trackConversion'
const seedName = `${DESTINATION_NAME}#${actionSlug}`

useTestEnvironment()

describe(`Testing snapshot for ${DESTINATION_NAME}'s ${actionSlug} destination action:`, () => {
  it('required fields', async () => {
    const request = await snapshotRequest(seedName, actionSlug, true)
    expect(request.body).toMatchSnapshot()
    expect(request.headers).toMatchSnapshot()
  })

  it('all fields', async () => {
    const request = await snapshotRequest(seedName, actionSlug, false)
    expect(request.body).toMatchSnapshot()
    expect(request.headers).toMatchSnapshot()
  })
})
