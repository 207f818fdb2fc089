import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMicrosoftClickId } from '../../conversions/click-id'
import { formatClickCookie, isClickId, parseClickCookie, parseUetCookie } from '../click-id-cookie'
import { MODULE_VERSION } from '../constants'

const CLICK = 'f894f652ea334e739002f7167ab8f8e3'
const GUID = 'dd4afccc-1234-4abc-9def-0123456789ab'

describe('click id shape', () => {
  it('accepts the 32-hex and dashed GUID forms, in either case', () => {
    for (const value of [CLICK, CLICK.toUpperCase(), GUID, GUID.toUpperCase()]) expect(isClickId(value)).toBe(true)
  })

  it('rejects everything else', () => {
    for (const value of [
      undefined,
      null,
      '',
      ' ' + CLICK,
      CLICK + '\n',
      CLICK.slice(1),
      CLICK + 'a',
      GUID.replace(/-/g, '_'),
      `{${GUID}}`
    ]) {
      expect(isClickId(value)).toBe(false)
    }
  })

  it('agrees with the core, which validates the click id again on the server', () => {
    const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEFg-'.split(''))
    const candidate = fc.oneof(
      fc.string({ unit: hexDigit, minLength: 30, maxLength: 38 }),
      fc.constantFrom(CLICK, GUID),
      fc.string()
    )
    fc.assert(
      fc.property(candidate, (value) => isClickId(value) === isMicrosoftClickId(value)),
      { numRuns: 2000 }
    )
  })
})

describe('cookie value', () => {
  it('holds the click id and the click time in epoch milliseconds', () => {
    const clickTimeMs = Date.UTC(2026, 4, 1, 10, 30, 0, 250)
    const value = formatClickCookie(CLICK, clickTimeMs)
    expect(value).toBe(`${CLICK}.${clickTimeMs}`)
    expect(parseClickCookie(value)).toEqual({ msclkid: CLICK, clickTime: '2026-05-01T10:30:00.250Z' })
    expect(parseClickCookie(formatClickCookie(GUID, clickTimeMs))).toEqual({
      msclkid: GUID,
      clickTime: '2026-05-01T10:30:00.250Z'
    })
  })

  it('gives nothing for a value it did not write', () => {
    for (const value of [
      '',
      CLICK,
      `${CLICK}.`,
      `${CLICK}.abc`,
      `${CLICK}.-1`,
      `${CLICK}.1e12`,
      `nope.1700000000000`,
      `${CLICK}.${'9'.repeat(16)}`
    ]) {
      expect(parseClickCookie(value)).toBeUndefined()
    }
  })
})

describe("Microsoft's _uetmsclkid value", () => {
  it('is _uet followed by the click id', () => {
    expect(parseUetCookie(`_uet${CLICK}`)).toEqual({ msclkid: CLICK })
    for (const value of [CLICK, `_uet`, `_uet${CLICK}0`, `uet${CLICK}`, `_UET${CLICK}`])
      expect(parseUetCookie(value)).toBeUndefined()
  })
})

it("reports the package's version to analytics.js", () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }
  expect(MODULE_VERSION).toBe(version)
})
