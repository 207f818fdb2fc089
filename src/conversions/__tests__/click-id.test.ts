import { resolveClickId } from '../click-id'

const A = 'f894f652ea334e739002f7167ab8f8e3'
const B = '0123456789abcdef0123456789abcdef'
const C = 'dd4afccc-1234-4abc-9def-0123456789ab'

describe('click id resolution', () => {
  it('takes the first present source in the documented order', () => {
    const all = {
      mapped: A,
      integrations: { msclkid: B },
      properties: B,
      pageUrl: `https://shop.example/?msclkid=${B}`,
      cookie: `_uet${B}`
    }
    expect(resolveClickId(all)).toEqual({ value: A, source: 'mapped' })
    expect(resolveClickId({ ...all, mapped: undefined })).toEqual({ value: B, source: 'integrations' })
    expect(resolveClickId({ properties: A, pageUrl: `https://x.example/?msclkid=${B}` })).toEqual({
      value: A,
      source: 'properties'
    })
    expect(
      resolveClickId({ pageUrl: `https://x.example/p?utm_source=bing&msclkid=${A}#top`, cookie: `_uet${B}` })
    ).toEqual({ value: A, source: 'pageUrl' })
  })

  it('reads the _uetmsclkid cookie value or a whole Cookie header, stripping the _uet prefix', () => {
    expect(resolveClickId({ cookie: `_uet${A}` })).toEqual({ value: A, source: 'cookie' })
    expect(resolveClickId({ cookie: `ajs_anonymous_id=x; _uetmsclkid=_uet${A}; other=1` })).toEqual({
      value: A,
      source: 'cookie'
    })
  })

  it('reads the campaign context after the page URL and before the cookie', () => {
    expect(resolveClickId({ campaign: { name: 'spring', msclkid: A }, cookie: `_uet${B}` })).toEqual({
      value: A,
      source: 'campaign'
    })
    expect(resolveClickId({ pageUrl: `https://x.example/?msclkid=${B}`, campaign: { msclkid: A } })).toEqual({
      value: B,
      source: 'pageUrl'
    })
    expect(
      resolveClickId({ pageUrl: 'https://x.example/?q=1', campaign: { source: 'bing' }, cookie: `_uet${B}` })
    ).toEqual({ value: B, source: 'cookie' })
    expect(() => resolveClickId({ campaign: { msclkid: 'nope' } })).toThrow(/campaign context/)
  })

  it('accepts the dashed GUID form', () => {
    expect(resolveClickId({ mapped: C })?.value).toBe(C)
  })

  it('skips blank values and never invents one', () => {
    expect(resolveClickId({ mapped: '', properties: '  ', pageUrl: 'https://x.example/?q=1' })).toBeUndefined()
    expect(resolveClickId(undefined)).toBeUndefined()
  })

  it('rejects a malformed first value, naming where it came from', () => {
    expect(() => resolveClickId({ mapped: 'abc', properties: A })).toThrow(
      /microsoft_click_id: is not a Microsoft click id.*mapped field/
    )
    expect(() => resolveClickId({ pageUrl: 'https://x.example/?msclkid=zzz' })).toThrow(/page URL/)
  })
})

describe('the browser module cookie', () => {
  it('reads msads_msclkid (<id>.<click time>) before _uetmsclkid in a Cookie header, and as a bare value', () => {
    expect(resolveClickId({ cookie: `_uetmsclkid=_uet${B}; msads_msclkid=${A}.1795000000000` })).toEqual({
      value: A,
      source: 'cookie'
    })
    expect(resolveClickId({ cookie: `${A}.1795000000000` })).toEqual({ value: A, source: 'cookie' })
  })
})
