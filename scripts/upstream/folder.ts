/** File-tree helpers the host exports share: copy a folder, list and rewrite the module specifiers of its files. */
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const SOURCE_FILE = /\.(ts|js)$/

/** Every file under `dir`, as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [file]
  })
}

export function sourceFilesUnder(dir: string): string[] {
  return filesUnder(dir).filter((file) => SOURCE_FILE.test(file) && !file.endsWith('.d.ts'))
}

/** Copies `from` to `to`, leaving out the paths (relative to `from`, with '/') that `leaveOut` names. */
export function copyFolder(from: string, to: string, leaveOut: readonly string[] = []): void {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(from, source).split(path.sep).join('/')
      return !leaveOut.some((left) => relative === left || relative.startsWith(`${left}/`))
    }
  })
}

// import/export ... from '...', import '...', require('...'), import('...'), jest.mock('...')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bjest\.mock\s*\(\s*)(['"])([^'"\n]+)\1/g

/** The module specifiers a source file names. */
export function moduleSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[2])
}

/** Rewrites each specifier of a file for which `rewrite` returns a new one. */
export function rewriteSpecifiers(file: string, rewrite: (specifier: string) => string | undefined): void {
  const text = readFileSync(file, 'utf8')
  const next = text.replace(SPECIFIER, (whole, quote: string, specifier: string) => {
    const replacement = rewrite(specifier)
    return replacement === undefined
      ? whole
      : whole.replace(`${quote}${specifier}${quote}`, `${quote}${replacement}${quote}`)
  })
  if (next !== text) writeFileSync(file, next)
}

/** A relative specifier from `fromFile` to `toFile`, without the extension, always starting with '.'. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = path.relative(path.dirname(fromFile), toFile).split(path.sep).join('/').replace(SOURCE_FILE, '')
  return relative.startsWith('.') ? relative : `./${relative}`
}

export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
