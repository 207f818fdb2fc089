/**
 * Folds the core into a host's folder, so that the folder stands alone in the host's repository. Starting from the
 * host adapter's files, it follows every import as the compiler resolves it (the project's tsconfig, so that the
 * package's self-import `msads-conversions` reaches src/), and:
 * - an import of the package or of a barrel is split per name into imports of the modules that declare each name,
 *   so only the core modules the adapter really uses come along (never the command line, the emulator or the
 *   other host);
 * - an import of a module the host has its own of (`hostModules`) is pointed at the host's module;
 * - every other import is pointed at the file's new place.
 * The result is each exported file's new path and text; formatting is left to the caller.
 */
import path from 'node:path'
import ts from 'typescript'

export interface FoldOptions {
  /** The tsconfig whose compiler options resolve the imports (the project's own). */
  tsconfig: string
  /** The adapter's files to export (absolute paths); the core files they need are found from them. */
  entries: readonly string[]
  /** Where a file goes in the output (a path relative to the output's root, with '/'); undefined: not exported. */
  placeOf(file: string): string | undefined
  /**
   * The host module (a path relative to the output's root, without extension) that stands for `file`, when the
   * host has its own: imports of `file` become imports of it, and `file` is not exported.
   */
  hostModuleOf(file: string): string | undefined
  /**
   * Writes `x === undefined` and `x !== undefined` as `typeof x === 'undefined'`: rudder-transformer compiles a
   * file declaring a global `var undefined`, under which a comparison with `undefined` no longer narrows.
   */
  undefinedAsTypeof?: boolean
}

const SIMPLE_OPERAND = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PropertyAccessExpression,
  ts.SyntaxKind.ElementAccessExpression,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.ParenthesizedExpression
])

function undefinedComparisonEdits(source: ts.SourceFile): Edit[] {
  const edits: Edit[] = []
  const isUndefined = (node: ts.Expression) => ts.isIdentifier(node) && node.text === 'undefined'
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind
      const strict =
        operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken
      const other = isUndefined(node.right) ? node.left : isUndefined(node.left) ? node.right : undefined
      if (strict && other && !isUndefined(other)) {
        const operand = other.getText(source)
        const wrapped = SIMPLE_OPERAND.has(other.kind) ? operand : `(${operand})`
        edits.push({
          start: node.getStart(source),
          end: node.end,
          text: `typeof ${wrapped} ${node.operatorToken.getText(source)} 'undefined'`
        })
        return
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return edits
}

/** Output path (relative, with '/') to the file's text. */
export type FoldedFiles = Map<string, string>

function compilerOptionsOf(tsconfig: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      }
    }
  )
  if (!parsed) throw new Error(`cannot read ${tsconfig}`)
  return parsed.options
}

/** A relative module specifier from the output file `from` to the output module `to` (both relative paths). */
export function specifierBetween(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to.replace(/\.(ts|js)$/, ''))
  return relative.startsWith('.') ? relative : `./${relative}`
}

interface NamedBinding {
  /** The name as the importing file writes it: `a`, or `a as b`. */
  text: string
  isType: boolean
  declaredIn: string | undefined
}

interface Edit {
  start: number
  end: number
  text: string
}

function importDeclarationText(
  kind: 'import' | 'export',
  bindings: readonly NamedBinding[],
  specifier: string
): string {
  const values = bindings.filter((binding) => !binding.isType).map((binding) => binding.text)
  const types = bindings.filter((binding) => binding.isType).map((binding) => binding.text)
  const lines: string[] = []
  if (values.length) lines.push(`${kind} { ${values.join(', ')} } from '${specifier}';`)
  if (types.length) lines.push(`${kind} type { ${types.join(', ')} } from '${specifier}';`)
  return lines.join('\n')
}

export function foldCore(options: FoldOptions): FoldedFiles {
  const compilerOptions = compilerOptionsOf(options.tsconfig)
  const program = ts.createProgram([...options.entries], compilerOptions)
  const checker = program.getTypeChecker()
  const folded: FoldedFiles = new Map()
  const queue = [...options.entries].map((file) => path.resolve(file))
  const seen = new Set<string>()

  /**
   * The module a name comes from: where it is declared, or, for a name of an npm package that the core re-exports,
   * the last core module on the way (which imports the package itself).
   */
  const declaringFile = (name: ts.Node): string | undefined => {
    let symbol = checker.getSymbolAtLocation(name)
    let last: string | undefined
    while (symbol) {
      const file = symbol.declarations?.[0]?.getSourceFile().fileName
      if (file && !file.includes('/node_modules/')) last = path.resolve(file)
      if (!(symbol.flags & ts.SymbolFlags.Alias)) break
      const next = checker.getImmediateAliasedSymbol(symbol)
      if (!next || next === symbol) break
      symbol = next
    }
    return last
  }

  while (queue.length) {
    const file = queue.shift() as string
    if (seen.has(file)) continue
    seen.add(file)
    const place = options.placeOf(file)
    if (place === undefined) continue
    const source = program.getSourceFile(file)
    if (!source) throw new Error(`the compiler did not load ${file}`)

    /** The specifier `place` uses for the module of `target`, queuing `target` when it is exported. */
    const specifierFor = (target: string): string => {
      const hostModule = options.hostModuleOf(target)
      if (hostModule !== undefined) return specifierBetween(place, hostModule)
      const targetPlace = options.placeOf(target)
      if (targetPlace === undefined) throw new Error(`${file} imports ${target}, which has no place in the export`)
      queue.push(target)
      return specifierBetween(place, targetPlace)
    }

    const edits: Edit[] = []
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue
      const literal = statement.moduleSpecifier
      if (!literal || !ts.isStringLiteral(literal)) continue
      const resolved = ts.resolveModuleName(literal.text, file, compilerOptions, ts.sys).resolvedModule
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.includes('/node_modules/'))
        continue
      const target = path.resolve(resolved.resolvedFileName)

      const elements = ts.isImportDeclaration(statement)
        ? statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)
          ? statement.importClause.namedBindings.elements
          : undefined
        : statement.exportClause && ts.isNamedExports(statement.exportClause)
          ? statement.exportClause.elements
          : undefined
      const hasOtherBindings = ts.isImportDeclaration(statement)
        ? Boolean(statement.importClause?.name) || !elements
        : !elements
      const wholeTypeOnly = ts.isImportDeclaration(statement)
        ? Boolean(statement.importClause?.isTypeOnly)
        : statement.isTypeOnly

      if (!elements || hasOtherBindings || options.hostModuleOf(target) !== undefined) {
        // A namespace or default import, `export *`, or a module the host has: keep the statement, move the module.
        edits.push({ start: literal.getStart(source), end: literal.end, text: `'${specifierFor(target)}'` })
        continue
      }
      const bindings: NamedBinding[] = elements.map((element) => ({
        text: element.propertyName
          ? `${element.propertyName.getText()} as ${element.name.getText()}`
          : element.name.getText(),
        isType: wholeTypeOnly || element.isTypeOnly,
        declaredIn: declaringFile(element.name)
      }))
      const byModule = new Map<string, NamedBinding[]>()
      for (const binding of bindings) {
        // A name the checker cannot place (a re-export of a re-export it does not follow) stays with the module.
        const module =
          binding.declaredIn && options.placeOf(binding.declaredIn) !== undefined
            ? binding.declaredIn
            : binding.declaredIn && options.hostModuleOf(binding.declaredIn) !== undefined
              ? binding.declaredIn
              : target
        byModule.set(module, [...(byModule.get(module) ?? []), binding])
      }
      const kind = ts.isImportDeclaration(statement) ? 'import' : 'export'
      const text = [...byModule]
        .map(([module, moduleBindings]) => importDeclarationText(kind, moduleBindings, specifierFor(module)))
        .join('\n')
      edits.push({ start: statement.getStart(source), end: statement.end, text })
    }

    if (options.undefinedAsTypeof) edits.push(...undefinedComparisonEdits(source))
    let text = source.getFullText()
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      text = `${text.slice(0, edit.start)}${edit.text}${text.slice(edit.end)}`
    }
    folded.set(place, text)
  }
  return folded
}
