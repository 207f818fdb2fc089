import type { DestinationDefinition } from '@segment/actions-core'
import adjustConversion from './adjustConversion'
import { extendRequest } from './auth/request-headers'
import { refreshAccessToken } from './auth/refresh-access-token'
import { testAuthentication } from './auth/test-authentication'
import { DESTINATION_NAME, DESTINATION_SLUG } from './constants'
import type { Settings } from './generated-types'
import { presets } from './presets'
import { settingsFields } from './settings'
import trackConversion from './trackConversion'
import uetCapiEvent from './uetCapiEvent'

const destination: DestinationDefinition<Settings> = {
  name: DESTINATION_NAME,
  slug: DESTINATION_SLUG,
  mode: 'cloud',
  description:
    'Send offline conversions, restatements and retractions, and UET Conversions API events to Microsoft Advertising, each event with its own status.',
  authentication: {
    scheme: 'oauth2',
    fields: settingsFields,
    testAuthentication,
    refreshAccessToken
  },
  extendRequest,
  presets,
  actions: {
    trackConversion,
    adjustConversion,
    uetCapiEvent
  }
}

export default destination
