import { readFileSync, writeFileSync } from 'fs'
import * as path from 'path'
import { actionsReference, presetsTable, settingsTable } from './docs/fields-reference'
import { replaceBlock } from './docs/generated-blocks'
import {
  capiCodesTable,
  identityErrorsTable,
  microsoftCodesTable,
  ownReasonsTable,
  unattributedReasonsTable
} from './docs/troubleshooting-tables'

/** Every generated block of every doc page: `npm run docs` writes them, `npm test` checks they are current. */
export const GENERATED_PAGES: Record<string, Record<string, () => string>> = {
  'docs/fields.md': {
    settings: settingsTable,
    actions: actionsReference,
    presets: presetsTable
  },
  'docs/troubleshooting.md': {
    'unattributed-reasons': unattributedReasonsTable,
    'microsoft-codes': microsoftCodesTable,
    'own-reasons': ownReasonsTable,
    'capi-codes': capiCodesTable,
    'identity-errors': identityErrorsTable
  }
}

const ROOT = path.resolve(__dirname, '..')

export function renderPage(file: string, current: string): string {
  let document = current
  for (const [name, render] of Object.entries(GENERATED_PAGES[file])) document = replaceBlock(document, name, render())
  return document
}

export function stalePages(): string[] {
  return Object.keys(GENERATED_PAGES).filter((file) => {
    const current = readFileSync(path.join(ROOT, file), 'utf8')
    return renderPage(file, current) !== current
  })
}

if (require.main === module) {
  for (const file of Object.keys(GENERATED_PAGES)) {
    const target = path.join(ROOT, file)
    const current = readFileSync(target, 'utf8')
    const next = renderPage(file, current)
    if (next !== current) writeFileSync(target, next)
    process.stdout.write(`${next !== current ? 'updated' : 'current'} ${file}\n`)
  }
}
