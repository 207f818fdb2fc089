import { microsoftOperation } from '../microsoft-requests'

describe('Microsoft requests', () => {
  it('knows which Microsoft operation a URL calls', () => {
    expect(
      microsoftOperation(
        'https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply',
        {}
      )
    ).toBe('applyOfflineConversions')
    expect(microsoftOperation('https://capi.uet.microsoft.com/v1/123/events', {})).toBe('capi')
    expect(microsoftOperation('https://login.microsoftonline.com/common/oauth2/v2.0/token', {})).toBe('token')
    expect(
      microsoftOperation('http://127.0.0.1:9/CampaignManagement/v13/UetTags/QueryByIds', {
        MSADS_API_BASE_URL: 'http://127.0.0.1:9'
      })
    ).toBe('getUetTagsByIds')
    expect(microsoftOperation('https://example.com/', {})).toBeUndefined()
  })
})
