/**
 * What the core needs to know about an account's offline goals before it sends: whether a goal has enhanced
 * conversions on. A hash-only conversion (no click id) to a goal without them is refused by Microsoft
 * (NotEligibleForEnhancedConversions: https://learn.microsoft.com/advertising/campaign-management-service/dailysummary;
 * Microsoft Advertising Help, "Enhanced conversions", https://help.ads.microsoft.com).
 * Reading them from an account is the client's job (src/microsoft/goal-facts.ts).
 */
export interface GoalFacts {
  /** True or false when the goal is known and Microsoft said; undefined when unknown (then Microsoft decides). */
  enhancedConversions(goalName: string): boolean | undefined
}
