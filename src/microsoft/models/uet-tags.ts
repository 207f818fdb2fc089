import { z } from 'zod'
import { LongId, nullish } from './common'

export const UetTagSchema = z.object({
  Id: nullish(LongId),
  Name: nullish(z.string()),
  Description: nullish(z.string()),
  TrackingScript: nullish(z.string()),
  TrackingNoScript: nullish(z.string()),
  TrackingStatus: nullish(z.enum(['Unverified', 'Active', 'Inactive'])),
  CustomerShare: nullish(z.unknown()),
  Industry: nullish(z.string())
})
export type UetTag = z.infer<typeof UetTagSchema>

export const GetUetTagsResponseSchema = z.object({
  UetTags: nullish(z.array(UetTagSchema.nullable())),
  PartialErrors: nullish(z.array(z.unknown()))
})
export type GetUetTagsResponse = z.infer<typeof GetUetTagsResponseSchema>

/**
 * `UetTagAuthKey/Query` answers `{"UetTagAuthKey":"…"}` in the SDK; the CAPI guide shows `{"TagAuthKey":{"AuthKey":"…"}}`.
 * Both are accepted.
 */
export const GetUetTagAuthKeyResponseSchema = z.object({
  UetTagAuthKey: nullish(z.union([z.string(), z.object({ AuthKey: nullish(z.string()) })])),
  TagAuthKey: nullish(z.object({ AuthKey: nullish(z.string()) })),
  PartialErrors: nullish(z.array(z.unknown()))
})
export type GetUetTagAuthKeyResponse = z.infer<typeof GetUetTagAuthKeyResponseSchema>

export function authKeyOf(response: GetUetTagAuthKeyResponse): string | undefined {
  const direct = response.UetTagAuthKey
  if (typeof direct === 'string' && direct) return direct
  if (direct && typeof direct === 'object' && direct.AuthKey) return direct.AuthKey
  return response.TagAuthKey?.AuthKey ?? undefined
}
