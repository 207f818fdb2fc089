import { readdir, rm } from 'fs/promises'
import { basename, dirname, join } from 'path'

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes what killed runs left beside the rejects file: their partial rejects files
 * (`.<rejects>.<pid>-<hex>.partial`) and the checkpoint's temporary files (`<checkpoint>.<pid>.tmp`), when the
 * process that wrote each is gone. A run still going keeps its own. Returns the paths removed.
 */
export async function removeLeftovers(rejectsPath: string, checkpointPath: string | undefined): Promise<string[]> {
  const folder = dirname(rejectsPath)
  const partial = new RegExp(`^\\.${escape(basename(rejectsPath))}\\.(\\d+)-[0-9a-f]+\\.partial$`)
  const temporary = checkpointPath ? new RegExp(`^${escape(basename(checkpointPath))}\\.(\\d+)\\.tmp$`) : undefined
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const pid = Number((partial.exec(name) ?? temporary?.exec(name))?.[1])
    if (!pid || pid === process.pid || isRunning(pid)) continue
    await rm(join(folder, name), { force: true })
    removed.push(join(folder, name))
  }
  return removed
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
