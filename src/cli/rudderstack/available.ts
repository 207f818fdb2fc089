import type { ServeOptions } from '../serve/start-serve'

/**
 * The /rudderstack routes, once the RudderStack destination (destinations/rudderstack) is part of the build.
 * Until then the server answers them with 501.
 */
export function rudderstackRoutesFactory(): ServeOptions['rudderstack'] {
  return undefined
}
