import { runSendJob, type SendRunOptions } from '../../src/cli/send/send-run'
import { processIo } from '../../src/cli/io'

/**
 * `msads send`'s runSendJob in a process of its own, for the soak's kill -9 cycle: argv[2] holds its options as
 * JSON; it prints the summary as JSON. The soak kills it midway with SIGKILL, then resumes in its own process.
 */
async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SendRunOptions
  const summary = await runSendJob(options, processIo())
  process.stdout.write(`${JSON.stringify(summary)}\n`)
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`send child failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
