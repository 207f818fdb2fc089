/** The browser tests' Chromium lookup: the variable wins, the system browser is optional, the npm one always serves. */
import { accessSync, constants } from 'node:fs'
import { chooseChromium } from './chromium'

it('uses the executable MSADS_CHROMIUM_PATH names', () => {
  expect(chooseChromium({ MSADS_CHROMIUM_PATH: process.execPath })).toEqual({
    executablePath: process.execPath,
    args: [],
    source: 'MSADS_CHROMIUM_PATH'
  })
})

it.each(['none', '/nonexistent/chromium'])(
  'with MSADS_CHROMIUM_PATH=%s, unpacks the npm-shipped headless Chromium instead of the system one',
  (value) => {
    const choice = chooseChromium({ MSADS_CHROMIUM_PATH: value })
    expect(choice.source).toBe('npm')
    expect(choice.executablePath).not.toBe('/usr/bin/chromium')
    expect(() => accessSync(choice.executablePath, constants.X_OK)).not.toThrow()
    expect(choice.args).toContain('--no-sandbox')
    expect(choice.args).not.toContain('--disable-web-security')
  },
  180_000
)
