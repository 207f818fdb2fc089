import { readFileSync } from 'fs'

const HIGH_WATER_MARK = /^VmHWM:\s+(\d+) kB$/m

/**
 * The most memory this process has held resident, in bytes. On Linux it is VmHWM (/proc/self/status), the peak of
 * the program's own memory: getrusage's maxRSS also keeps the peak of the process before it ran this program, so a
 * command started by a large parent (`fork` copies the parent's page tables, then `exec`) reports part of that
 * parent as its own peak: a fresh `node` started from a process holding 1.1 GB reported 620 MB. Elsewhere, maxRSS.
 */
export function peakRssBytes(): number {
  try {
    const found = HIGH_WATER_MARK.exec(readFileSync('/proc/self/status', 'utf8'))
    if (found) return Number(found[1]) * 1024
  } catch {
    // No /proc: not Linux.
  }
  return process.resourceUsage().maxRSS * 1024
}
