import type { InputField } from '@segment/actions-core'

function firstPresent(paths: readonly string[]): object {
  const [first, ...rest] = paths
  if (rest.length === 0) return { '@path': first }
  return { '@if': { exists: { '@path': first }, then: { '@path': first }, else: firstPresent(rest) } }
}

/**
 * Where the click id may be found besides the mapped field, handed to the core as they are. `integrationNames`
 * are the keys of the integrations object a browser plugin writes to (this destination's name first).
 */
export function clickIdSources(integrationNames: readonly string[]): InputField {
  return {
    label: 'Click ID Sources',
    description:
      'Where to look for the Microsoft Click ID when the Microsoft Click ID field is empty, in this order. Change a path if your site stores the click id elsewhere.',
    type: 'object',
    additionalProperties: false,
    defaultObjectUI: 'keyvalue:only',
    properties: {
      integrations: {
        label: 'Integrations object',
        description: 'The msclkid a browser plugin put in the integrations object of the event.',
        type: 'string'
      },
      properties: {
        label: 'Event property',
        description: 'The msclkid event property.',
        type: 'string'
      },
      page_url: {
        label: 'Page URL',
        description: 'A URL whose msclkid query parameter holds the click id, usually the landing page URL.',
        type: 'string'
      },
      cookie: {
        label: 'Click ID cookie',
        description:
          "The value of the msads_msclkid cookie that this package's browser module sets, else of the _uetmsclkid cookie that the UET tag sets (prefixes and suffixes are removed), when your source forwards cookies in context.cookies.",
        type: 'string'
      }
    },
    default: {
      integrations: firstPresent(integrationNames.map((name) => `$.integrations["${name}"].msclkid`)),
      properties: { '@path': '$.properties.msclkid' },
      page_url: { '@path': '$.context.page.url' },
      cookie: firstPresent(['$.context.cookies.msads_msclkid', '$.context.cookies._uetmsclkid'])
    }
  }
}
