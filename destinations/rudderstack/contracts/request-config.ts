import type { ProcessorTransformationOutput } from './rudder-types'

/** rudder-transformer's `defaultRequestConfig()`: a POST with every body format present and empty. */
export function defaultRequestConfig(): ProcessorTransformationOutput {
  return {
    version: '1',
    type: 'REST',
    method: 'POST',
    endpoint: '',
    headers: {},
    params: {},
    body: { JSON: {}, JSON_ARRAY: {}, XML: {}, FORM: {} },
    files: {}
  }
}
