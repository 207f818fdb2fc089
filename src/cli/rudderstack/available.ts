import type { ServeOptions } from '../serve/start-serve'

/** The /rudderstack routes of `msads serve` (the RudderStack destination is part of the build). */
export function rudderstackRoutesFactory(): ServeOptions['rudderstack'] {
  return (context) => (require('./routes') as typeof import('./routes')).rudderstackRoutes(context)
}
