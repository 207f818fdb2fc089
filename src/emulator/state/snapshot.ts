import { goalView } from '../campaign/goal-view'
import type { EmulatorState } from './emulator-state'
import type { RecordBook } from './record-book'

const ALL_GOAL_FIELDS = new Set([
  'GoalCategory',
  'IsExternallyAttributed',
  'ViewThroughConversionWindowInMinutes',
  'AttributionModelType',
  'IsEnhancedConversionsEnabled',
  'IsAutoGoal'
])

function bookView(book: RecordBook<unknown>, withRecords: boolean) {
  return {
    count: book.count,
    duplicates: book.duplicateCount,
    ...(withRecords ? { records: book.records() } : {}),
    duplicatesSeen: book.duplicatesSeen()
  }
}

/**
 * What GET /__emulator/state answers: every accepted record per kind and scope (account id, or tag id for CAPI),
 * the duplicates seen with their keys, requests by route and HTTP status, faults injected and token activity.
 */
export function stateSnapshot(state: EmulatorState, withRecords = true) {
  const { records, directory } = state
  return {
    offlineConversions: bookView(records.offlineConversions, withRecords),
    offlineConversionAdjustments: bookView(records.offlineConversionAdjustments, withRecords),
    onlineConversionAdjustments: bookView(records.onlineConversionAdjustments, withRecords),
    capiEvents: bookView(records.capiEvents, withRecords),
    uetTagEvents: bookView(records.uetTagEvents, withRecords),
    requests: state.counters.requestsByRoute(),
    faultsInjected: state.counters.faultsByKind(),
    tokens: { refreshesIssued: state.tokens.refreshesIssued, codesRedeemed: state.tokens.codesRedeemed },
    goals: [...directory.goals.values()].map((goal) => ({
      ...goalView(goal, ALL_GOAL_FIELDS),
      CreatedAt: new Date(goal.createdAt).toISOString()
    })),
    uetTags: [...directory.tags.values()].map((tag) => ({
      Id: tag.id,
      Name: tag.name,
      CustomerId: tag.customerId,
      CapiToken: tag.capiToken
    })),
    clicks: [...directory.clicks].map(([msclkid, click]) => ({
      msclkid,
      clickTime: new Date(click.clickTime).toISOString()
    })),
    faults: state.faults.config,
    bulk: state.bulk.summary(),
    options: state.options
  }
}

export type StateSnapshot = ReturnType<typeof stateSnapshot>
