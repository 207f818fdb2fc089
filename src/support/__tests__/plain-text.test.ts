import { plainText } from '../plain-text'

describe('plainText', () => {
  it('keeps strings as they are and writes numbers and booleans as String does', () => {
    expect(plainText(' 123 ')).toBe(' 123 ')
    expect(plainText('')).toBe('')
    expect(plainText(42)).toBe('42')
    expect(plainText(1.5e21)).toBe('1.5e+21')
    expect(plainText(false)).toBe('false')
    expect(plainText(10n)).toBe('10')
  })

  it('writes objects and arrays as their JSON, never [object Object]', () => {
    expect(plainText({ nested: true })).toBe('{"nested":true}')
    expect(plainText(['a', 1])).toBe('["a",1]')
  })

  it('has no text for undefined, null or what JSON cannot write', () => {
    expect(plainText(undefined)).toBeUndefined()
    expect(plainText(null)).toBeUndefined()
    expect(plainText(() => 1)).toBeUndefined()
  })
})
