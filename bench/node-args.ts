/**
 * The node arguments that run this repository's code: from the sources through ts-node, or compiled by
 * tsconfig.bench.json. The condition makes `msads-conversions` (the package's own name, which the destinations
 * import) resolve to the same copy of the core (see `exports` in package.json).
 */
export function nodeArgs(fromSources: boolean): string[] {
  return fromSources
    ? ['--conditions=msads-source', '-r', 'ts-node/register/transpile-only']
    : ['--conditions=msads-bench']
}
