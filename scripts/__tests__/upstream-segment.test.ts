import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { foreignImports } from '../upstream/check'
import { moduleSpecifiers, sourceFilesUnder } from '../upstream/folder'
import { checkProject, exportFolder, FOLDER } from '../upstream/segment'

let outDir: string
beforeEach(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'msads-upstream-test-'))
})
afterEach(() => rmSync(outDir, { recursive: true, force: true }))

describe('npm run upstream -- segment OUT_DIR', () => {
  it('writes the destination with fields/ folded in, importing only its own files, the package and actions-core', () => {
    const folder = exportFolder(outDir)
    expect(folder).toBe(path.join(outDir, FOLDER))
    const fields = readFileSync(path.join(folder, 'trackConversion', 'fields.ts'), 'utf8')
    expect(fields).toContain("from '../fields/email'")
    expect(readFileSync(path.join(folder, 'fields', 'email.ts'), 'utf8')).toContain('hashedPII')
    expect(foreignImports(folder, checkProject.allowedImports)).toEqual([])
    const specifiers = sourceFilesUnder(folder).flatMap((file) => moduleSpecifiers(readFileSync(file, 'utf8')))
    expect(specifiers).toContain('msads-conversions')
    expect(
      specifiers.filter((specifier) => /(^|\/)(src|fields)(\/|$)/.test(specifier) && specifier.startsWith('../..'))
    ).toEqual([])
  })

  it('leaves the emulator tests in this repository', () => {
    const folder = exportFolder(outDir)
    expect(sourceFilesUnder(folder).filter((file) => file.includes(`${path.sep}emulator${path.sep}`))).toEqual([])
  })
})

describe('the import check', () => {
  it('names each import that leaves the folder, and passes the package, host modules and built-ins', () => {
    const folder = path.join(outDir, 'folder')
    mkdirSync(path.join(folder, 'sub'), { recursive: true })
    writeFileSync(path.join(folder, 'own.ts'), 'export const own = 1\n')
    writeFileSync(
      path.join(folder, 'sub', 'index.ts'),
      [
        "import { own } from '../own'",
        "import { x } from '../../outside'",
        "import type { Outcome } from 'msads-conversions'",
        "import { createTestEvent } from '@segment/actions-core'",
        "import type { ActionHookDefinition } from '@segment/actions-core/destination-kit'",
        "import { readFileSync } from 'node:fs'",
        "import lodash from 'lodash'",
        "const later = require('axios')",
        "jest.mock('../../../src/emulator')"
      ].join('\n')
    )
    expect(foreignImports(folder, ['@segment/actions-core'])).toEqual([
      `${path.join('sub', 'index.ts')} imports ../../outside`,
      `${path.join('sub', 'index.ts')} imports lodash`,
      `${path.join('sub', 'index.ts')} imports axios`,
      `${path.join('sub', 'index.ts')} imports ../../../src/emulator`
    ])
  })
})
