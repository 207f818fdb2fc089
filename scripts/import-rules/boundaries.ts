/** Import boundaries: files under one folder may reach into another folder only through the files it allows. */
import path from 'node:path'
import type { ImportGraph } from './import-graph'

export interface Boundary {
  /** The folder whose files are held to the boundary. */
  from: string
  /** The folder they may not reach into… */
  into: string
  /** …except through these files of it. */
  allowed: readonly string[]
}

export interface BoundaryViolation {
  file: string
  imports: string
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

export function boundaryViolations(graph: ImportGraph, boundary: Boundary): BoundaryViolation[] {
  const allowed = new Set(boundary.allowed.map((file) => path.resolve(file)))
  const violations: BoundaryViolation[] = []
  for (const [file, targets] of graph) {
    if (!isInside(boundary.from, file)) continue
    for (const target of targets)
      if (isInside(boundary.into, target) && !allowed.has(target)) violations.push({ file, imports: target })
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.imports.localeCompare(b.imports))
}

export interface ImportBan {
  /** The folder whose files are held to the ban. */
  from: string
  /** The files they may not import… */
  banned: readonly string[]
  /** …except these importers. */
  except: readonly string[]
}

/** Direct imports of banned files by files under `from` (other than the exceptions). */
export function bannedImports(graph: ImportGraph, ban: ImportBan): BoundaryViolation[] {
  const banned = new Set(ban.banned.map((file) => path.resolve(file)))
  const except = new Set(ban.except.map((file) => path.resolve(file)))
  const violations: BoundaryViolation[] = []
  for (const [file, targets] of graph) {
    if (!isInside(ban.from, file) || except.has(file)) continue
    for (const target of targets) if (banned.has(target)) violations.push({ file, imports: target })
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.imports.localeCompare(b.imports))
}
