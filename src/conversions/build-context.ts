import { rejected, type Outcome, type OutcomeWarning } from '../outcome'
import { detailText, fieldLabel, InputError, kindOf, type FieldNames, type NeutralField } from './input-error'
import type { CoreOptions } from './inputs'

/** What a builder needs from the options, resolved once per batch rather than per event. */
export interface BuildContext {
  nowMs: number
  options: CoreOptions
}

export function buildContext(options: CoreOptions = {}): BuildContext {
  return { nowMs: (options.now ?? Date.now)(), options }
}

/**
 * Collects every rule an event breaks, so one rejected outcome can name them all. In the optimistic mode it collects
 * nothing: the first broken rule throws, and `withViolations` runs the builder again in the collecting mode. Valid
 * events, nearly all of them, so pay for no guard around each field.
 */
export class Violations {
  private list: InputError[] | undefined

  constructor(private readonly collecting = true) {}

  /** Allocated on the first error: most events have none. */
  get errors(): readonly InputError[] {
    return this.list ?? []
  }

  /** Runs a check; an InputError is recorded and `undefined` returned, anything else propagates. */
  check<T>(fn: () => T): T | undefined {
    if (!this.collecting) return fn()
    try {
      return fn()
    } catch (error) {
      return this.recorded(error)
    }
  }

  /** `check` without a closure, for the hot path: calls `fn(a, b, c)`. */
  apply<A, B, C, T>(fn: (a: A, b: B, c: C) => T, a: A, b: B, c: C): T | undefined {
    if (!this.collecting) return fn(a, b, c)
    try {
      return fn(a, b, c)
    } catch (error) {
      return this.recorded(error)
    }
  }

  private recorded(error: unknown): undefined {
    if (error instanceof InputError) {
      ;(this.list ??= []).push(error)
      return undefined
    }
    throw error
  }

  add(field: NeutralField, rule: string, detail: string): void {
    const error = new InputError(field, rule, detail)
    if (!this.collecting) throw error
    ;(this.list ??= []).push(error)
  }

  get any(): boolean {
    return this.list !== undefined
  }

  toOutcome(names?: FieldNames): Outcome {
    const [first] = this.errors
    const message = this.errors.map((e) => `${fieldLabel(e.field, names)} ${detailText(e.detail, names)}`).join('; ')
    return rejected('invalid_input', `${message}.`, { field: fieldLabel(first.field, names), rule: first.rule })
  }
}

// In the optimistic mode a Violations holds nothing (the first rule broken throws), so one instance serves every event.
const OPTIMISTIC = new Violations(false)

/** Runs a builder optimistically, and once more collecting every broken rule only when the first run met one. */
export function withViolations<I, T>(
  build: (input: I, context: BuildContext, violations: Violations) => T,
  input: I,
  context: BuildContext
): T {
  try {
    return build(input, context, OPTIMISTIC)
  } catch (error) {
    if (error instanceof InputError) return build(input, context, new Violations(true))
    throw error
  }
}

/** A dropped optional field, worded like an input error: `phone cannot be read as a phone number…`. */
export function warningFor(field: NeutralField, rule: string, detail: string, names?: FieldNames): OutcomeWarning {
  const label = fieldLabel(field, names)
  return { field: label, rule, message: `${label} ${detail}` }
}

export function optionalText(value: unknown, field: NeutralField, maxLength?: number): string | undefined {
  if (value === undefined || value === null) return undefined
  const given = typeof value === 'number' && Number.isFinite(value) ? String(value) : value
  if (typeof given !== 'string') throw new InputError(field, 'type', `must be a string, not ${kindOf(given)}`)
  const text = given.trim()
  if (text === '') return undefined
  if (maxLength !== undefined && text.length > maxLength)
    throw new InputError(field, 'max_length', `must be at most ${maxLength} characters`)
  return text
}

export function requiredText(value: unknown, field: NeutralField, maxLength?: number): string {
  const text = optionalText(value, field, maxLength)
  if (text === undefined) throw new InputError(field, 'required', 'is required')
  return text
}
