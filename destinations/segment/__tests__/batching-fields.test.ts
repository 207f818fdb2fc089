import destination from '../index'

describe('batching fields', () => {
  it.each(Object.keys(destination.actions))(
    '%s: batching is on and read-only, its size hidden, as ms-bing-capi does',
    (name) => {
      const { fields, performBatch } = destination.actions[name]
      expect(performBatch).toBeInstanceOf(Function)
      expect(fields.enable_batching).toMatchObject({ type: 'boolean', default: true, readOnly: true })
      expect(fields.batch_size).toMatchObject({ default: 1000, maximum: 1000, readOnly: true, unsafe_hidden: true })
    }
  )
})
