import { readJsonFile } from '../config/json-file'
import { subscriptionsOf, type CompiledSubscription } from '../host/subscriptions'
import type { CliIo } from '../io'
import { Checkpoint, checkpointPath, inputIdentity, type CheckpointState } from './checkpoint'
import { UsageError } from '../errors'
import { formatOf, type InputFormat } from './input-source'
import { defaultRejectsPath, refuseInputAsRejects } from './rejects-file'
import { MAX_BATCH_SIZE, type SendRunOptions } from './send-options'

/** What the command line asks for, checked before anything is opened or sent. */
export interface RunPlan {
  format: InputFormat
  source: 'segment' | 'rudderstack'
  batchSize: number
  subscriptions: CompiledSubscription[]
  configOverride?: Record<string, unknown>
  rejectsPath: string
  checkpoint?: Checkpoint
  resumeFrom?: CheckpointState
}

export async function planRun(options: SendRunOptions, io: CliIo): Promise<RunPlan> {
  const format = formatOf(options.file, options.format)
  const source = (options.source ?? 'segment').toLowerCase()
  if (source !== 'segment' && source !== 'rudderstack') {
    throw new UsageError(`--source must be segment or rudderstack, not "${options.source}".`)
  }
  const subscriptions = await subscriptionsOf(options.mappingFile)
  const override = options.destinationConfigFile
    ? await readJsonFile(options.destinationConfigFile, 'destination config')
    : undefined
  if (override !== undefined && (typeof override !== 'object' || override === null || Array.isArray(override))) {
    throw new UsageError('The destination config file must hold a JSON object (RudderStack Destination.Config).')
  }
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(options.file)
  const stdinFd = (io.stdin as { fd?: unknown }).fd
  await refuseInputAsRejects(options.file, rejectsPath, typeof stdinFd === 'number' ? stdinFd : undefined)
  const plan: RunPlan = {
    format,
    source,
    batchSize: Math.min(MAX_BATCH_SIZE, Math.max(1, options.batchSize ?? MAX_BATCH_SIZE)),
    subscriptions,
    configOverride: override as Record<string, unknown> | undefined,
    rejectsPath
  }
  if (options.file === '-') {
    if (options.resume) throw new UsageError('--resume needs a file: stdin cannot be read again from a line.')
    return plan
  }
  // A dry run sends nothing and a Bulk file is written whole: neither has anything to resume.
  if (options.dryRun || options.sink?.kind === 'file') return plan
  const identity = await inputIdentityOf(options.file)
  plan.checkpoint = new Checkpoint(checkpointPath(rejectsPath), identity, format)
  const earlier = await Checkpoint.load(plan.checkpoint.path, identity).catch((error) => {
    if (options.resume) throw error
    return undefined
  })
  if (options.resume) {
    if (earlier) plan.resumeFrom = earlier
    else io.stderr.write(`msads send: no checkpoint at ${plan.checkpoint.path}; sending the whole file.\n`)
  } else if (earlier) {
    io.stderr.write(
      `msads send: an earlier run stopped at line ${earlier.line}; starting over (--resume continues it).\n`
    )
  }
  return plan
}

async function inputIdentityOf(file: string) {
  try {
    return await inputIdentity(file)
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
}
