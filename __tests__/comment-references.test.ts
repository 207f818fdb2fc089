/**
 * A document the code cites is one a reader can open: a page of this repository (docs/*.md, README.md…) or a
 * public URL (Microsoft's pages on learn.microsoft.com). A bare `dailysummary.md` or a note kept outside the
 * repository points nowhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs'
import { join, relative } from 'path'

const ROOT = join(__dirname, '..')
const FOLDERS = ['src', 'destinations', 'fields', 'scripts', 'bench', '__tests__']
const DOCUMENT = /[\w./-]*\.md\b/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'fixtures') return []
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|js)$/.test(name) ? [path] : []
  })
}

/** Whether the `.md` name at `index` of `line` is part of a URL. */
function inUrl(line: string, index: number): boolean {
  const start = line.lastIndexOf(' ', index) + 1
  return /^[("'`]?https?:\/\//.test(line.slice(start, index + 1)) || /https?:\/\/\S*$/.test(line.slice(0, index))
}

/** `file:line name` for every cited document a reader cannot open. */
export function unreachableDocuments(text: string, file: string): string[] {
  const found: string[] = []
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(DOCUMENT)) {
      const name = match[0]
      if (inUrl(line, match.index ?? 0)) continue
      if (existsSync(join(ROOT, name)) && !name.startsWith('.')) continue
      found.push(`${file}:${index + 1} ${name}`)
    }
  })
  return found
}

describe('documents cited in the code', () => {
  it('are pages of this repository or public URLs', () => {
    const unreachable = FOLDERS.flatMap((folder) =>
      sourceFiles(join(ROOT, folder)).flatMap((path) =>
        unreachableDocuments(readFileSync(path, 'utf8'), relative(ROOT, path))
      )
    ).filter((entry) => !entry.startsWith('__tests__/comment-references.test.ts'))
    expect(unreachable).toEqual([])
  })

  it('tells a missing note from a repository page and a URL', () => {
    const text = [
      '// the outcome of DESIGN.md',
      '// (microsoft-api.md §5)',
      '// see docs/troubleshooting.md',
      '// https://learn.microsoft.com/advertising/campaign-management-service/dailysummary',
      '// dailysummary.md'
    ].join('\n')
    expect(unreachableDocuments(text, 'x.ts')).toEqual([
      'x.ts:1 DESIGN.md',
      'x.ts:2 microsoft-api.md',
      'x.ts:5 dailysummary.md'
    ])
  })
})
