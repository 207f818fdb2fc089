import path from 'node:path'
import ts from 'typescript'
import { boundaryViolations } from '../import-rules/boundaries'
import { findCycles } from '../import-rules/cycles'
import { buildImportGraph, type ImportGraph, type SourceHost } from '../import-rules/import-graph'

const ROOT = path.resolve('/virtual/project')
const OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }

/** A project held in memory: file name (relative to ROOT) to text. */
function inMemory(files: Record<string, string>): { host: SourceHost; names: string[] } {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]))
  return {
    host: { fileExists: (file) => texts.has(file), readFile: (file) => texts.get(file) },
    names: [...texts.keys()]
  }
}

const relative = (graph: ImportGraph): Record<string, string[]> =>
  Object.fromEntries(
    [...graph].map(([file, targets]) => [
      path.relative(ROOT, file),
      targets.map((target) => path.relative(ROOT, target))
    ])
  )

describe('the import graph', () => {
  it('follows import, export from, import(), require() and import type, resolved as the compiler does', () => {
    const { host, names } = inMemory({
      'src/a.ts': "import { b } from './b'\nexport { c } from './lib/c'\nconst d = () => import('./d')\n",
      'src/b.ts': "import type { E } from './e'\nconst lib = require('./lib')\nexport const b = 1\n",
      'src/lib/c.ts': 'export const c = 1\n',
      'src/lib/index.ts': "import fs from 'fs'\nimport { missing } from './nowhere'\n",
      'src/d.ts': '',
      'src/e.ts': 'export type E = 1\n'
    })
    expect(relative(buildImportGraph(names, OPTIONS, host))).toEqual({
      'src/a.ts': ['src/b.ts', 'src/d.ts', 'src/lib/c.ts'],
      'src/b.ts': ['src/e.ts', 'src/lib/index.ts'],
      'src/lib/c.ts': [],
      'src/lib/index.ts': [],
      'src/d.ts': [],
      'src/e.ts': []
    })
  })

  it('finds a deliberate cycle and reports its path', () => {
    const { host, names } = inMemory({
      'src/a.ts': "import './b'\n",
      'src/b.ts': "import './c'\n",
      'src/c.ts': "import './a'\nimport './d'\n",
      'src/d.ts': ''
    })
    const cycles = findCycles(buildImportGraph(names, OPTIONS, host))
    expect(cycles.map((cycle) => cycle.map((file) => path.relative(ROOT, file)))).toEqual([
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts']
    ])
  })
})

describe('cycles', () => {
  const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges))

  it('finds none in a graph that only shares dependencies', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([])
  })

  it('reports one shortest cycle per tangle, and a file that imports itself', () => {
    const cycles = findCycles(
      graph({ a: ['b'], b: ['c', 'x'], c: ['a', 'b'], x: [], self: ['self'], p: ['q'], q: ['p'] })
    )
    expect(cycles).toEqual([
      ['a', 'b', 'c', 'a'],
      ['p', 'q', 'p'],
      ['self', 'self']
    ])
  })
})

describe('boundaries', () => {
  it('lets a folder reach into another only through the files it allows', () => {
    const file = (name: string) => path.join(ROOT, name)
    const graph: ImportGraph = new Map([
      [file('src/cli/a.ts'), [file('src/emulator/index.ts'), file('src/core.ts')]],
      [file('src/cli/nested/b.ts'), [file('src/emulator/start.ts')]],
      [file('src/other.ts'), [file('src/emulator/start.ts')]],
      [file('src/emulator/index.ts'), [file('src/emulator/start.ts')]]
    ])
    const violations = boundaryViolations(graph, {
      from: file('src/cli'),
      into: file('src/emulator'),
      allowed: [file('src/emulator/index.ts')]
    })
    expect(violations).toEqual([{ file: file('src/cli/nested/b.ts'), imports: file('src/emulator/start.ts') }])
  })
})
