/**
 * The RudderStack destination of msads-conversions, in rudder-transformer's contracts: `process` (processor
 * transform), `processRouterDest` (router transform) and `networkHandler` (v1 delivery proxy). It translates;
 * the core in src/ decides (validation, hashing, consent, time, dedupe, Microsoft's codes). See docs/rudderstack.md.
 */
export { process } from './process'
export { processRouterDest } from './router'
export { networkHandler, responseHandler, prepareProxy, processAxiosResponse } from './network-handler'
export { DESTINATION_TYPE } from './constants'
export { parseDestinationConfig, type DestinationSettings } from './destination-config'
export type * from './contracts/rudder-types'
