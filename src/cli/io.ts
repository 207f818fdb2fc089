import type { MemoryMode } from './send/memory-mode'
import type { Readable } from 'stream'

/** Where a command reads and writes, so tests can run commands in process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  stdin: Readable
  env: NodeJS.ProcessEnv
  /** Aborting stops long-running commands (serve), as SIGINT does. */
  stop?: AbortSignal
  /** Tunes the process's heap for a command; only the real process does (see send/memory-mode.ts). */
  tuneMemory?: (mode: MemoryMode) => void
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }
}

/** Exit codes: 0 all good, 1 something was not delivered or failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const
