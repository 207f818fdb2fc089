import { readdirSync, readFileSync } from 'fs'
import { dirname, join, relative, resolve } from 'path'

const CLI = resolve(__dirname, '..')
const EMULATOR = resolve(__dirname, '../../emulator')
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)'([^']+)'/g

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return typeScriptFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every module of src/emulator that a file of src/cli names, other than the emulator's index. */
function emulatorInternals(file: string, source: string): string[] {
  return [...source.matchAll(SPECIFIER)]
    .map((match) => match[1])
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier))
    .filter((target) => target.startsWith(`${EMULATOR}/`) && target !== join(EMULATOR, 'index'))
    .map((target) => relative(EMULATOR, target))
}

describe('src/cli and the emulator', () => {
  it('src/cli imports the emulator only through src/emulator/index.ts', () => {
    const offending = typeScriptFiles(CLI)
      .map((file) => ({ file: relative(CLI, file), internals: emulatorInternals(file, readFileSync(file, 'utf8')) }))
      .filter(({ internals }) => internals.length > 0)
    expect(offending).toEqual([])
  })

  it('sees an import of an emulator internal, and lets one of the index through', () => {
    // Spelled in pieces, so that this file does not name an internal itself.
    const internal = ['..', '..', 'emulator', 'start'].join('/')
    const source = `import { startEmulator } from '${internal}'\nimport { DEFAULT_SEED } from '../../emulator'\n`
    expect(emulatorInternals(join(CLI, 'send', 'probe.ts'), source)).toEqual(['start'])
  })
})
