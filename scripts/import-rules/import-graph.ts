/**
 * The import graph of a set of TypeScript files, as the compiler resolves it: every `import`, `export … from`,
 * `import()` and `require()` of each file (ts.preProcessFile), resolved with the project's own compiler options
 * (ts.resolveModuleName), so that path conditions such as `msads-source` and the package's self-import count.
 */
import path from 'node:path'
import ts from 'typescript'

/** Each file (absolute path) to the files of the set it imports, sorted. */
export type ImportGraph = Map<string, string[]>

/** Where the files are read from: the disk by default, a map of texts in the unit tests. */
export type SourceHost = Pick<ts.ModuleResolutionHost, 'fileExists' | 'readFile'>

export function buildImportGraph(
  files: readonly string[],
  options: ts.CompilerOptions,
  host: SourceHost = ts.sys
): ImportGraph {
  const inSet = new Set(files.map((file) => path.resolve(file)))
  const graph: ImportGraph = new Map()
  for (const file of inSet) {
    const text = host.readFile(file)
    if (text === undefined) throw new Error(`cannot read ${file}`)
    const targets = new Set<string>()
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(specifier, file, options, host).resolvedModule
      const target = resolved && path.resolve(resolved.resolvedFileName)
      if (target && inSet.has(target)) targets.add(target)
    }
    graph.set(file, [...targets].sort())
  }
  return graph
}

/** The compiler options of a tsconfig file, with its `extends` followed. */
export function compilerOptionsOf(tsconfig: string): ts.CompilerOptions {
  const read = ts.readConfigFile(tsconfig, (file) => ts.sys.readFile(file))
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'))
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig))
  return parsed.options
}
