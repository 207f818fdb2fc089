import { mockFns } from '../../harness/clock'
import type { MockHttpCallsData, ProxyV1TestData } from '../../harness/test-types'
import { businessNetwork, businessScenarios } from './business'
import { oauthNetwork, oauthScenarios } from './oauth'

/** Every case runs at the fixtures' clock. */
export const data: ProxyV1TestData[] = [...businessScenarios, ...oauthScenarios].map((tc) => ({ mockFns, ...tc }))

/** Microsoft's answers to the requests above (rudder-transformer's `network.ts`). */
export const networkCallsData: MockHttpCallsData[] = [...businessNetwork, ...oauthNetwork]
