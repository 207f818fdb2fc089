/** Resolves on SIGINT, SIGTERM or the given stop signal: how a long-running command waits to be stopped. */
export function waitForStop(stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      stop?.removeEventListener('abort', done)
      resolve()
    }
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
    if (stop?.aborted) return done()
    stop?.addEventListener('abort', done, { once: true })
  })
}
