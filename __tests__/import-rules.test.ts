/**
 * The import rules of the repository, on the graph the compiler resolves (scripts/import-rules): no import cycle in
 * src/ or destinations/, the command line reaches the emulator only through src/emulator/index.ts, and the command
 * line never reads an outcome back out of a host's wire format.
 */
import path from 'node:path'
import { sourceFilesUnder } from '../scripts/upstream/folder'
import { bannedImports, boundaryViolations } from '../scripts/import-rules/boundaries'
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

  it('let no file of the command line parse a host wire format: outcomes stay data', () => {
    const violations = bannedImports(graph, {
      from: at('src/cli'),
      // The readers of outcomes written into answers: JSON bodies and statuses (outcome-json), Segment's MultiStatus
      // and results (the destination's outcome module), rudder-server's job statuses (the RudderStack job status).
      banned: [
        at('src/outcome-json.ts'),
        at('destinations/segment/translate/outcome.ts'),
        at('destinations/rudderstack/job-status.ts')
      ],
      except: [
        // serve's RudderStack host reads each job's status as rudder-server would: fidelity to the host is serve's product.
        at('src/cli/rudderstack/job-outcome.ts'),
        // serve's Segment host reports the status Segment acts on for each outcome (it reads no answer).
        at('src/cli/host/segment-host.ts')
      ]
    })
      // Tests build the answers they check.
      .filter(({ file }) => !file.includes(`${path.sep}__tests__${path.sep}`))
      .map(({ file, imports }) => `${named(file)} -> ${named(imports)}`)
    expect(violations).toEqual([])
  })
})
