/**
 * What each host module beside this file (segment.ts, rudderstack.ts) exports, for `npm run upstream` and for
 * `.ci/check-upstream.sh`, which checks the exported folder alone in a temporary project.
 */
export interface CheckProject {
  /** Modules of this repository's node_modules the project gets: the host's own and its test tools. */
  hostModules: readonly string[]
  /**
   * What the folder may import besides its own files and node's built-in modules: package names (a name also
   * allows its subpaths). The core is always allowed under its package name.
   */
  allowedImports: readonly string[]
  /** Files written at the project's root (tsconfig.json, jest.config.js...), by path. */
  files: Readonly<Record<string, string>>
  /** Commands run at the project's root, in order; `node_modules/...` scripts run with this node. */
  commands: ReadonlyArray<readonly string[]>
  /** The folder imports no msads-conversions (the core is folded in): the tarball is not installed. */
  standsAlone?: boolean
  /**
   * Files standing in for the host repository's own modules the folder imports (path from the project's root to
   * text), written before the commands run.
   */
  hostStandIns?(): Promise<Record<string, string>>
  /** Host rules checked after the commands (for example names the host reserves); returns the problems. */
  verify?(projectDir: string, folderDir: string): string[]
}

export interface UpstreamHost {
  /** Writes the folder for the host's repository under `outDir` and returns its path. */
  exportFolder(outDir: string): string | Promise<string>
  checkProject: CheckProject
}
