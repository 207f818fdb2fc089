import { z } from 'zod'
import { LongId, UetTagSchema, nullish, type BatchError } from '../../microsoft/models'
import type { Reply } from '../server/reply'
import { opaqueToken } from '../support/ids'
import type { OperationCall } from './apply-operations'
import { apiFaultReply, batchError, okReply, operationError } from './faults'
import { parseFlags } from './flags'
import { failure, present, type ItemFailure } from './item-checks'
import { parseCampaignBody } from './parse-body'
import { uetTagView } from './uet-tag-view'

const MAX_TAG_NAME_LENGTH = 100

const addRequest = z.object({ UetTags: nullish(z.array(UetTagSchema.strict().nullable())) }).strict()
const byIdsRequest = z
  .object({ TagIds: nullish(z.array(LongId)), ReturnAdditionalFields: nullish(z.string()) })
  .strict()
const authKeyRequest = z.object({ UetTagId: nullish(LongId) }).strict()

type TagInput = z.infer<typeof UetTagSchema>

function checkTag(
  tag: TagInput | null,
  customerId: string,
  namesInRequest: Set<string>,
  call: OperationCall
): ItemFailure | undefined {
  if (tag === null) return failure(5310)
  if (tag.Id !== null && tag.Id !== undefined) return failure(5311, 'Id')
  if (tag.Name === null || tag.Name === undefined) return failure(5305, 'Name')
  if (tag.Name.trim() === '' || tag.Name.length > MAX_TAG_NAME_LENGTH) return failure(5306, 'Name')
  const lower = tag.Name.toLowerCase()
  if (namesInRequest.has(lower)) return failure(5302, 'Name')
  namesInRequest.add(lower)
  if (call.state.directory.tagNameTaken(tag.Name, customerId)) return failure(5303, 'Name')
  return undefined
}

/** AddUetTags: the new tags index-aligned with the request (null where one failed), owned by the header's customer. */
export function addUetTags(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, addRequest, {
    key: 'UetTags',
    max: 100,
    emptyCode: 5308,
    tooManyCode: 5309
  })
  if (!parsed.ok) return parsed.reply
  const { state, caller } = call
  const errors: BatchError[] = []
  const names = new Set<string>()
  const tags = (parsed.value.UetTags ?? []).map((tag, index) => {
    const problem = checkTag(tag, caller.customerId, names, call)
    if (problem || tag === null) {
      errors.push(batchError(problem?.code ?? 5310, index, problem?.field ?? null))
      return null
    }
    const stored = {
      id: state.directory.newTagId(),
      name: tag.Name as string,
      description: tag.Description ?? null,
      customerId: caller.customerId,
      capiToken: null
    }
    state.directory.storeTag(stored)
    return uetTagView(stored, false)
  })
  return okReply(call.trackingId, { UetTags: tags, PartialErrors: errors })
}

/** GetUetTagsByIds: aligned with the ids (null + 5300 for a tag the customer does not own); no ids means all. */
export function getUetTagsByIds(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, byIdsRequest, {
    key: 'TagIds',
    max: 100,
    tooManyCode: 5304
  })
  if (!parsed.ok) return parsed.reply
  const additional = parseFlags(parsed.value.ReturnAdditionalFields, ['Industry'] as const)
  if ('unknown' in additional)
    return apiFaultReply(call.trackingId, [
      operationError(201, `ReturnAdditionalFields: unknown value ${additional.unknown}`)
    ])
  const withIndustry = additional.values.includes('Industry')
  const { state, caller } = call
  const ids = parsed.value.TagIds ?? []
  if (ids.length === 0) {
    return okReply(call.trackingId, {
      UetTags: state.directory.tagsOf(caller.customerId).map((tag) => uetTagView(tag, withIndustry)),
      PartialErrors: []
    })
  }
  const errors: BatchError[] = []
  const tags = ids.map((id, index) => {
    const tag = state.directory.tagOf(caller.customerId, id)
    if (!tag) errors.push(batchError(5300, index, 'TagIds'))
    return tag ? uetTagView(tag, withIndustry) : null
  })
  return okReply(call.trackingId, { UetTags: tags, PartialErrors: errors })
}

/**
 * GetUetTagAuthKey: the tag's Conversions API key, created on first request. A tag the customer does not own is
 * answered with a null key and a 5300 PartialError, since the response carries PartialErrors for exactly that.
 */
export function getUetTagAuthKey(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, authKeyRequest)
  if (!parsed.ok) return parsed.reply
  const tagId = parsed.value.UetTagId
  if (!present(tagId)) return apiFaultReply(call.trackingId, [operationError(5312)])
  const tag = call.state.directory.tagOf(call.caller.customerId, tagId)
  if (!tag) return okReply(call.trackingId, { UetTagAuthKey: null, PartialErrors: [batchError(5300, 0, 'UetTagId')] })
  if (!tag.capiToken) tag.capiToken = opaqueToken('capi.emu.')
  return okReply(call.trackingId, { UetTagAuthKey: tag.capiToken, PartialErrors: [] })
}
