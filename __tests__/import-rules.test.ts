/**
 * The import rules of the repository, on the graph the compiler resolves (scripts/import-rules): no import cycle in
 * src/ or destinations/, and the command line reaches the emulator only through src/emulator/index.ts.
 */
import path from 'node:path'
import { sourceFilesUnder } from '../scripts/upstream/folder'
import { boundaryViolations } from '../scripts/import-rules/boundaries'
import { findCycles } from '../scripts/import-rules/cycles'
import { buildImportGraph, compilerOptionsOf } from '../scripts/import-rules/import-graph'

const ROOT = path.resolve(__dirname, '..')
const at = (name: string): string => path.join(ROOT, name)
const named = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/')

const files = ['src', 'destinations'].flatMap((dir) => sourceFilesUnder(at(dir))).filter((file) => file.endsWith('.ts'))
const graph = buildImportGraph(files, compilerOptionsOf(at('tsconfig.json')))

describe('the import rules', () => {
  it('read the whole graph, the package importing itself as msads-conversions included', () => {
    expect(graph.size).toBeGreaterThan(300)
    expect(graph.get(at('destinations/segment/translate/settings.ts'))).toContain(at('src/index.ts'))
  })

  it('find no import cycle in src/ or destinations/', () => {
    expect(findCycles(graph).map((cycle) => cycle.map(named).join(' -> '))).toEqual([])
  })

  it('let the command line reach the emulator only through src/emulator/index.ts', () => {
    const violations = boundaryViolations(graph, {
      from: at('src/cli'),
      into: at('src/emulator'),
      allowed: [at('src/emulator/index.ts')]
    }).map(({ file, imports }) => `${named(file)} -> ${named(imports)}`)
    expect(violations).toEqual([])
  })
})
