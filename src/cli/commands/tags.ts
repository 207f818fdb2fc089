import { CampaignSession } from '../host/campaign-session'
import { reportFailure } from '../errors'
import { EXIT, type CliIo } from '../io'
import { formatTable } from '../output/table'
import { withAccountSession } from './account-session'

interface TagsOptions {
  config?: string
  json?: boolean
  emulatorPort?: number
}

/** `msads tags list`: the customer's UET tags (the tracking script is left out; --json shows everything). */
export async function runTagsList(options: TagsOptions, io: CliIo): Promise<number> {
  try {
    const tags = await withAccountSession(options, io, ({ settings, tokens }) =>
      new CampaignSession(settings, tokens).call((client) => client.getUetTags())
    )
    if (options.json) {
      io.stdout.write(`${JSON.stringify(tags, null, 2)}\n`)
      return EXIT.ok
    }
    if (!tags.length) {
      io.stdout.write('The customer has no UET tags. Create one with: msads tags create "My site"\n')
      return EXIT.ok
    }
    const rows = tags.map((tag) => [
      String(tag.Id ?? ''),
      tag.Name ?? '',
      tag.TrackingStatus ?? '',
      tag.Description ?? ''
    ])
    io.stdout.write(`${formatTable(['Id', 'Name', 'Status', 'Description'], rows)}\n`)
    return EXIT.ok
  } catch (error) {
    return reportFailure('tags list', error, io)
  }
}

/** `msads tags create NAME`: a UET tag; its id goes into uet_tag_id for the Conversions API. */
export async function runTagsCreate(
  name: string,
  options: TagsOptions & { description?: string },
  io: CliIo
): Promise<number> {
  if (!name.trim()) {
    io.stderr.write('msads tags create: the tag name must not be empty\n')
    return EXIT.usage
  }
  try {
    const wanted = { Name: name.trim(), ...(options.description ? { Description: options.description } : {}) }
    const result = await withAccountSession(options, io, ({ settings, tokens }) =>
      new CampaignSession(settings, tokens).call((client) => client.addUetTags([wanted]))
    )
    const tag = result.tags[0]
    if (!tag?.Id) {
      const error = result.errors[0]
      io.stderr.write(
        `msads tags create: Microsoft refused the tag${error ? `: [${error.Code} ${error.ErrorCode}] ${error.Message}` : '.'}\n`
      )
      return EXIT.failed
    }
    if (options.json) io.stdout.write(`${JSON.stringify(tag, null, 2)}\n`)
    else
      io.stdout.write(
        `Created UET tag ${tag.Id} "${tag.Name ?? name.trim()}". Set MSADS_UET_TAG_ID=${tag.Id} to send Conversions API events to it.\n`
      )
    return EXIT.ok
  } catch (error) {
    return reportFailure('tags create', error, io)
  }
}
