import { OFFLINE_GOAL_CATEGORIES, offlineGoal } from '../offline-goal'

describe('offlineGoal', () => {
  it('builds an account-level offline goal with a variable value and a 90-day window by default', () => {
    expect(offlineGoal({ name: ' Closed Won ' })).toEqual({
      Name: 'Closed Won',
      Type: 'OfflineConversion',
      Scope: 'Account',
      Status: 'Active',
      CountType: 'All',
      GoalCategory: 'Purchase',
      ConversionWindowInMinutes: 129_600,
      Revenue: { Type: 'VariableValue' }
    })
  })

  it('keeps the window within 1 to 90 days', () => {
    expect(offlineGoal({ name: 'a', conversionWindowDays: 30 }).ConversionWindowInMinutes).toBe(43_200)
    expect(offlineGoal({ name: 'a', conversionWindowDays: 400 }).ConversionWindowInMinutes).toBe(129_600)
    expect(offlineGoal({ name: 'a', conversionWindowDays: 0 }).ConversionWindowInMinutes).toBe(1440)
  })

  it('offers every category offline goals accept', () => {
    expect(OFFLINE_GOAL_CATEGORIES).toContain('SubmitLeadForm')
    expect(OFFLINE_GOAL_CATEGORIES).not.toContain('None')
    expect(OFFLINE_GOAL_CATEGORIES).not.toContain('Unknown')
    expect(OFFLINE_GOAL_CATEGORIES).not.toContain('Download')
    expect(OFFLINE_GOAL_CATEGORIES).toHaveLength(13)
  })
})
