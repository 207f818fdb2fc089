import { ENDPOINT_ENV } from '../../microsoft/endpoints'

/**
 * Points every Microsoft endpoint of this process at one origin (the embedded emulator, the dry-run sink), as
 * MSADS_API_BASE_URL does, clearing the per-endpoint overrides that would win over it. Returns the function that
 * puts the environment back as it was.
 */
export function pointEndpointsAt(origin: string): () => void {
  const saved = Object.values(ENDPOINT_ENV).map((name) => [name, process.env[name]] as const)
  for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
  process.env[ENDPOINT_ENV.all] = origin
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}
