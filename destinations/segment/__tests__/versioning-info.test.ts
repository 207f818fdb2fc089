import { CAPI_BASE_URL, CAMPAIGN_BASE_URL } from 'msads-conversions'
import { MICROSOFT_ADVERTISING_API_VERSION, UET_CONVERSIONS_API_VERSION } from '../versioning-info'

describe('versioning-info', () => {
  it("states the API versions of the core's endpoints", () => {
    expect(CAMPAIGN_BASE_URL.production).toContain(`/CampaignManagement/${MICROSOFT_ADVERTISING_API_VERSION}/`)
    expect(CAMPAIGN_BASE_URL.sandbox).toContain(`/CampaignManagement/${MICROSOFT_ADVERTISING_API_VERSION}/`)
    expect(CAPI_BASE_URL).toMatch(new RegExp(`/${UET_CONVERSIONS_API_VERSION}/$`))
  })
})
