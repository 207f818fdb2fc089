import { startEmulator } from '../src/emulator'

/**
 * The emulator in a process of its own, for figures where client and server must not share one event loop.
 * argv[2]: emulator options as JSON. Prints {"url"} once listening; stops on SIGTERM or when stdin closes.
 */
async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, options: JSON.parse(process.argv[2] ?? '{}') })
  let stopping = false
  // SIGTERM and the end of stdin may both come; the server closes once.
  const stop = (): void => {
    if (stopping) return
    stopping = true
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `emulator child could not close: ${error instanceof Error ? error.message : String(error)}\n`
        )
        process.exit(1)
      }
    )
  }
  process.once('SIGTERM', stop)
  process.stdin.once('close', stop)
  process.stdin.resume()
  process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`)
}

main().catch((error) => {
  process.stderr.write(`emulator child failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
