/**
 * The fold of the Segment export: which files of this repository become which files of the folder, and each file's
 * imports rewritten for its new place. The destination keeps its layout; fields/ goes to `fields/`; the core modules
 * it reaches (from the names it imports as `msads-conversions`, followed through the core's own imports) go to
 * `core/` with src/'s layout; helpers under `__tests__` go to `__tests__/__helpers__/`, the folder the package's
 * jest does not run. Two packages action-destinations lacks are replaced by modules of segment-fold/: zod (a subset
 * of its API) and libphonenumber-js (an adapter over the google-libphonenumber the package has). Any other package
 * import is an error. Built on the TypeScript compiler: the checker says where each imported name is declared.
 */
import { builtinModules } from 'node:module'
import path from 'node:path'
import ts from 'typescript'
import { compilerOptionsOf } from '../import-rules/import-graph'
import { isInside, relativeSpecifier as fileSpecifier } from './folder'

const ROOT = path.resolve(__dirname, '..', '..')
const SOURCE = path.join(ROOT, 'src')
const FOLD = path.join(__dirname, 'segment-fold')
const PACKAGE_NAME = 'msads-conversions'

/** Package imports of the core and where the folded copy finds them instead. */
export const SUBSTITUTES: Readonly<Record<string, string>> = {
  zod: path.join(FOLD, 'zod', 'index.ts'),
  'libphonenumber-js/min': path.join(FOLD, 'host-only', 'libphonenumber.ts')
}

/** Packages the folder may import as they are: the host package's own dependencies. */
export const HOST_PACKAGES = ['@segment/actions-core', 'google-libphonenumber', 'nock', 'chance']

/** One file of the fold: where it comes from and where it goes, relative to the folder. */
export interface FoldedFile {
  source: string
  target: string
  text: string
}

interface Edit {
  start: number
  end: number
  text: string
}

/** A relative specifier without the extension, and without `/index` (the folder names the module). */
function relativeSpecifier(fromFile: string, toFile: string): string {
  return fileSpecifier(fromFile, toFile).replace(/(?<=[^.])\/index$/, '')
}

function isHelper(relative: string): boolean {
  const parts = relative.split(path.sep)
  return parts.at(-2) === '__tests__' && relative.endsWith('.ts') && !relative.endsWith('.test.ts')
}

/** Where a file of the destination goes in the folder. */
function destinationTarget(relative: string): string {
  if (!isHelper(relative)) return relative
  return path.join(path.dirname(relative), '__helpers__', path.basename(relative))
}

function specifierText(node: ts.Expression | undefined): string | undefined {
  return node && ts.isStringLiteral(node) ? node.text : undefined
}

function isPackage(specifier: string): boolean {
  return !specifier.startsWith('.') && !path.isAbsolute(specifier)
}

function isHostPackage(specifier: string): boolean {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return true
  return HOST_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))
}

export interface FoldInput {
  /** The destination folder (destinations/segment) and fields/, mapped as the folder keeps them. */
  destination: string
  fields: string
  /** Destination files left out, relative to `destination`. */
  leaveOut: (relative: string) => boolean
  /** A specifier a destination file should get instead of the one it has (the monorepo's own modules). */
  hostSpecifier?: (source: string, specifier: string) => string | undefined
}

/** Every file of the folder with its imports rewritten, sorted by target. */
export function foldSegment(input: FoldInput, files: { destination: string[]; fields: string[] }): FoldedFile[] {
  const options = compilerOptionsOf(path.join(ROOT, 'tsconfig.json'))
  const entry = [...files.destination, ...files.fields]
  const program = ts.createProgram(entry, { ...options, noEmit: true })
  const checker = program.getTypeChecker()

  const targets = new Map<string, string>()
  for (const file of files.destination) targets.set(file, destinationTarget(path.relative(input.destination, file)))
  for (const file of files.fields) targets.set(file, path.join('fields', path.relative(input.fields, file)))

  const resolve = (specifier: string, from: string): string | undefined => {
    const resolved = ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule
    return resolved && !resolved.isExternalLibraryImport ? path.resolve(resolved.resolvedFileName) : undefined
  }

  /** Adds a core file (and, through its imports, the files it needs) to the fold. */
  const pending: string[] = []
  const addCore = (file: string): string => {
    if (!targets.has(file)) {
      const replacement = isInside(FOLD, file)
      const target = replacement
        ? path.join('core', 'replacements', path.relative(FOLD, file).replace(/^host-only[/\\]/, ''))
        : path.join('core', path.relative(SOURCE, file))
      if (!replacement && !isInside(SOURCE, file)) throw new Error(`the fold reaches ${file}, outside src/`)
      targets.set(file, target)
      pending.push(file)
    }
    return file
  }

  const edits = new Map<string, Edit[]>()
  const queue = [...entry]
  const texts = new Map<string, ts.SourceFile>()
  while (queue.length || pending.length) {
    const file = queue.shift() ?? pending.shift()!
    if (texts.has(file)) continue
    const sourceFile =
      program.getSourceFile(file) ??
      ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
    texts.set(file, sourceFile)
    const fileEdits: Edit[] = []
    const fromTarget = targets.get(file)!

    const mapSpecifier = (specifier: string): string | undefined => {
      const host = input.hostSpecifier?.(file, specifier)
      if (host !== undefined) return host
      if (isPackage(specifier)) {
        const substitute = SUBSTITUTES[specifier]
        if (substitute) return relativeSpecifier(fromTarget, targets.get(addCore(substitute))!)
        if (isHostPackage(specifier)) return undefined
        throw new Error(`${path.relative(ROOT, file)} imports ${specifier}, which action-destinations does not have`)
      }
      const target = resolve(specifier, file)
      if (!target) throw new Error(`${path.relative(ROOT, file)}: cannot resolve ${specifier}`)
      if (!targets.has(target)) addCore(target)
      if (!queue.includes(target) && !texts.has(target) && !pending.includes(target)) pending.push(target)
      return relativeSpecifier(fromTarget, targets.get(target)!)
    }

    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        const specifier = specifierText(node.moduleSpecifier)!
        const replacement =
          specifier === PACKAGE_NAME
            ? importsOfCore(node, sourceFile, checker, (declaring) =>
                relativeSpecifier(fromTarget, targets.get(addCore(declaring))!)
              )
            : splitInlineTypes(node, sourceFile, mapSpecifier(specifier) ?? specifier)
        if (replacement !== undefined)
          fileEdits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: replacement })
        return
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(sourceFile)
        const literal = node.arguments[0]
        const specifier = specifierText(literal)
        const isModuleCall = ['require', 'jest.mock', 'jest.requireActual'].includes(callee)
        const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword
        if (specifier !== undefined && (isModuleCall || isDynamicImport)) {
          const mapped = mapSpecifier(specifier)
          if (mapped !== undefined)
            fileEdits.push({ start: literal.getStart(sourceFile), end: literal.getEnd(), text: `'${mapped}'` })
        }
      }
      ts.forEachChild(node, visit)
    }
    ts.forEachChild(sourceFile, visit)
    edits.set(file, fileEdits)
  }

  return [...targets]
    .map(([source, target]) => ({ source, target, text: applyEdits(texts.get(source)!.text, edits.get(source)!) }))
    .sort((a, b) => (a.target < b.target ? -1 : 1))
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end)
  return result
}

type Clause = ts.ImportDeclaration | ts.ExportDeclaration

function namedElements(node: Clause): readonly (ts.ImportSpecifier | ts.ExportSpecifier)[] | undefined {
  if (ts.isImportDeclaration(node)) {
    const bindings = node.importClause?.namedBindings
    return bindings && ts.isNamedImports(bindings) && !node.importClause?.name ? bindings.elements : undefined
  }
  return node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined
}

function isWholeTypeOnly(node: Clause): boolean {
  return ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly
}

/** `{ a, b as c }` lines: the value names, then the type-only names in their own `import type` (or export type). */
function declarations(
  keyword: 'import' | 'export',
  groups: ReadonlyArray<{ specifier: string; values: string[]; types: string[] }>
): string {
  const lines: string[] = []
  for (const { specifier, values, types } of groups) {
    if (values.length) lines.push(`${keyword} { ${values.join(', ')} } from '${specifier}'`)
    if (types.length) lines.push(`${keyword} type { ${types.join(', ')} } from '${specifier}'`)
  }
  return lines.join('\n')
}

function elementText(element: ts.ImportSpecifier | ts.ExportSpecifier, importedName?: string): string {
  const imported = importedName ?? (element.propertyName ?? element.name).getText()
  return imported === element.name.text ? imported : `${imported} as ${element.name.text}`
}

/**
 * The declaration with a new specifier, written again only when it must be: inline `type` names (which the
 * Prettier 2 of action-destinations cannot parse) move to their own `import type`.
 */
function splitInlineTypes(node: Clause, sourceFile: ts.SourceFile, specifier: string): string | undefined {
  const elements = namedElements(node)
  const original = specifierText(node.moduleSpecifier)
  if (!elements || !elements.some((element) => element.isTypeOnly)) {
    if (specifier === original) return undefined
    const literal = node.moduleSpecifier!
    const text = node.getText(sourceFile)
    const offset = literal.getStart(sourceFile) - node.getStart(sourceFile)
    return `${text.slice(0, offset)}'${specifier}'${text.slice(offset + literal.getWidth(sourceFile))}`
  }
  const whole = isWholeTypeOnly(node)
  const values = elements.filter((element) => !whole && !element.isTypeOnly).map((element) => elementText(element))
  const types = elements.filter((element) => whole || element.isTypeOnly).map((element) => elementText(element))
  return declarations(ts.isImportDeclaration(node) ? 'import' : 'export', [{ specifier, values, types }])
}

/** An import of `msads-conversions`, as imports of the core modules that declare each name. */
function importsOfCore(
  node: Clause,
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker,
  specifierOf: (declaringFile: string) => string
): string {
  const elements = namedElements(node)
  if (!elements) throw new Error(`${sourceFile.fileName}: import the core by name (${node.getText(sourceFile)})`)
  const groups = new Map<string, { specifier: string; values: string[]; types: string[] }>()
  for (const element of elements) {
    let symbol = checker.getSymbolAtLocation(element.propertyName ?? element.name)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol)
    const declaration = symbol?.declarations?.[0]
    if (!symbol || !declaration) throw new Error(`${sourceFile.fileName}: ${element.name.text} is not in the core`)
    const declaring = path.resolve(declaration.getSourceFile().fileName)
    const group = groups.get(declaring) ?? { specifier: specifierOf(declaring), values: [], types: [] }
    const text = elementText(element, symbol.name)
    if (isWholeTypeOnly(node) || element.isTypeOnly) group.types.push(text)
    else group.values.push(text)
    groups.set(declaring, group)
  }
  return declarations(ts.isImportDeclaration(node) ? 'import' : 'export', [...groups.values()])
}
