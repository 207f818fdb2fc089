import { stalePages } from '../generate-docs'

describe('generated documentation', () => {
  it('is current with the code it is generated from (run `npm run docs` when this fails)', () => {
    expect(stalePages()).toEqual([])
  })
})
