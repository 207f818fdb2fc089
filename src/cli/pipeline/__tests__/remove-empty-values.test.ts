import { removeEmptyValues } from '../remove-empty-values'

const schema = {
  type: 'object',
  properties: {
    order_id: { type: 'string' },
    value: { type: 'number' },
    note: { type: ['string', 'null'] },
    user: { type: 'object', properties: { email: { type: 'string' }, phone: { type: 'number' } } }
  }
}

describe('removeEmptyValues', () => {
  it('returns an object with nothing to drop itself, nested objects included', () => {
    const payload = { order_id: '', value: 3, note: null, user: { email: 'a@example.com' } }
    expect(removeEmptyValues(payload, schema)).toBe(payload)
  })

  it('copies from the first value it drops, keeps the order of the keys, and leaves the source as it was', () => {
    const payload = { order_id: 'o-1', value: '', note: 'n', extra: 1, user: { email: 'a@example.com', phone: null } }
    const source = JSON.parse(JSON.stringify(payload))
    const cleaned = removeEmptyValues(payload, schema) as Record<string, unknown>
    expect(Object.keys(cleaned)).toEqual(['order_id', 'note', 'extra', 'user'])
    expect(cleaned).toEqual({ order_id: 'o-1', note: 'n', extra: 1, user: { email: 'a@example.com' } })
    expect(payload).toEqual(source)
  })

  it('copies a parent whose nested object lost a value', () => {
    const payload = { order_id: 'o-1', user: { email: 'a@example.com', phone: '' } }
    const cleaned = removeEmptyValues(payload, schema) as Record<string, unknown>
    expect(cleaned).not.toBe(payload)
    expect(cleaned).toEqual({ order_id: 'o-1', user: { email: 'a@example.com' } })
    expect(payload.user).toEqual({ email: 'a@example.com', phone: '' })
  })
})
