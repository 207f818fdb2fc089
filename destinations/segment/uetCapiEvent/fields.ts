import type { InputField } from '@segment/actions-core'
import { batchSize, enableBatching } from '../../../fields/batching'
import { clickIdSources } from '../../../fields/click-id-sources'
import { adStorageConsent, adUserDataConsent } from '../../../fields/consent'
import { currency } from '../../../fields/currency'
import { email } from '../../../fields/email'
import { phone } from '../../../fields/phone'
import { transactionId } from '../../../fields/transaction-id'
import { conversionValue } from '../../../fields/value'
import { CLICK_ID_INTEGRATION_NAMES } from '../constants'

/** A shared field used as a property of an object field, whose default the object field sets instead. */
function withoutDefault({ default: _default, ...field }: InputField): InputField {
  return field
}

export const EVENT_TYPES = { pageLoad: 'pageLoad', custom: 'custom' } as const

export const fields: Record<string, InputField> = {
  eventType: {
    label: 'Event Type',
    description: 'pageLoad for a page view (needs Event Source URL), custom for any other event.',
    type: 'string',
    required: true,
    choices: [
      { label: 'Page load', value: EVENT_TYPES.pageLoad },
      { label: 'Custom', value: EVENT_TYPES.custom }
    ],
    default: EVENT_TYPES.custom
  },
  eventId: {
    label: 'Event ID',
    description:
      'Unique id of the event. Microsoft counts an event once when the UET tag on the page sent the same event_id with the same event name, so use the id your site gives the UET tag: by default the event_id property (where the msads browser module puts the id it shares with the UET tag), else the Segment messageId (which only the server knows, so it cannot match a browser event). Events of a batch with the same Event ID are sent once.',
    type: 'string',
    default: {
      '@if': {
        exists: { '@path': '$.properties.event_id' },
        then: { '@path': '$.properties.event_id' },
        else: { '@path': '$.messageId' }
      }
    }
  },
  eventName: {
    label: 'Event Name',
    description:
      'Name of the event (the event action of a UET goal), by default the track event name or the page name.',
    type: 'string',
    default: { '@if': { exists: { '@path': '$.event' }, then: { '@path': '$.event' }, else: { '@path': '$.name' } } }
  },
  eventTime: {
    label: 'Event Time',
    description: 'When the event happened, by default the event timestamp. Microsoft accepts the last 7 days.',
    type: 'datetime',
    default: { '@path': '$.timestamp' }
  },
  eventSourceUrl: {
    label: 'Event Source URL',
    description: 'URL of the page where the event happened; required for a pageLoad event.',
    type: 'string',
    required: { conditions: [{ fieldKey: 'eventType', operator: 'is', value: EVENT_TYPES.pageLoad }] },
    default: { '@path': '$.context.page.url' }
  },
  pageLoadId: {
    label: 'Page Load ID',
    description:
      'A UUID shared by the pageLoad event of a page and the custom events sent from that page, by default the page_load_id property (which the msads browser module adds). A value that is not a UUID is dropped with a warning.',
    type: 'string',
    default: { '@path': '$.properties.page_load_id' }
  },
  referrerUrl: {
    label: 'Referrer URL',
    description: 'URL of the previous page. Microsoft drops a malformed one.',
    type: 'string',
    default: { '@path': '$.context.page.referrer' }
  },
  pageTitle: {
    label: 'Page Title',
    description: 'Title of the page.',
    type: 'string',
    default: { '@path': '$.context.page.title' }
  },
  keywords: {
    label: 'Keywords',
    description: 'Keywords of the page, comma-separated.',
    type: 'string'
  },
  userData: {
    label: 'User Data',
    description:
      'Who did it. At least one of msclkid, em, ph, anonymousId, externalId, idfa or gaid is needed. Email and phone are hashed before they leave Segment; em, ph, clientIpAddress and clientUserAgent are left out when ad_user_data consent is denied.',
    type: 'object',
    additionalProperties: false,
    defaultObjectUI: 'keyvalue',
    properties: {
      msclkid: {
        label: 'Microsoft Click ID',
        description: 'The msclkid of the ad click. Left empty, it is looked up as listed under Click ID Sources.',
        type: 'string'
      },
      em: withoutDefault(email),
      ph: withoutDefault(phone),
      anonymousId: {
        label: 'Anonymous ID',
        description:
          "The visitor's anonymous id, by default the Segment anonymousId, so that an anonymous event is accepted. " +
          "Microsoft matches it to ad clicks when it is the UET visitor id (the vid of Microsoft's ID-sync pixel): " +
          'map that here where you have it.',
        type: 'string'
      },
      externalId: {
        label: 'External ID',
        description: 'Your id for the person, by default the Segment userId.',
        type: 'string'
      },
      clientIpAddress: { label: 'Client IP Address', description: 'IP address of the browser.', type: 'string' },
      clientUserAgent: { label: 'Client User Agent', description: 'User agent of the browser.', type: 'string' },
      idfa: { label: 'IDFA', description: 'Apple advertising id.', type: 'string' },
      gaid: { label: 'GAID', description: 'Google advertising id.', type: 'string' }
    },
    default: {
      em: email.default as object,
      ph: phone.default as object,
      anonymousId: { '@path': '$.anonymousId' },
      externalId: { '@path': '$.userId' },
      clientIpAddress: { '@path': '$.context.ip' },
      clientUserAgent: { '@path': '$.context.userAgent' }
    }
  },
  click_id_sources: clickIdSources(CLICK_ID_INTEGRATION_NAMES),
  customData: {
    label: 'Custom Data',
    description: 'What happened: event details, revenue and e-commerce data. Items and hotel data are separate fields.',
    type: 'object',
    additionalProperties: false,
    defaultObjectUI: 'keyvalue',
    properties: {
      eventCategory: {
        label: 'Event Category',
        description: 'Category of the event (the event category of a UET goal).',
        type: 'string'
      },
      eventLabel: {
        label: 'Event Label',
        description: 'Label of the event (the event label of a UET goal).',
        type: 'string'
      },
      eventValue: {
        label: 'Event Value',
        description: 'Value of the event (the event value of a UET goal).',
        type: 'number'
      },
      searchTerm: { label: 'Search Term', description: 'What the person searched for.', type: 'string' },
      transactionId: { label: 'Transaction ID', description: transactionId.description, type: 'string' },
      value: { label: 'Value', description: conversionValue.description, type: 'number' },
      currency: { label: 'Currency', description: currency.description, type: 'string' },
      itemIds: { label: 'Item IDs', description: 'IDs of the products concerned.', type: 'string', multiple: true },
      pageType: {
        label: 'Page Type',
        description: 'Kind of page, for dynamic remarketing.',
        type: 'string',
        choices: ['home', 'category', 'product', 'searchresults', 'cart', 'purchase', 'other']
      },
      ecommTotalValue: {
        label: 'E-commerce Total Value',
        description: 'Total value of the products, for dynamic remarketing.',
        type: 'number'
      },
      ecommCategory: {
        label: 'E-commerce Category',
        description: 'Category of the products, for dynamic remarketing.',
        type: 'string'
      }
    },
    default: {
      transactionId: transactionId.default as object,
      value: conversionValue.default as object,
      currency: currency.default as object,
      searchTerm: { '@path': '$.properties.query' }
    }
  },
  items: {
    label: 'Items',
    description:
      'The products concerned (customData.items), by default from the products property. Prices may have decimals.',
    type: 'object',
    multiple: true,
    additionalProperties: false,
    defaultObjectUI: 'keyvalue',
    properties: {
      id: { label: 'ID', description: 'Product id.', type: 'string' },
      name: { label: 'Name', description: 'Product name.', type: 'string' },
      price: { label: 'Price', description: 'Unit price, for example 19.99.', type: 'number' },
      quantity: { label: 'Quantity', description: 'Number of units.', type: 'number' }
    },
    default: {
      '@arrayPath': [
        '$.properties.products',
        {
          id: { '@path': '$.product_id' },
          name: { '@path': '$.name' },
          price: { '@path': '$.price' },
          quantity: { '@path': '$.quantity' }
        }
      ]
    }
  },
  hotelData: {
    label: 'Hotel Data',
    description: 'Hotel booking details (customData.hotelData).',
    type: 'object',
    additionalProperties: false,
    defaultObjectUI: 'keyvalue',
    properties: {
      totalPrice: { label: 'Total Price', description: 'Total price of the stay, for example 420.50.', type: 'number' },
      basePrice: { label: 'Base Price', description: 'Price before taxes and fees.', type: 'number' },
      checkinDate: { label: 'Check-in Date', description: 'YYYY-MM-DD.', type: 'string' },
      checkoutDate: { label: 'Check-out Date', description: 'YYYY-MM-DD.', type: 'string' },
      lengthOfStay: { label: 'Length of Stay', description: 'Number of nights.', type: 'integer' },
      partnerHotelId: { label: 'Partner Hotel ID', description: 'Your id of the hotel.', type: 'string' },
      bookingHref: { label: 'Booking Link', description: 'Link of the booking.', type: 'string' }
    }
  },
  ad_storage_consent: adStorageConsent,
  ad_user_data_consent: adUserDataConsent,
  continueOnValidationError: {
    label: 'Continue on Validation Error',
    description:
      'Sent with each request. When on, Microsoft records the valid events of a request and reports the invalid ones, each with its own status; when off, one invalid event makes Microsoft refuse the whole request and the other events are sent again.',
    type: 'boolean',
    default: true
  },
  dataProvider: {
    label: 'Data Provider',
    description: 'Who sends the events, as Microsoft asks third parties to say. Sent with each request.',
    type: 'string',
    default: 'SEGMENT'
  },
  enable_batching: enableBatching,
  batch_size: batchSize
}
