import { readFile } from 'fs/promises'
import { UsageError } from '../errors'

/** A JSON file the command line names (a mapping, a destination config); an UsageError when it cannot be read. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new UsageError(`Cannot read the ${what} ${path}: ${reason}.`)
  }
}
