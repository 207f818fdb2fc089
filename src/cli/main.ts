#!/usr/bin/env node
import { applyMemoryMode, earlyMemoryMode } from './send/memory-mode'

const early = earlyMemoryMode(process.argv.slice(2))
if (early) applyMemoryMode(early)

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the heap is tuned (send/memory-mode.ts) */
const { processIo } = require('./io') as typeof import('./io')
const { runCli } = require('./program') as typeof import('./program')
const { setCallRatePacing } = require('../microsoft/call-rate') as typeof import('../microsoft/call-rate')
const { setGoalFactsLookup } = require('../microsoft/goal-facts') as typeof import('../microsoft/goal-facts')
/* eslint-enable @typescript-eslint/no-require-imports */

// One pace of Campaign Management calls per account for the whole process: lowered after 117, raised slowly.
setCallRatePacing(true)
// Hash-only conversions are checked against the goal's enhanced conversions before they are sent.
setGoalFactsLookup(true)

// `msads … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

runCli(process.argv.slice(2), { ...processIo(), tuneMemory: applyMemoryMode }).then(
  (code) => {
    process.exitCode = code
    // A command that has given its answer ends, even if a request it gave up on (msads send's watchdog) still
    // holds a socket open.
    setTimeout(() => process.exit(code), 2000).unref()
  },
  (error: unknown) => {
    process.stderr.write(`msads: ${(error as Error)?.message ?? error}\n`)
    process.exitCode = 1
  }
)
