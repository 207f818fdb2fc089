import type { ConsentState } from '../../conversions/consent'

/** As both destinations read it: unset keeps sending (granted), an unknown value is denied, the safe reading. */
export function consentDefaultOf(value: string | undefined): ConsentState {
  const choice = (value ?? '').trim().toLowerCase()
  return choice === '' || choice === 'granted' ? 'granted' : 'denied'
}
