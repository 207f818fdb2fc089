import type { CliIo } from '../io'
export async function runSend(_file: string, _options: unknown, io: CliIo): Promise<number> {
  io.stderr.write('not yet\n')
  return 2
}
