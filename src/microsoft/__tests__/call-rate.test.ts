import { CallRate, callRateOf, isCallRateExceeded, setCallRatePacing } from '../call-rate'

/** A clock the pace sleeps on: sleeping moves it. */
function fakeClock() {
  const clock = {
    time: 1_000_000,
    slept: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.slept.push(ms)
      clock.time += ms
    }
  }
  return clock
}

describe('the pace of Campaign Management calls (117 CallRateExceeded)', () => {
  it('is unlimited until Microsoft answers 117', async () => {
    const clock = fakeClock()
    const pace = new CallRate(clock)
    for (let i = 0; i < 50; i++) await pace.acquire()
    expect(clock.slept).toEqual([])
    expect(pace.perMinute).toBeUndefined()
  })

  it('halves to the calls of the last minute after a 117, and waits for the window', async () => {
    const clock = fakeClock()
    const pace = new CallRate(clock)
    for (let i = 0; i < 10; i++) {
      await pace.acquire()
      clock.time += 1000
    }
    pace.throttled()
    expect(pace.perMinute).toBe(5)
    await pace.acquire()
    // The ten calls of the last minute fill the new limit of five: wait until the oldest leaves the window.
    expect(clock.slept.length).toBeGreaterThan(0)
    expect(clock.slept[0]).toBe(50_000)
  })

  it('cuts once per minute: the other 117s of that minute answer calls made before the cut', async () => {
    const clock = fakeClock()
    const pace = new CallRate(clock)
    for (let i = 0; i < 8; i++) await pace.acquire()
    pace.throttled()
    pace.throttled()
    expect(pace.perMinute).toBe(4)
    clock.time += 61_000
    for (let i = 0; i < 4; i++) await pace.acquire()
    pace.throttled()
    expect(pace.perMinute).toBe(2)
  })

  it('rises slowly again: one call per minute more for each answer without 117, then unlimited', () => {
    const pace = new CallRate(fakeClock())
    pace.throttled()
    expect(pace.perMinute).toBe(1)
    pace.answered()
    pace.answered()
    expect(pace.perMinute).toBe(3)
    for (let i = 0; i < 10_000; i++) pace.answered()
    expect(pace.perMinute).toBeUndefined()
  })

  it('recognises a 117 by HTTP 429 or by its code in the fault body', () => {
    expect(isCallRateExceeded(429, '')).toBe(true)
    expect(isCallRateExceeded(400, '{"Errors":[{"Code":117,"ErrorCode":"CallRateExceeded"}]}')).toBe(true)
    expect(isCallRateExceeded(200, '{"PartialErrors":[{"Code":1170}]}')).toBe(false)
  })

  it('is shared per account only when the process turns pacing on', () => {
    expect(callRateOf('a')).toBeUndefined()
    setCallRatePacing(true)
    try {
      expect(callRateOf('a')).toBe(callRateOf('a'))
      expect(callRateOf('a')).not.toBe(callRateOf('b'))
    } finally {
      setCallRatePacing(false)
    }
  })
})
