import { itemsByJob } from '../../network-handler/correlate'
import { generateProxyMetadata } from '../data/common'

const withIndexes = (jobId: number, indexes: unknown) =>
  generateProxyMetadata(jobId, { destInfo: { recordIndexes: { OfflineConversions: indexes } } })

describe('items to jobs', () => {
  it('uses the positions the router wrote into destInfo', () => {
    expect(itemsByJob([withIndexes(1, [0, 1]), withIndexes(2, [2])], 'OfflineConversions', 3)).toEqual([[0, 1], [2]])
  })

  it('gives one job every item when a request carries no destInfo (processor transform)', () => {
    expect(itemsByJob([generateProxyMetadata(1)], 'OfflineConversions', 3)).toEqual([[0, 1, 2]])
  })

  it('pairs items and jobs in order when there are as many of each', () => {
    expect(itemsByJob([generateProxyMetadata(1), generateProxyMetadata(2)], 'data', 2)).toEqual([[0], [1]])
  })

  it('refuses to guess when positions are missing or out of range', () => {
    expect(itemsByJob([generateProxyMetadata(1), generateProxyMetadata(2)], 'data', 3)).toBeUndefined()
    expect(itemsByJob([withIndexes(1, [0, 5]), withIndexes(2, [1])], 'OfflineConversions', 3)).toBeUndefined()
    expect(itemsByJob([withIndexes(1, 'zero'), withIndexes(2, [1])], 'OfflineConversions', 3)).toBeUndefined()
  })
})
