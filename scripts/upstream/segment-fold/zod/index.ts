/** The folded core's imports of zod resolve here (see schemas.ts). */
import * as z from './schemas'

export { z }
