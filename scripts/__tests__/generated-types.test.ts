import { execFileSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

// The generator runs in its own process: json-schema-to-typescript formats with prettier 3, whose dynamic
// imports jest's CommonJS runtime cannot load.
function checkGeneratedTypes(): { status: number; output: string } {
  try {
    const output = execFileSync(
      process.execPath,
      ['--conditions=msads-source', '-r', 'ts-node/register/transpile-only', 'scripts/generate-types.ts', '--check'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe'
      }
    )
    return { status: 0, output }
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string }
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` }
  }
}

describe('generated-types.ts', () => {
  it('are current with the field definitions (run npm run types after changing a field)', () => {
    const result = checkGeneratedTypes()
    expect(result.output).toContain('Generated types are current.')
    expect(result.status).toBe(0)
  })
})
