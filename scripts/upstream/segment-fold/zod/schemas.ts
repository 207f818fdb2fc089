/**
 * The part of zod 3's API that the core's Microsoft models use, for the Segment export: segmentio/action-destinations
 * has no zod dependency, so the folded copy of the core imports this instead (scripts/upstream/segment-fold.ts).
 * Parsing follows zod 3: objects strip unknown keys unless `strict()` (refuse) or `passthrough()` (keep), a missing
 * optional key stays missing, `transform` runs after a successful parse. __tests__/upstream-zod-subset.test.ts
 * parses the same inputs with zod and with this and compares the results.
 */

export interface Issue {
  path: (string | number)[]
  message: string
}

export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: ParseError }

export class ParseError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '))
  }
}

type Check = (value: unknown, path: (string | number)[], issues: Issue[]) => unknown

const INVALID = Symbol('invalid')

export class ZodType<Output = unknown> {
  readonly _output!: Output
  constructor(protected readonly check: Check) {}

  /** The parsed value, or INVALID with the issues added. */
  _parse(value: unknown, path: (string | number)[], issues: Issue[]): unknown {
    return this.check(value, path, issues)
  }

  safeParse(value: unknown): SafeParseResult<Output> {
    const issues: Issue[] = []
    const data = this._parse(value, [], issues)
    return data === INVALID
      ? { success: false, error: new ParseError(issues) }
      : { success: true, data: data as Output }
  }

  parse(value: unknown): Output {
    const result = this.safeParse(value)
    if (!result.success) throw result.error
    return result.data
  }

  // `this['_output']`, not Output: called on a type parameter (`<T extends ZodTypeAny>(schema: T) => schema.optional()`)
  // the result keeps T's output, as zod's ZodOptional<T> does.
  optional(): ZodType<this['_output'] | undefined> {
    return new ZodType((value, path, issues) => (value === undefined ? undefined : this._parse(value, path, issues)))
  }

  nullable(): ZodType<this['_output'] | null> {
    return new ZodType((value, path, issues) => (value === null ? null : this._parse(value, path, issues)))
  }

  transform<Next>(map: (value: this['_output']) => Next): ZodType<Next> {
    return new ZodType((value, path, issues) => {
      const parsed = this._parse(value, path, issues)
      return parsed === INVALID ? INVALID : map(parsed as this['_output'])
    })
  }
}

export type ZodTypeAny = ZodType<any>
export type TypeOf<T extends ZodTypeAny> = T['_output']

function invalid(issues: Issue[], path: (string | number)[], message: string): typeof INVALID {
  issues.push({ path, message })
  return INVALID
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan'
  return typeof value
}

function primitive(name: string): Check {
  return (value, path, issues) => (typeName(value) === name ? value : invalid(issues, path, `expected ${name}`))
}

export class ZodString extends ZodType<string> {
  constructor(private readonly rules: ReadonlyArray<(value: string) => string | undefined> = []) {
    super((value, path, issues) => {
      if (typeof value !== 'string') return invalid(issues, path, 'expected string')
      const broken = rules.map((rule) => rule(value)).filter((message): message is string => message !== undefined)
      for (const message of broken) issues.push({ path, message })
      return broken.length ? INVALID : value
    })
  }

  min(length: number): ZodString {
    return new ZodString([...this.rules, (value) => (value.length >= length ? undefined : `shorter than ${length}`)])
  }

  regex(pattern: RegExp): ZodString {
    return new ZodString([...this.rules, (value) => (pattern.test(value) ? undefined : `does not match ${pattern}`)])
  }
}

export class ZodNumber extends ZodType<number> {
  constructor(
    private readonly integer = false,
    private readonly nonnegativeOnly = false
  ) {
    super((value, path, issues) => {
      if (typeName(value) !== 'number') return invalid(issues, path, 'expected number')
      if (integer && !Number.isInteger(value)) return invalid(issues, path, 'expected integer')
      return nonnegativeOnly && (value as number) < 0 ? invalid(issues, path, 'expected a number >= 0') : value
    })
  }

  int(): ZodNumber {
    return new ZodNumber(true, this.nonnegativeOnly)
  }

  nonnegative(): ZodNumber {
    return new ZodNumber(this.integer, true)
  }
}

export function string(): ZodString {
  return new ZodString()
}

export function number(): ZodNumber {
  return new ZodNumber()
}

export function boolean(): ZodType<boolean> {
  return new ZodType(primitive('boolean'))
}

export function unknown(): ZodType<unknown> {
  return new ZodType((value) => value)
}

export function literal<T extends string | number | boolean>(expected: T): ZodType<T> {
  return new ZodType((value, path, issues) =>
    value === expected ? value : invalid(issues, path, `expected ${JSON.stringify(expected)}`)
  )
}

export class ZodEnum<T extends readonly [string, ...string[]]> extends ZodType<T[number]> {
  constructor(readonly options: T) {
    super((value, path, issues) =>
      typeof value === 'string' && options.includes(value) ? value : invalid(issues, path, `expected one of ${options}`)
    )
  }
}

function enumType<T extends readonly [string, ...string[]]>(values: T): ZodEnum<T>
function enumType<T extends [string, ...string[]]>(values: T): ZodEnum<T>
function enumType<T extends readonly [string, ...string[]]>(values: T): ZodEnum<T> {
  return new ZodEnum(values)
}
export { enumType as enum }

export function array<T extends ZodTypeAny>(element: T): ZodType<TypeOf<T>[]> {
  return new ZodType((value, path, issues) => {
    if (!Array.isArray(value)) return invalid(issues, path, 'expected array')
    const parsed = value.map((item, index) => element._parse(item, [...path, index], issues))
    return parsed.includes(INVALID) ? INVALID : parsed
  })
}

type Shape = Record<string, ZodTypeAny>
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends TypeOf<S[K]> ? K : never }[keyof S]
type Flatten<T> = { [K in keyof T]: T[K] }
export type ObjectOutput<S extends Shape> = Flatten<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: TypeOf<S[K]> } & { [K in OptionalKeys<S>]?: TypeOf<S[K]> }
>

type UnknownKeys = 'strip' | 'strict' | 'passthrough'

export class ZodObject<S extends Shape, Output = ObjectOutput<S>> extends ZodType<Output> {
  constructor(
    readonly shape: S,
    unknownKeys: UnknownKeys = 'strip'
  ) {
    super((value, path, issues) => {
      if (typeName(value) !== 'object') return invalid(issues, path, 'expected object')
      const input = value as Record<string, unknown>
      const output: Record<string, unknown> = {}
      let failed = false
      for (const [key, schema] of Object.entries(shape)) {
        const parsed = schema._parse(input[key], [...path, key], issues)
        if (parsed === INVALID) failed = true
        else if (parsed !== undefined || key in input) output[key] = parsed
      }
      const extra = Object.keys(input).filter((key) => !(key in shape))
      if (unknownKeys === 'strict' && extra.length) return invalid(issues, path, `unrecognized keys ${extra}`)
      if (unknownKeys === 'passthrough') for (const key of extra) output[key] = input[key]
      return failed ? INVALID : output
    })
  }

  strict(): ZodObject<S, Output> {
    return new ZodObject(this.shape, 'strict')
  }

  passthrough(): ZodObject<S, Output & { [key: string]: unknown }> {
    return new ZodObject(this.shape, 'passthrough')
  }
}

export function object<S extends Shape>(shape: S): ZodObject<S> {
  return new ZodObject(shape)
}

export function union<T extends readonly [ZodTypeAny, ...ZodTypeAny[]]>(options: T): ZodType<TypeOf<T[number]>> {
  return new ZodType((value, path, issues) => {
    const tried: Issue[] = []
    for (const option of options) {
      const parsed = option._parse(value, path, tried)
      if (parsed !== INVALID) return parsed
    }
    return invalid(issues, path, `matches none of the ${options.length} allowed forms`)
  })
}

/** Same result as `union` on the shapes the models write: each option is an object with its own literal `key`. */
export function discriminatedUnion<T extends readonly [ZodTypeAny, ...ZodTypeAny[]]>(
  _key: string,
  options: T
): ZodType<TypeOf<T[number]>> {
  return union(options)
}

export type { TypeOf as infer }
