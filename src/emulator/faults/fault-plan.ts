import { seededRandom, type Random } from '../../support/prng'
import { APPLY_ROUTES, BULK_ROUTES, CAMPAIGN_ROUTES, type RouteId } from '../routes'

export const FAULT_KINDS = ['http500', 'http503', 'throttle', 'slow', 'drop', 'tokenExpiry', 'partialErrors'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/** Route groups accepted in `routes`, besides single route names. */
const ROUTE_GROUPS: Record<string, readonly RouteId[]> = {
  identity: ['token', 'authorize'],
  campaign: CAMPAIGN_ROUTES,
  apply: [...APPLY_ROUTES],
  bulk: BULK_ROUTES,
  capi: ['capi']
}
const ALL_ROUTES: readonly RouteId[] = ['token', 'authorize', ...CAMPAIGN_ROUTES, ...BULK_ROUTES, 'capi']

/** Where each kind can happen: a 109 only means something to Campaign Management, a 5612 only to an Apply. */
const APPLIES_TO: Record<FaultKind, (route: RouteId) => boolean> = {
  http500: () => true,
  http503: () => true,
  throttle: () => true,
  slow: () => true,
  drop: () => true,
  tokenExpiry: (route) => (CAMPAIGN_ROUTES as readonly string[]).includes(route),
  partialErrors: (route) => APPLY_ROUTES.has(route)
}

export interface FaultConfig {
  /** Probability (0..1) that a request to a matching route is faulted. */
  rate: number
  kinds: FaultKind[]
  /** Route names or groups (identity, campaign, apply, capi); all routes when left out. */
  routes?: string[]
  /** How long `slow` holds a request before it gives up on it (default 35 s, past the core's 30 s timeout). */
  delayMs?: number
  /** PRNG seed: the same seed and the same request sequence give the same faults. */
  seed?: number
  /** Sent as Retry-After with `throttle` when set; no header when left out. */
  retryAfterSeconds?: number
  /** With `partialErrors`, the probability that each accepted item of a faulted Apply gets 5612 (default 0.5). */
  itemRate?: number
}

export const DEFAULT_SLOW_MS = 35_000
const DEFAULT_ITEM_RATE = 0.5

function validate(input: unknown): { config?: FaultConfig; problems: string[] } {
  const problems: string[] = []
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { problems: ['the fault configuration must be a JSON object'] }
  const raw = input as Record<string, unknown>
  const known = ['rate', 'kinds', 'routes', 'delayMs', 'seed', 'retryAfterSeconds', 'itemRate']
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`unknown key ${key}`)
  const rate = raw.rate ?? 0
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) problems.push('rate must be a number from 0 to 1')
  const kinds = raw.kinds ?? []
  if (!Array.isArray(kinds) || kinds.some((kind) => !(FAULT_KINDS as readonly unknown[]).includes(kind))) {
    problems.push(`kinds must be a list of: ${FAULT_KINDS.join(', ')}`)
  }
  if (raw.routes !== undefined) {
    const ok =
      Array.isArray(raw.routes) &&
      raw.routes.every(
        (route) =>
          typeof route === 'string' && (route in ROUTE_GROUPS || (ALL_ROUTES as readonly string[]).includes(route))
      )
    if (!ok) problems.push(`routes must be a list of: ${[...Object.keys(ROUTE_GROUPS), ...ALL_ROUTES].join(', ')}`)
  }
  for (const key of ['delayMs', 'seed', 'retryAfterSeconds'] as const) {
    const value = raw[key]
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0))
      problems.push(`${key} must be an integer >= 0`)
  }
  if (raw.itemRate !== undefined && (typeof raw.itemRate !== 'number' || !(raw.itemRate > 0 && raw.itemRate <= 1))) {
    problems.push('itemRate must be a number above 0 and at most 1')
  }
  if (problems.length) return { problems }
  return { config: raw as unknown as FaultConfig, problems }
}

/** Decides, request by request, whether and how to fail, from a seeded PRNG. */
export class FaultPlan {
  private current: FaultConfig = { rate: 0, kinds: [] }
  private routes: ReadonlySet<RouteId> = new Set(ALL_ROUTES)
  private random: Random = seededRandom(1)

  get config(): FaultConfig {
    return this.current
  }

  /** Replaces the configuration and restarts the PRNG from its seed. */
  configure(input: unknown): string[] {
    const { config, problems } = validate(input)
    if (!config) return problems
    this.current = { ...config, kinds: [...config.kinds] }
    this.routes = new Set(
      (config.routes ?? ['identity', 'campaign', 'capi']).flatMap((route) => ROUTE_GROUPS[route] ?? [route as RouteId])
    )
    this.random = seededRandom(config.seed ?? 1)
    return []
  }

  clear(): void {
    this.configure({ rate: 0, kinds: [] })
  }

  /** The fault for this request, if any. Consumes the PRNG only for routes some configured kind applies to. */
  pick(route: RouteId): FaultKind | undefined {
    const { rate, kinds } = this.current
    if (rate <= 0 || kinds.length === 0 || !this.routes.has(route)) return undefined
    const candidates = kinds.filter((kind) => APPLIES_TO[kind](route))
    if (candidates.length === 0) return undefined
    if (this.random() >= rate) return undefined
    return candidates[Math.floor(this.random() * candidates.length)]
  }

  /** For `partialErrors`: which of `count` accepted items fail with 5612 (at least one). */
  pickItems(count: number): boolean[] {
    const itemRate = this.current.itemRate ?? DEFAULT_ITEM_RATE
    const picked = Array.from({ length: count }, () => this.random() < itemRate)
    if (count > 0 && !picked.includes(true)) picked[Math.floor(this.random() * count)] = true
    return picked
  }

  get delayMs(): number {
    return this.current.delayMs ?? DEFAULT_SLOW_MS
  }

  get retryAfterSeconds(): number | undefined {
    return this.current.retryAfterSeconds
  }
}
