import validateMapping from '@segment/actions-core/mapping-kit/validate'
import { getLiquidKeys } from '@segment/actions-core/mapping-kit/liquid-directive'
import { redactText } from '../../support/redact'

/** The longest problem text a caller is shown: the key and the directive, never an engine's stack or a path. */
const MAX_PROBLEM_LENGTH = 300

function firstLine(text: string): string {
  const line = text.split('\n').find((part) => part.trim()) ?? ''
  return redactText(line.trim()).slice(0, MAX_PROBLEM_LENGTH)
}

/**
 * The problems in actions-core's validation error. Each reads `/key/... <what is wrong>.`; an AggregateError (several
 * problems) holds them in its message among their stack lines, which are dropped.
 */
function validationMessages(error: unknown): string[] {
  const text = error instanceof Error ? error.message : String(error)
  const problems = text
    .split('\n')
    .map((line) => line.trim().replace(/^ValidationError: /, ''))
    .filter((line) => line.startsWith('/'))
    .map(firstLine)
  return problems.length ? problems : [firstLine(text)]
}

/** Each `@liquid` template of a mapping with where it is (`/conversion_name`). */
function liquidTemplates(value: unknown, path: string[] = []): Array<{ at: string; template: unknown }> {
  if (!value || typeof value !== 'object') return []
  if (Array.isArray(value)) return value.flatMap((item, index) => liquidTemplates(item, [...path, String(index)]))
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    key === '@liquid' ? [{ at: `/${path.join('/')}`, template: child }] : liquidTemplates(child, [...path, key])
  )
}

/**
 * What is wrong with a mapping before any event runs through it, as actions-core would find it at run time (an
 * unknown directive, a directive's value of the wrong type, a Liquid template that does not parse), or undefined.
 * Each problem names the key and the directive; an engine's stack or a server path never leaves this function.
 */
export function mappingProblems(mapping: unknown): string[] {
  try {
    validateMapping(mapping)
  } catch (error) {
    return validationMessages(error)
  }
  const problems: string[] = []
  for (const { at, template } of liquidTemplates(mapping)) {
    if (typeof template !== 'string') continue
    try {
      getLiquidKeys(template)
    } catch (error) {
      problems.push(`${at} @liquid template does not parse: ${firstLine(error instanceof Error ? error.message : '')}`)
    }
  }
  return problems
}
