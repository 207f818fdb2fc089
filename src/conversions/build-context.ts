import { rejected, type Outcome } from '../outcome'
import { fieldLabel, InputError, type FieldNames, type NeutralField } from './input-error'
import type { CoreOptions } from './inputs'

/** What a builder needs from the options, resolved once per batch rather than per event. */
export interface BuildContext {
  nowMs: number
  options: CoreOptions
}

export function buildContext(options: CoreOptions = {}): BuildContext {
  return { nowMs: (options.now ?? Date.now)(), options }
}

/** Collects every rule an event breaks, so one rejected outcome can name them all. */
export class Violations {
  private list: InputError[] | undefined

  /** Allocated on the first error: most events have none. */
  get errors(): readonly InputError[] {
    return this.list ?? []
  }

  /** Runs a check; an InputError is recorded and `undefined` returned, anything else propagates. */
  check<T>(fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      return this.recorded(error)
    }
  }

  /** `check` without a closure, for the hot path: calls `fn(a, b, c)`. */
  apply<A, B, C, T>(fn: (a: A, b: B, c: C) => T, a: A, b: B, c: C): T | undefined {
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
    ;(this.list ??= []).push(new InputError(field, rule, detail))
  }

  get any(): boolean {
    return this.list !== undefined
  }

  toOutcome(names?: FieldNames): Outcome {
    const [first] = this.errors
    const message = this.errors.map((e) => `${fieldLabel(e.field, names)} ${e.detail}`).join('; ')
    return rejected('invalid_input', `${message}.`, { field: fieldLabel(first.field, names), rule: first.rule })
  }
}

export function optionalText(value: unknown, field: NeutralField, maxLength?: number): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value)
  if (typeof value !== 'string') throw new InputError(field, 'type', 'must be a string')
  const text = value.trim()
  if (text === '') return undefined
  if (maxLength !== undefined && text.length > maxLength) throw new InputError(field, 'max_length', `must be at most ${maxLength} characters`)
  return text
}

export function requiredText(value: unknown, field: NeutralField, maxLength?: number): string {
  const text = optionalText(value, field, maxLength)
  if (text === undefined) throw new InputError(field, 'required', 'is required')
  return text
}
