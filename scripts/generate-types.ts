/**
 * Writes each generated-types.ts of the Segment destination from its field definitions, as Segment's
 * `./bin/run generate:types` does (packages/cli/src/commands/generate/types.ts in segmentio/action-destinations):
 * fields -> JSON schema (actions-core's fieldsToJsonSchema, titles and enums removed) -> TypeScript
 * (json-schema-to-typescript with only the banner and the monorepo's prettier settings), and for each hook of an
 * action, `<hook>Inputs` and `<hook>Outputs` after the Payload. `--check` writes nothing and exits 1 when a
 * checked-in file is stale.
 */
import { fieldsToJsonSchema, type InputField } from '@segment/actions-core'
import type { JSONSchema4 } from 'json-schema'
import { compile } from 'json-schema-to-typescript'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const SEGMENT_DIR = path.resolve(__dirname, '..', 'destinations', 'segment')
const BANNER = '// Generated file. DO NOT MODIFY IT BY HAND.'
// The prettier settings of segmentio/action-destinations' package.json, which its CLI passes as `style`.
const STYLE = { semi: false, singleQuote: true, printWidth: 120, trailingComma: 'none' as const }

type Fields = Record<string, unknown>

/** Titles and enums make json-schema-to-typescript emit named types; Segment's generator drops them too. */
function withoutTitlesAndEnums(schema: JSONSchema4): JSONSchema4 {
  const copy = { ...schema }
  delete copy.title
  delete copy.enum
  if (copy.type === 'object' && copy.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([key, value]) => [key, withoutTitlesAndEnums(value)])
    )
  } else if (copy.type === 'array' && copy.items && !Array.isArray(copy.items)) {
    copy.items = withoutTitlesAndEnums(copy.items)
  }
  return copy
}

function typesFor(fields: Fields, name: string): Promise<string> {
  const schema = withoutTitlesAndEnums(fieldsToJsonSchema(fields as Record<string, InputField>, { tsType: true }))
  return compile(schema, name, { bannerComment: BANNER, style: STYLE })
}

interface HookLike {
  inputFields?: Fields
  outputTypes?: Fields
}

async function hookTypes(hooks: Record<string, HookLike>): Promise<string> {
  let types = ''
  for (const [hookName, hook] of Object.entries(hooks)) {
    if (hook.inputFields) types += await typesFor(hook.inputFields, `${hookName}Inputs`)
    if (hook.outputTypes) types += await typesFor(hook.outputTypes, `${hookName}Outputs`)
  }
  return types
}

/** Every generated-types.ts of the destination: path -> expected content. */
export async function generatedTypes(): Promise<Map<string, string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const destination = require(path.join(SEGMENT_DIR, 'index.ts')).default as {
    authentication?: { fields: Fields }
    actions: Record<string, { fields: Fields; hooks?: Record<string, HookLike> }>
  }
  const files = new Map<string, string>()
  files.set(
    path.join(SEGMENT_DIR, 'generated-types.ts'),
    await typesFor(destination.authentication?.fields ?? {}, 'Settings')
  )
  for (const [slug, action] of Object.entries(destination.actions)) {
    let types = await typesFor(action.fields, 'Payload')
    if (action.hooks) types += await hookTypes(action.hooks)
    files.set(path.join(SEGMENT_DIR, slug, 'generated-types.ts'), types)
  }
  return files
}

function current(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check')
  const stale: string[] = []
  for (const [file, content] of await generatedTypes()) {
    if (current(file) === content) continue
    stale.push(path.relative(process.cwd(), file))
    if (!check) writeFileSync(file, content)
  }
  if (check && stale.length) {
    process.stderr.write(`Stale generated types (run npm run types): ${stale.join(', ')}\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(stale.length ? `Wrote ${stale.join(', ')}\n` : 'Generated types are current.\n')
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 1
  })
}
