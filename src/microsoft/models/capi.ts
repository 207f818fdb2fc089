import { z } from 'zod'

/** The UET Conversions API (`POST /v1/{tagId}/events`). Field names are camelCase, unlike Campaign Management. */

export const CapiEventTypeSchema = z.enum(['pageLoad', 'custom'])
export type CapiEventType = z.infer<typeof CapiEventTypeSchema>

export const CapiUserDataSchema = z
  .object({
    msclkid: z.string().optional(),
    em: z.string().optional(),
    ph: z.string().optional(),
    anonymousId: z.string().optional(),
    externalId: z.string().optional(),
    clientIpAddress: z.string().optional(),
    clientUserAgent: z.string().optional(),
    idfa: z.string().optional(),
    gaid: z.string().optional()
  })
  .strict()
export type CapiUserData = z.infer<typeof CapiUserDataSchema>

export const CapiItemSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    price: z.number().optional(),
    quantity: z.number().optional()
  })
  .strict()
export type CapiItem = z.infer<typeof CapiItemSchema>

export const CapiPageTypeSchema = z.enum(['home', 'category', 'product', 'searchresults', 'cart', 'purchase', 'other'])
export type CapiPageType = z.infer<typeof CapiPageTypeSchema>

export const CapiHotelDataSchema = z
  .object({
    totalPrice: z.number().optional(),
    basePrice: z.number().optional(),
    checkinDate: z.string().optional(),
    checkoutDate: z.string().optional(),
    lengthOfStay: z.number().optional(),
    partnerHotelId: z.string().optional(),
    bookingHref: z.string().optional()
  })
  .strict()
export type CapiHotelData = z.infer<typeof CapiHotelDataSchema>

export const CapiCustomDataSchema = z
  .object({
    eventCategory: z.string().optional(),
    eventLabel: z.string().optional(),
    eventValue: z.number().optional(),
    searchTerm: z.string().optional(),
    transactionId: z.string().optional(),
    value: z.number().optional(),
    currency: z.string().optional(),
    items: z.array(CapiItemSchema).optional(),
    itemIds: z.array(z.string()).optional(),
    pageType: z.string().optional(),
    ecommTotalValue: z.number().optional(),
    ecommCategory: z.string().optional(),
    hotelData: CapiHotelDataSchema.optional()
  })
  .strict()
export type CapiCustomData = z.infer<typeof CapiCustomDataSchema>

export const CapiEventSchema = z
  .object({
    eventType: z.string(),
    eventId: z.string().optional(),
    eventName: z.string().optional(),
    eventTime: z.number(),
    eventSourceUrl: z.string().optional(),
    pageLoadId: z.string().optional(),
    referrerUrl: z.string().optional(),
    pageTitle: z.string().optional(),
    keywords: z.string().optional(),
    adStorageConsent: z.enum(['G', 'D']).optional(),
    userData: CapiUserDataSchema,
    customData: CapiCustomDataSchema.optional()
  })
  .strict()
export type CapiEvent = z.infer<typeof CapiEventSchema>

/** `continueOnValidationError` and `dataProvider` belong to the request, not to each event. */
export const CapiRequestSchema = z
  .object({
    data: z.array(CapiEventSchema),
    continueOnValidationError: z.boolean().optional(),
    dataProvider: z.string().optional()
  })
  .strict()
export type CapiRequest = z.infer<typeof CapiRequestSchema>

export const CapiErrorDetailSchema = z.object({
  index: z.number().int().optional(),
  propertyName: z.string().optional(),
  attemptedValue: z.unknown().optional(),
  errorMessage: z.string().optional(),
  errorCode: z.string().optional(),
  isWarning: z.boolean().optional()
})
export type CapiErrorDetail = z.infer<typeof CapiErrorDetailSchema>

export const CapiErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  details: z.array(CapiErrorDetailSchema).optional()
})
export type CapiError = z.infer<typeof CapiErrorSchema>

export const CapiResponseSchema = z.object({
  eventsReceived: z.number().int().optional(),
  error: CapiErrorSchema.optional(),
  traceId: z.string().optional()
})
export type CapiResponse = z.infer<typeof CapiResponseSchema>
