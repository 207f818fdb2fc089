#!/usr/bin/env node
import { runEmulatorCommand } from '../emulator/cli'

const USAGE = `msads: send conversions to Microsoft Advertising

Usage: msads <command> [options]

Commands:
  serve       run a local destination server (on the embedded emulator without credentials)
  send FILE   send an NDJSON or CSV export
  goals       list or create offline conversion goals
  tags        list or create UET tags
  auth        test credentials or sign in
  emulator    run the Microsoft Advertising emulator
`

function main(argv: string[]): number {
  const [command] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE)
    return 0
  }
  if (command === 'emulator') {
    runEmulatorCommand(argv.slice(1)).then(
      (code) => {
        process.exitCode = code
      },
      () => {
        process.exitCode = 1
      }
    )
    return 0
  }
  process.stderr.write(`msads: the command "${command}" is not available yet.\n\n${USAGE}`)
  return 2
}

process.exitCode = main(process.argv.slice(2))
