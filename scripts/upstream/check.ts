/**
 * `check.ts HOST TARBALL WORKDIR` (run by .ci/check-upstream.sh): exports the host's folder into a project that
 * has only the packed msads-conversions (TARBALL) and the host's own modules, then fails if an import leaves the
 * folder, if the host's commands (type check, tests) fail, or if the host's own rules are broken.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { isInside, moduleSpecifiers, sourceFilesUnder } from './folder'
import type { UpstreamHost } from './host'

const ROOT = path.resolve(__dirname, '..', '..')
const PACKAGE_NAME = 'msads-conversions'

function fail(message: string): never {
  process.stderr.write(`check-upstream: ${message}\n`)
  process.exit(1)
}

/**
 * A module from the pinned host tools (UPSTREAM_TOOLS, a folder .ci/check-upstream.sh installs the host's versions
 * into), else from this repository's node_modules.
 */
function moduleSource(name: string): string {
  const tools = process.env.UPSTREAM_TOOLS
  const pinned = tools && path.join(tools, 'node_modules', name)
  return pinned && existsSync(pinned) ? pinned : path.join(ROOT, 'node_modules', name)
}

function linkModule(projectModules: string, name: string): void {
  const source = moduleSource(name)
  if (!existsSync(source)) fail(`${name} is not installed in this repository`)
  const target = path.join(projectModules, name)
  if (existsSync(target)) return
  mkdirSync(path.dirname(target), { recursive: true })
  symlinkSync(source, target, 'dir')
}

/** The packed package, unpacked as npm would install it, with its declared dependencies beside it. */
function installPackage(projectModules: string, tarball: string): string[] {
  const unpacked = path.join(projectModules, '.unpack')
  mkdirSync(unpacked, { recursive: true })
  const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked], { stdio: 'inherit' })
  if (tar.status !== 0) fail(`could not unpack ${tarball}`)
  const installed = path.join(projectModules, PACKAGE_NAME)
  renameSync(path.join(unpacked, 'package'), installed)
  rmSync(unpacked, { recursive: true, force: true })
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  return Object.keys(manifest.dependencies ?? {})
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])
}

function allowed(specifier: string, names: readonly string[]): boolean {
  return names.some((name) => specifier === name || specifier.startsWith(`${name}/`))
}

/** Every import of the folder that is neither one of its own files, a built-in, the package nor a host module. */
export function foreignImports(folder: string, allowedImports: readonly string[]): string[] {
  const names = [PACKAGE_NAME, ...allowedImports]
  const problems: string[] = []
  for (const file of sourceFilesUnder(folder)) {
    for (const specifier of moduleSpecifiers(readFileSync(file, 'utf8'))) {
      const local = specifier.startsWith('.') && isInside(folder, path.resolve(path.dirname(file), specifier))
      if (local || isBuiltin(specifier) || (!specifier.startsWith('.') && allowed(specifier, names))) continue
      problems.push(`${path.relative(folder, file)} imports ${specifier}`)
    }
  }
  return problems
}

async function main([hostName, tarball, workDir]: string[]): Promise<void> {
  if (!hostName || !tarball || !workDir) fail('usage: check.ts HOST TARBALL WORKDIR')
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const host = require(`./${hostName}`) as UpstreamHost
  const project = path.resolve(workDir, 'project')
  rmSync(project, { recursive: true, force: true })
  const projectModules = path.join(project, 'node_modules')
  mkdirSync(projectModules, { recursive: true })

  const folder = await host.exportFolder(project)
  const foreign = foreignImports(folder, host.checkProject.allowedImports)
  if (foreign.length) fail(`imports that leave the folder:\n  ${foreign.join('\n  ')}`)

  const dependencies = host.checkProject.standsAlone ? [] : installPackage(projectModules, path.resolve(tarball))
  for (const name of new Set([...dependencies, ...host.checkProject.hostModules])) linkModule(projectModules, name)
  const files = { ...host.checkProject.files, ...(await host.checkProject.hostStandIns?.()) }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true })
    writeFileSync(path.join(project, file), content)
  }
  // The modules the folder may import are the host repository's dependencies (its lint checks they are declared).
  const declared = Object.fromEntries(host.checkProject.allowedImports.map((name) => [name, '*']))
  writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: `upstream-check-${hostName}`, private: true, dependencies: declared }, null, 2)}\n`
  )

  for (const [script, ...args] of host.checkProject.commands) {
    process.stdout.write(`check-upstream: ${[script, ...args].join(' ')}\n`)
    const run = spawnSync(process.execPath, [script, ...args], {
      cwd: project,
      stdio: 'inherit',
      env: { ...process.env, TZ: 'UTC' }
    })
    if (run.status !== 0) fail(`${script} failed in ${project}`)
  }
  const problems = host.checkProject.verify?.(project, folder) ?? []
  if (problems.length) fail(problems.join('\n'))
  process.stdout.write(`check-upstream: ${hostName} folder ${path.relative(project, folder)} passes alone\n`)
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
}
