import { createHash } from 'crypto'
import fc from 'fast-check'
import { hashEmail, normalizeEmail } from '../email'
import { hashPhone, normalizePhone, parsePhoneCountry } from '../phone'
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import { InputError } from '../input-error'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

describe('email hashing', () => {
  it("matches Microsoft's published vector", () => {
    expect(hashEmail('john@contoso.com')).toBe('ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602')
  })

  it('trims and lowercases mixed-case emails with spaces', () => {
    expect(hashEmail('  John@Contoso.COM \t')).toBe('ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602')
  })

  it("applies Microsoft's local-part rules: dots and +alias removed, accents stripped", () => {
    expect(normalizeEmail('J.o.h.n+newsletter@Contoso.com')).toBe('john@contoso.com')
    expect(normalizeEmail('José.Núñez@example.es')).toBe('josenunez@example.es')
    expect(normalizeEmail('jo hn@contoso.com')).toBe('john@contoso.com')
    // The domain keeps its dots.
    expect(normalizeEmail('a.b@mail.contoso.co.uk')).toBe('ab@mail.contoso.co.uk')
  })

  it('passes an already-hashed value through, lowercased', () => {
    const digest = sha('someone@example.com')
    expect(hashEmail(digest)).toBe(digest)
    expect(hashEmail(digest.toUpperCase())).toBe(digest)
  })

  it('treats empty values as absent and rejects non-emails naming the field', () => {
    expect(hashEmail('')).toBeUndefined()
    expect(hashEmail('   ')).toBeUndefined()
    expect(hashEmail(null)).toBeUndefined()
    expect(() => hashEmail('not-an-email')).toThrow(InputError)
    expect(() => hashEmail(42)).toThrow(/email: must be a string/)
  })

  it('hashes plain ASCII emails (the one-pass path) exactly as the general normalisation does', () => {
    const outcome = (email: string) => {
      try {
        return hashEmail(email)
      } catch (error) {
        return (error as InputError).rule
      }
    }
    const general = (email: string) => {
      const normalized = normalizeEmail(email)
      return /^[^@]+@[^@]+\.[^@]*[^.]$/.test(normalized) ? sha(normalized) : 'format'
    }
    const cases = [
      'A.B+c.d@X.com',
      'a+@b.co',
      '+a@b.co',
      '.a.@b.co',
      'a.b@c.d.e',
      'ab@c.com',
      'AB@C.COM',
      'a+b+c@d.com'
    ]
    const accented = [
      'Chloé.12+x@Example.org',
      'José.Núñez@example.es',
      'é@b.co',
      '\u0301@b.co',
      'ß.a@b.de',
      'a é@b.co'
    ]
    for (const email of [...cases, ...accented, 'a@b@c.com', 'a.b@c.', 'ab@.com', 'ab', 'a+b.c@D.Org', 'é@b@c.co']) {
      expect([email, outcome(email)]).toEqual([email, general(email)])
    }
    expect(hashEmail('J.o.h.n+news@Contoso.com')).toBe(sha('john@contoso.com'))
  })

  it('hashes every Latin-1 letter, and any mix with ASCII and combining marks, as the general normalisation does', () => {
    const latin1 = Array.from({ length: 0x40 }, (_, i) => String.fromCharCode(0xc0 + i))
    const general = (email: string) => {
      const normalized = normalizeEmail(email)
      return /^[^@]+@[^@]+\.[^@]*[^.]$/.test(normalized) ? sha(normalized) : 'format'
    }
    const outcome = (email: string) => {
      try {
        return hashEmail(email)
      } catch (error) {
        return (error as InputError).rule
      }
    }
    for (const letter of latin1) {
      for (const email of [`a${letter}b.c+d@x.com`, `${letter}@${letter}x.org`, `ab@x${letter}.${letter}`]) {
        expect([email, outcome(email)]).toEqual([email, general(email)])
      }
    }
    const alphabet = [...'aZ.+@-_ 9', ...latin1, '\u0301', '\u0308', 'İ', 'ı', '\u00a0']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 16 }), (chars) => {
        const email = chars.join('')
        fc.pre(email.trim() !== '') // blank is no email at all, not a malformed one
        expect([email, outcome(email)]).toEqual([email, general(email)])
      }),
      { numRuns: 3000 }
    )
  })
})

describe('phone hashing', () => {
  it("matches Microsoft's published vector, with the + kept", () => {
    expect(hashPhone('+14255551234')).toBe('c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e')
  })

  it.each([
    ['+1 (425) 555-1234', undefined],
    ['+1.425.555.1234', undefined],
    ['001 425 555 1234', undefined],
    ['(425) 555-1234', 'US'],
    ['425-555-1234', 'US'],
    ['4255551234', 'US']
  ] as const)('normalises %s (default country %s) to E.164', (raw, country) => {
    expect(normalizePhone(raw, country)).toBe('+14255551234')
    expect(hashPhone(raw, country)).toBe('c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e')
  })

  it('reads North American national numbers with or without the trunk 1, and leaves the rest to full parsing', () => {
    expect(normalizePhone('1 (425) 555-1234', 'US')).toBe('+14255551234')
    expect(normalizePhone('14255551234', 'CA')).toBe('+14255551234')
    // An area code or exchange starting with 0 or 1 is not a NANP national number: full parsing decides.
    const read = (raw: string, parse: (raw: string) => string | undefined) => {
      try {
        return parse(raw)
      } catch (error) {
        return (error as InputError).rule
      }
    }
    const library = (raw: string) => {
      const parsed = parsePhoneNumberFromString(raw, 'US')
      return parsed?.isPossible() ? parsed.number : 'e164'
    }
    for (const raw of ['1255551234', '4251551234', '425555123', '142555512345', '24255551234']) {
      expect([raw, read(raw, (r) => normalizePhone(r, 'US'))]).toEqual([raw, read(raw, library)])
    }
  })

  it('hashes plain phone numbers (the bytes path) exactly as the hash of their normalised text', () => {
    const raws = [
      '+1 (425) 555-1234',
      '(+1) 425 555 1234',
      '425.555.1234',
      '1-425-555-1234',
      '+44 20 7946 0958',
      '+0425551234'
    ]
    for (const raw of [...raws, '00 44 20 7946 0958', '+1234567', '12345', '425/555/1234', '(425) 555-1234 ext 9']) {
      for (const country of ['US', 'GB', undefined] as const) {
        const viaText = (() => {
          try {
            return sha(normalizePhone(raw, country))
          } catch (error) {
            return (error as InputError).message
          }
        })()
        const direct = (() => {
          try {
            return hashPhone(raw, country)
          } catch (error) {
            return (error as InputError).message
          }
        })()
        expect([raw, country, direct]).toEqual([raw, country, viaText])
      }
    }
  })

  it('uses the default country for national numbers of other countries', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958')
    expect(normalizePhone('06 12 34 56 78', 'FR')).toBe('+33612345678')
    expect(normalizePhone('+44 20 7946 0958', 'FR')).toBe('+442079460958')
  })

  it('rejects a national number without a default country, saying so', () => {
    expect(() => normalizePhone('(425) 555-1234')).toThrow(/no default country/)
    expect(() => hashPhone('call me', 'US')).toThrow(/phone: cannot be read as a phone number/)
  })

  it('passes an already-hashed value through', () => {
    const digest = sha('+14255551234')
    expect(hashPhone(digest.toUpperCase())).toBe(digest)
  })
})

describe('the default phone country setting', () => {
  it('reads a two-letter code in any case, and nothing from a blank value', () => {
    expect(parsePhoneCountry(' gb ')).toEqual({ country: 'GB' })
    expect(parsePhoneCountry('US')).toEqual({ country: 'US' })
    expect(parsePhoneCountry('')).toEqual({})
    expect(parsePhoneCountry(undefined)).toEqual({})
  })

  it('names the problem for anything else', () => {
    for (const value of ['USA', 'ZZ', '1', 44, { country: 'US' }])
      expect(parsePhoneCountry(value).problem).toMatch(/two-letter country code/)
  })
})
