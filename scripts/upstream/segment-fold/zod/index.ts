/** `import { z } from 'zod'` in the folded core resolves here (see schemas.ts). */
import * as z from './schemas'

export { z }
