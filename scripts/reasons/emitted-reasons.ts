/**
 * The reasons the source emits as string literals: the first argument of an outcome constructor (`rejected('x', …)`),
 * a `reason:` property, a `…_REASON = '…'` constant. Read as text, so a test can hold every one against the tables.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export interface EmittedReason {
  reason: string
  file: string
  line: number
}

const CONSTRUCTOR_CALL = /\b(?:skipped|rejected|retry|authFailure|foreignReason)\(/g
const REASON_PROPERTY = /\breason:\s*/g
const REASON_CONSTANT = /\bconst\s+[A-Z_]*REASON[A-Z_]*\s*=\s*/g
const STRING_LITERAL = /'((?:[^'\\\n]|\\.)*)'/g
const REASON_SHAPE = /^[A-Za-z][A-Za-z0-9_]*$/

/** Comments are no emission; a `//` inside a string literal is kept. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '')
}

/**
 * The text of one expression from `start`: up to the first comma or closing bracket at depth 0, or (for a property or
 * a constant, `endsAtLine`) the end of the line.
 */
function expressionAt(source: string, start: number, endsAtLine: boolean): string {
  let depth = 0
  let quote: string | undefined
  for (let index = start; index < source.length; index += 1) {
    const char = source[index]
    if (quote) {
      if (char === '\\') index += 1
      else if (char === quote) quote = undefined
    } else if (char === "'" || char === '"' || char === '`') quote = char
    else if ('([{'.includes(char)) depth += 1
    else if (')]}'.includes(char)) {
      if (depth === 0) return source.slice(start, index)
      depth -= 1
    } else if (depth === 0 && (char === ',' || char === ';' || (endsAtLine && char === '\n')))
      return source.slice(start, index)
  }
  return source.slice(start)
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length
}

/** Every reason literal in one file's text. */
export function reasonsIn(source: string, file: string): EmittedReason[] {
  const text = withoutComments(source)
  const found: EmittedReason[] = []
  for (const pattern of [CONSTRUCTOR_CALL, REASON_PROPERTY, REASON_CONSTANT]) {
    for (const match of text.matchAll(pattern)) {
      const start = (match.index ?? 0) + match[0].length
      const expression = expressionAt(text, start, pattern !== CONSTRUCTOR_CALL)
      for (const literal of expression.matchAll(STRING_LITERAL)) {
        if (REASON_SHAPE.test(literal[1])) found.push({ reason: literal[1], file, line: lineOf(text, start) })
      }
    }
  }
  return found
}

function sourceFiles(dir: string, skip: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (skip(path)) return []
    if (statSync(path).isDirectory()) return sourceFiles(path, skip)
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
  })
}

/**
 * The reasons emitted under these folders of `root`, tests, generated files and the emulator (which writes
 * Microsoft's wire formats, not outcomes) left out.
 */
export function emittedReasons(
  root: string,
  folders: readonly string[],
  skip: (path: string) => boolean
): EmittedReason[] {
  return folders.flatMap((folder) =>
    sourceFiles(
      join(root, folder),
      (path) => /__tests__|node_modules/.test(path) || skip(relative(root, path))
    ).flatMap((path) => reasonsIn(readFileSync(path, 'utf8'), relative(root, path)))
  )
}
