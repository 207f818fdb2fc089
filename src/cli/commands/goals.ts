import { GoalCategorySchema } from '../../microsoft/models/goals'
import { OFFLINE_GOAL_CATEGORIES, MAX_CONVERSION_WINDOW_DAYS, offlineGoal } from '../../microsoft/offline-goal'
import { CampaignSession } from '../host/campaign-session'
import { reportFailure } from '../errors'
import { EXIT, type CliIo } from '../io'
import { formatTable } from '../output/table'
import { withAccountSession } from './account-session'

interface GoalsOptions {
  config?: string
  json?: boolean
  emulatorPort?: number
}

/** `msads goals list`: the account's offline conversion goals. */
export async function runGoalsList(options: GoalsOptions, io: CliIo): Promise<number> {
  try {
    const goals = await withAccountSession(options, io, ({ settings, tokens }) =>
      new CampaignSession(settings, tokens).call((client) =>
        client.getConversionGoals({ types: ['OfflineConversion'], additionalFields: 'GoalCategory' })
      )
    )
    if (options.json) {
      io.stdout.write(`${JSON.stringify(goals, null, 2)}\n`)
      return EXIT.ok
    }
    if (!goals.length) {
      io.stdout.write('The account has no offline conversion goals. Create one with: msads goals create "Purchase"\n')
      return EXIT.ok
    }
    const rows = goals.map((goal) => [
      String(goal.Id ?? ''),
      goal.Name ?? '',
      goal.GoalCategory ?? '',
      goal.Status ?? '',
      goal.CountType ?? '',
      goal.ConversionWindowInMinutes ? `${Math.round(goal.ConversionWindowInMinutes / 1440)} d` : '',
      goal.Revenue?.Type ?? ''
    ])
    io.stdout.write(`${formatTable(['Id', 'Name', 'Category', 'Status', 'Count', 'Window', 'Revenue'], rows)}\n`)
    return EXIT.ok
  } catch (error) {
    return reportFailure('goals list', error, io)
  }
}

interface CreateGoalOptions extends GoalsOptions {
  category?: string
  windowDays?: string
}

/** `msads goals create NAME`: an account-level offline conversion goal whose conversions carry their own value. */
export async function runGoalsCreate(name: string, options: CreateGoalOptions, io: CliIo): Promise<number> {
  const category = options.category ?? 'Purchase'
  const parsedCategory = GoalCategorySchema.safeParse(category)
  if (!parsedCategory.success || !OFFLINE_GOAL_CATEGORIES.includes(parsedCategory.data)) {
    io.stderr.write(`msads goals create: --category must be one of ${OFFLINE_GOAL_CATEGORIES.join(', ')}\n`)
    return EXIT.usage
  }
  const days = Number(options.windowDays ?? MAX_CONVERSION_WINDOW_DAYS)
  if (!Number.isInteger(days) || days < 1 || days > MAX_CONVERSION_WINDOW_DAYS) {
    io.stderr.write(
      `msads goals create: --window-days must be a whole number from 1 to ${MAX_CONVERSION_WINDOW_DAYS}\n`
    )
    return EXIT.usage
  }
  if (!name.trim()) {
    io.stderr.write('msads goals create: the goal name must not be empty\n')
    return EXIT.usage
  }
  try {
    const goal = offlineGoal({ name, category: parsedCategory.data, conversionWindowDays: days })
    const result = await withAccountSession(options, io, ({ settings, tokens }) =>
      new CampaignSession(settings, tokens).call((client) => client.addConversionGoals([goal]))
    )
    const id = result.ids[0]
    if (!id) {
      const error = result.errors[0]
      io.stderr.write(
        `msads goals create: Microsoft refused the goal${error ? `: [${error.Code} ${error.ErrorCode}] ${error.Message}` : '.'}\n`
      )
      return EXIT.failed
    }
    if (options.json)
      io.stdout.write(`${JSON.stringify({ id, name: name.trim(), category: parsedCategory.data, windowDays: days })}\n`)
    else
      io.stdout.write(
        `Created offline conversion goal ${id} "${name.trim()}" (${parsedCategory.data}, ${days}-day window). Microsoft accepts its conversions about two hours after creation.\n`
      )
    return EXIT.ok
  } catch (error) {
    return reportFailure('goals create', error, io)
  }
}
